import { useEffect, useRef, useState } from 'preact/hooks';
import { LISTEN_ICON, STOP_ICON } from './icons';
import { IslandPicture } from '../IslandPicture';
import { readableSentences, type Sentence } from './sentences';

/**
 * Kuuntele: reads the page's main content aloud with the browser's own speech synthesis,
 * in the page's language (a text marked with another lang, in that one), only when asked,
 * sentence by sentence, marking the block being read
 * and highlighting the sentence being spoken so the reader can follow along.
 * Hidden until it knows the browser can speak, so nobody meets a button that does nothing; on a
 * tablet with no voice for the page's language it says so in words instead of staying silent.
 */
interface Props {
  lang: 'fi' | 'sv' | 'en';
  listenLabel: string;
  stopLabel: string;
  /** "Tämä tabletti ei osaa lukea suomea ääneen." in the page's language. */
  noVoiceLabel: string;
}

const BCP47 = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;
/** The CSS Custom Highlight's name (::highlight(listen-sentence) in client.css). */
const HIGHLIGHT = 'listen-sentence';
/** How long to wait for the voice list: many browsers fill it a moment after the page loads. */
const VOICES_WAIT_MS = 1500;

type HighlightRegistry = Map<string, unknown>;
const highlights = (): HighlightRegistry | undefined => (globalThis.CSS as unknown as { highlights?: HighlightRegistry })?.highlights;
const HighlightClass = (): (new (...ranges: Range[]) => unknown) | undefined => (globalThis as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;

/** A voice for the language: "fi-FI", "fi" (and "fi_FI", as some Android versions write it). */
function voiceFor(lang: string): SpeechSynthesisVoice | undefined {
  return window.speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === lang);
}

/** The voice list, waiting a little for it when it is still empty (Chromium fills it late). */
function loadedVoice(lang: string): Promise<SpeechSynthesisVoice | undefined> {
  const synth = window.speechSynthesis;
  if (synth.getVoices().length > 0) return Promise.resolve(voiceFor(lang));
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      synth.removeEventListener?.('voiceschanged', done);
      resolve(voiceFor(lang));
    };
    const timer = setTimeout(done, VOICES_WAIT_MS);
    synth.addEventListener?.('voiceschanged', done);
  });
}

export default function ListenButton({ lang, listenLabel, stopLabel, noVoiceLabel }: Props) {
  const [supported, setSupported] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  const [noVoice, setNoVoice] = useState(false);
  const current = useRef<HTMLElement | null>(null);
  // Each press gets its own number, so a stopped reading's late events change nothing.
  const reading = useRef(0);

  useEffect(() => {
    const can = 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';
    setSupported(can);
    // Asking once starts the voice list loading in browsers that load it on demand.
    if (can) window.speechSynthesis.getVoices();
    return () => {
      window.speechSynthesis?.cancel();
      highlights()?.delete(HIGHLIGHT);
    };
  }, []);

  function mark(sentence: Sentence | null) {
    const block = sentence?.block ?? null;
    if (current.current !== block) {
      current.current?.classList.remove('reading');
      current.current = block;
      block?.classList.add('reading');
      block?.scrollIntoView({ block: 'nearest' });
    }
    const registry = highlights();
    const Highlight = HighlightClass();
    // Where the browser has no Custom Highlight API the block's own marking still shows the place.
    if (!registry || !Highlight) return;
    if (sentence) registry.set(HIGHLIGHT, new Highlight(sentence.range));
    else registry.delete(HIGHLIGHT);
  }

  function stop() {
    reading.current++;
    window.speechSynthesis.cancel();
    mark(null);
    setSpeaking(false);
  }

  async function start() {
    const synth = window.speechSynthesis;
    synth.cancel();
    const id = ++reading.current;
    const voice = await loadedVoice(lang);
    if (id !== reading.current) return;
    if (!voice) {
      // Without a voice the browser would read Finnish with an English voice, or say nothing.
      setNoVoice(true);
      return;
    }
    setNoVoice(false);
    const sentences = readableSentences(lang);
    if (sentences.length === 0) return;
    setSpeaking(true);
    // One utterance per sentence: each one's start event says which sentence is being spoken,
    // in every engine (word boundary events are missing or unreliable in many voices).
    sentences.forEach((sentence, i) => {
      const utterance = new SpeechSynthesisUtterance(sentence.text);
      const sentenceLang = sentence.lang === 'fi' || sentence.lang === 'sv' || sentence.lang === 'en' ? sentence.lang : lang;
      utterance.lang = BCP47[sentenceLang];
      // A Finnish-only text on a Swedish page: the Finnish voice if the tablet has one, else the
      // browser's own choice for fi-FI (never the Swedish voice reading Finnish words).
      const own = sentenceLang === lang ? voice : voiceFor(sentenceLang);
      if (own) utterance.voice = own;
      utterance.rate = 0.9; // a little slower than default: easier to follow
      utterance.onstart = () => id === reading.current && mark(sentence);
      if (i === sentences.length - 1) utterance.onend = () => id === reading.current && stop();
      synth.speak(utterance);
    });
  }

  return (
    <>
      <button
        type="button"
        class="button primary"
        hidden={!supported}
        aria-pressed={speaking}
        aria-describedby={noVoice ? 'listen-no-voice' : undefined}
        onClick={() => (speaking ? stop() : start())}
        data-listen
      >
        <IslandPicture concept={speaking ? 'stop' : 'listen'} body={speaking ? STOP_ICON : LISTEN_ICON} size={36} />
        {speaking ? stopLabel : listenLabel}
      </button>
      {/* Always in the page, so screen readers hear the words when they appear in it. A live
          region rather than role=status: the page's own notices are the status messages. */}
      <div aria-live="polite" class="listen-no-voice" data-listen-no-voice data-no-read>
        {noVoice && <p id="listen-no-voice">{noVoiceLabel}</p>}
      </div>
    </>
  );
}
