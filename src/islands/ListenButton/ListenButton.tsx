import { useEffect, useRef, useState } from 'preact/hooks';
import { LISTEN_ICON, STOP_ICON } from './icons';

/**
 * Kuuntele: reads the page's main content aloud with the browser's own speech synthesis,
 * in the page's language (a block marked with another lang, in that one), only when asked,
 * block by block, marking the block being read.
 * Hidden until it knows the browser can speak, so nobody meets a button that does nothing.
 */
interface Props {
  lang: 'fi' | 'sv' | 'en';
  listenLabel: string;
  stopLabel: string;
}

const BCP47 = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;
const READABLE = 'h1, h2, h3, p, li, dt, dd, th, td, .tile, legend';

function readableBlocks(): HTMLElement[] {
  const main = document.getElementById('main');
  if (!main) return [];
  return Array.from(main.querySelectorAll<HTMLElement>(READABLE)).filter(
    // Skip a block nested inside another readable block (it is read with its parent) and hidden ones.
    (el) => !el.parentElement?.closest(READABLE) && !el.closest('[hidden], [data-no-read]') && el.innerText.trim() !== '',
  );
}

/**
 * The language a block is read in: that of the element holding all its words (a goal title that
 * exists only in Finnish, `<span lang="fi">`, on a Swedish page), else of the block or around it.
 */
function blockLang(block: HTMLElement, page: Props['lang']): Props['lang'] {
  const words = block.innerText.trim();
  const holder = Array.from(block.querySelectorAll<HTMLElement>('[lang]')).find((el) => el.innerText.trim() === words);
  const code = (holder ?? block.closest<HTMLElement>('[lang]'))?.lang.slice(0, 2);
  return code === 'fi' || code === 'sv' || code === 'en' ? code : page;
}

export default function ListenButton({ lang, listenLabel, stopLabel }: Props) {
  const [supported, setSupported] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  const current = useRef<HTMLElement | null>(null);

  useEffect(() => {
    setSupported('speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined');
    return () => window.speechSynthesis?.cancel();
  }, []);

  function mark(el: HTMLElement | null) {
    current.current?.classList.remove('reading');
    current.current = el;
    el?.classList.add('reading');
    el?.scrollIntoView({ block: 'nearest' });
  }

  function stop() {
    window.speechSynthesis.cancel();
    mark(null);
    setSpeaking(false);
  }

  function start() {
    const synth = window.speechSynthesis;
    synth.cancel();
    const voices = synth.getVoices();
    const blocks = readableBlocks();
    if (blocks.length === 0) return;
    setSpeaking(true);
    blocks.forEach((block, i) => {
      const utterance = new SpeechSynthesisUtterance(block.innerText.replace(/\s+/g, ' ').trim());
      const blockLanguage = blockLang(block, lang);
      const voice = voices.find((v) => v.lang.toLowerCase().startsWith(blockLanguage));
      utterance.lang = BCP47[blockLanguage];
      if (voice) utterance.voice = voice;
      utterance.rate = 0.9; // a little slower than default: easier to follow
      utterance.onstart = () => mark(block);
      if (i === blocks.length - 1) utterance.onend = () => stop();
      synth.speak(utterance);
    });
  }

  return (
    <button
      type="button"
      class="button primary"
      hidden={!supported}
      aria-pressed={speaking}
      onClick={() => (speaking ? stop() : start())}
      data-listen
    >
      <svg class="picture" viewBox="0 0 72 72" width={36} height={36} aria-hidden="true" focusable="false" dangerouslySetInnerHTML={{ __html: speaking ? STOP_ICON : LISTEN_ICON }} />
      {speaking ? stopLabel : listenLabel}
    </button>
  );
}
