/**
 * What Kuuntele reads, as sentences: the readable blocks of the page's main content (headings,
 * paragraphs, list items, tiles…), each split into its sentences, with the DOM range of every
 * sentence so the one being spoken can be highlighted without changing the page's markup.
 */
export interface Sentence {
  /** The readable block the sentence is in (marked as a whole while it is read). */
  block: HTMLElement;
  /** The words to speak, spaces tidied. */
  text: string;
  /** Where the sentence is in the page. */
  range: Range;
  /** The language it is written in (`lang` around it): a Finnish-only goal on a Swedish page is read in Finnish. */
  lang: string;
}

const READABLE = 'h1, h2, h3, p, li, dt, dd, th, td, .tile, legend';

export function readableBlocks(): HTMLElement[] {
  const main = document.getElementById('main');
  if (!main) return [];
  return Array.from(main.querySelectorAll<HTMLElement>(READABLE)).filter(
    // Skip a block nested inside another readable block (it is read with its parent) and hidden ones.
    (el) => !el.parentElement?.closest(READABLE) && !el.closest('[hidden], [data-no-read]') && el.innerText.trim() !== '',
  );
}

interface Piece {
  node: Text;
  /** Where this text node starts in the block's joined text. */
  start: number;
}

/**
 * The block's visible text nodes joined into one string. Text in different boxes (a tile's name
 * and its hint) is joined with a space, as innerText would; text hidden from view or from
 * assistive technology (pictures' insides, display:none) is left out.
 */
function joinText(block: HTMLElement): { text: string; pieces: Piece[]; breaks: number[] } {
  const pieces: Piece[] = [];
  const breaks: number[] = [];
  let text = '';
  let lastBox: Element | null = null;
  let lastLang: string | null = null;
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parent = node.parentElement;
    if (!parent || parent.closest('svg, [aria-hidden="true"], [hidden], script, style')) continue;
    if (parent.getClientRects().length === 0) continue;
    const box = boxOf(parent, block);
    // A change of language is a break too: "Klar:" and a Finnish-only step are read each in its own voice.
    const lang = languageOf(parent);
    if (lastBox && (box !== lastBox || lang !== lastLang)) {
      if (!/\s$/.test(text)) text += ' ';
      breaks.push(text.length);
    }
    lastBox = box;
    lastLang = lang;
    pieces.push({ node, start: text.length });
    text += node.data;
  }
  return { text, pieces, breaks };
}

/** The language of an element's text: its nearest `lang`, as two letters. */
function languageOf(element: Element): string {
  return (element.closest('[lang]')?.getAttribute('lang') ?? '').slice(0, 2).toLowerCase();
}

/** The nearest element (up to the block) that is laid out as a box of its own. */
function boxOf(element: Element, block: HTMLElement): Element {
  for (let el: Element | null = element; el && el !== block; el = el.parentElement) {
    if (!getComputedStyle(el).display.startsWith('inline')) return el;
  }
  return block;
}

/** The text node and offset at a position of the joined text. */
function locate(pieces: Piece[], position: number, atEnd: boolean): { node: Text; offset: number } {
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i];
    // At a sentence's end prefer the earlier node, so the range does not reach into the next one.
    if (atEnd ? position > piece.start : position >= piece.start) {
      return { node: piece.node, offset: Math.min(position - piece.start, piece.node.data.length) };
    }
  }
  return { node: pieces[0].node, offset: 0 };
}

/** Sentence spans [start, end) of a text: Intl.Segmenter where the browser has it, else by . ! ? */
function sentenceSpans(text: string, lang: string): [number, number][] {
  const Segmenter = (Intl as unknown as { Segmenter?: new (l: string, o: { granularity: 'sentence' }) => { segment(t: string): Iterable<{ index: number; segment: string }> } }).Segmenter;
  const spans: [number, number][] = [];
  if (Segmenter) {
    for (const { index, segment } of new Segmenter(lang, { granularity: 'sentence' }).segment(text)) spans.push([index, index + segment.length]);
  } else {
    const pattern = /[^.!?]+(?:[.!?]+|$)/g;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

export function readableSentences(lang: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const block of readableBlocks()) {
    const { text, pieces, breaks } = joinText(block);
    if (pieces.length === 0) continue;
    const spans = sentenceSpans(text, lang).flatMap(([start, end]) => {
      const cuts = [start, ...breaks.filter((b) => b > start && b < end), end];
      return cuts.slice(1).map((cut, i): [number, number] => [cuts[i], cut]);
    });
    for (let [start, end] of spans) {
      // Trim the spaces around the sentence so the highlight covers only its words.
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      if (start === end) continue;
      const from = locate(pieces, start, false);
      const to = locate(pieces, end, true);
      const range = document.createRange();
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      sentences.push({ block, text: text.slice(start, end).replace(/\s+/g, ' '), range, lang: languageOf(from.node.parentElement ?? block) || lang });
    }
  }
  return sentences;
}
