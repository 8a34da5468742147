/**
 * A stand-in for the browser's speech synthesis, for page.addInitScript: headless Chromium has no
 * voices. It has voices for the languages it is given, records what the page asks it to say
 * (`window.spoken`), and plays each utterance's start and end events one after another, recording
 * which words the page highlights while each is spoken (`window.heard`).
 */
/** An utterance as it was played. */
export interface Spoken {
  text: string;
  lang: string;
  voice: string | null;
  /** The page's sentence highlight (CSS Custom Highlight) while this utterance was spoken. */
  highlighted: string | null;
}

export const RECORDING_SPEECH = ({ voiceLangs, ms = 30 }: { voiceLangs: string[]; ms?: number }) => {
  const spoken: { text: string; lang: string }[] = [];
  const heard: Spoken[] = [];
  const queue: SpeechSynthesisUtterance[] = [];
  let cancelled = false;
  Object.assign(window, { spoken, heard });
  const voices = voiceLangs.map((lang) => ({ lang, name: `Test ${lang}`, voiceURI: `test-${lang}`, default: false, localService: true }));
  const highlighted = () => {
    const highlight = (CSS as unknown as { highlights: Map<string, Iterable<Range>> }).highlights.get('listen-sentence');
    return highlight ? [...highlight].map((r) => r.toString()).join(' ') : null;
  };
  const synth = new EventTarget() as EventTarget & Record<string, unknown>;
  Object.assign(synth, {
    speak(u: SpeechSynthesisUtterance) {
      spoken.push({ text: u.text, lang: u.lang });
      queue.push(u);
      cancelled = false;
      // Utterances play one after another, as in a real browser.
      if (queue.length === 1) setTimeout(playNext, 10);
    },
    cancel() {
      cancelled = true;
      queue.length = 0;
    },
    getVoices: () => voices,
  });
  // The voice list fills a moment after the page loads, as in Chromium.
  if (voices.length > 0) setTimeout(() => synth.dispatchEvent(new Event('voiceschanged')), 50);
  function playNext() {
    const u = queue[0];
    if (!u || cancelled) return;
    u.onstart?.(new Event('start') as SpeechSynthesisEvent);
    heard.push({ text: u.text, lang: u.lang, voice: u.voice?.lang ?? null, highlighted: highlighted() });
    setTimeout(() => {
      queue.shift();
      u.onend?.(new Event('end') as SpeechSynthesisEvent);
      playNext();
    }, ms);
  }
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  // The stand-in voices are plain objects: the real utterance refuses them as its voice.
  const Real = window.SpeechSynthesisUtterance;
  class Utterance extends Real {
    #voice: unknown = null;
    get voice() {
      return this.#voice as SpeechSynthesisVoice;
    }
    set voice(v: SpeechSynthesisVoice) {
      this.#voice = v;
    }
  }
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
};

