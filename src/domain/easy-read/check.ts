/**
 * The automatic part of the easy-read rules (docs/easy-read.md, "Checked by a test") for Finnish,
 * Swedish and English client text. Pure: the content test, the build and the worker's live
 * check in the plan editor all call the same functions.
 */

export const LIMITS = {
  sentenceWords: 12,
  averageSentenceWords: 9,
  paragraphSentences: 3,
  paragraphWords: 50,
  wordLetters: 20,
} as const;

export type Rule =
  | 'sentence-length'
  | 'average-sentence-length'
  | 'paragraph-sentences'
  | 'paragraph-words'
  | 'abbreviation'
  | 'punctuation'
  | 'all-caps'
  | 'long-word';

export interface Issue {
  rule: Rule;
  /** Plain English for developers and reviewers. */
  message: string;
  /** The offending part of the text, as written (placeholders included). */
  excerpt: string;
  /** For an abbreviation: the whole words to write instead, per language. */
  instead?: Partial<Record<Lang, string>>;
}

export interface CheckOptions {
  /** Glossary terms and aliases of the text's language; compared in lower case. */
  glossary?: ReadonlySet<string>;
}

import type { Lang } from '@domain/language';
export type { Lang };

// ---------------------------------------------------------------------------------------------
// Placeholders and markup

// Private-use characters cannot occur in real text, so a masked placeholder is one word that
// no rule can mistake for anything else, and it can be put back for excerpts.
const MASK_START = '\uE000';
const MASK_END = '\uE001';
const MASKED = new RegExp(`${MASK_START}(\\d+)${MASK_END}`, 'g');
// `{{name}}` interpolation (also `{{- html}}` and `{{value, number}}`) and `$t(key)` nesting:
// the reader sees a value there, never the braces or parentheses.
const PLACEHOLDER = /\{\{[^{}]*\}\}|\$t\([^()]*\)/g;
// Trans components and simple inline tags carry no words of their own.
const TAG = /<\/?[A-Za-z0-9]+(?:\s[^<>]*)?\/?>/g;

interface Masked {
  text: string;
  restore: (masked: string) => string;
}

function mask(raw: string): Masked {
  const originals: string[] = [];
  const text = raw
    .replace(PLACEHOLDER, (placeholder) => {
      originals.push(placeholder);
      return `${MASK_START}${originals.length - 1}${MASK_END}`;
    })
    .replace(TAG, '');
  return {
    text,
    restore: (masked) => masked.replace(MASKED, (_, index: string) => originals[Number(index)] ?? ''),
  };
}

const isPlaceholderWord = (word: string) => word.includes(MASK_START);

// ---------------------------------------------------------------------------------------------
// Paragraphs, sentences, words

/** A paragraph is a block separated by blank lines; single line breaks are just spaces. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0);
}

// A run of end marks, maybe closed by a quote, followed by a space or the end of the text.
const SENTENCE_END = /[.!?…]+["'”’»]*(?=\s|$)/g;

interface Span {
  text: string;
  at: number;
}

function splitMaskedSentences(paragraph: string): Span[] {
  const sentences: Span[] = [];
  let start = 0;
  for (const match of paragraph.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    const next = paragraph.slice(end).trimStart();
    // After a full stop, a lower-case word means the sentence goes on: "maanantai 24.11. kello
    // 8.30", "2. kerros". Finnish, Swedish and English sentences start with a capital, a digit
    // or a placeholder. "!" and "?" always end a sentence.
    const onlyFullStops = /^[.…]+["'”’»]*$/.test(match[0]);
    if (onlyFullStops && /^\p{Ll}/u.test(next)) continue;
    sentences.push(spanOf(paragraph, start, end));
    start = end;
  }
  sentences.push(spanOf(paragraph, start, paragraph.length));
  return sentences.filter((sentence) => words(sentence.text).length > 0);
}

function spanOf(text: string, from: number, to: number): Span {
  const slice = text.slice(from, to);
  return { text: slice.trim(), at: from + (slice.length - slice.trimStart().length) };
}

/**
 * Sentences of one paragraph, in order. Numbers such as "5,37", "8.30" and "24.11." stay whole;
 * a date at the end of a sentence still ends it. The read-aloud highlight can use the same split.
 */
export function splitSentences(paragraph: string): string[] {
  const { text, restore } = mask(paragraph);
  return splitParagraphs(text)
    .flatMap(splitMaskedSentences)
    .map((sentence) => restore(sentence.text));
}

/** Tokens that a reader reads as words: anything with a letter, a digit or a placeholder. */
function words(text: string): Span[] {
  return [...text.matchAll(/\S+/g)]
    .filter(([token]) => /[\p{L}\p{N}]/u.test(token) || isPlaceholderWord(token))
    .map((match) => ({ text: match[0], at: match.index }));
}

export function countWords(text: string): number {
  return words(mask(text).text).length;
}

const trimPunctuation = (token: string) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

const letterCount = (word: string) => word.match(/\p{L}/gu)?.length ?? 0;

// ---------------------------------------------------------------------------------------------
// Abbreviations

interface Abbreviation {
  /** Regular-expression source, matched case-insensitively as a whole token. */
  pattern: string;
  /** What to write instead, in the abbreviation's own language(s). */
  instead: Partial<Record<Lang, string>>;
}

// A period is required where the bare letters could be a real word ("mm", "n", "t", "ns");
// it is optional where no language of ours has such a word ("klo", "esim", "osv", "etc").
// Spaced forms ("t. ex.") are caught too because writers type them both ways.
const ABBREVIATIONS: readonly Abbreviation[] = [
  // Finnish, the docs/easy-read.md list first
  { pattern: 'esim\\.?', instead: { fi: 'esimerkiksi' } },
  { pattern: 'ns\\.', instead: { fi: 'niin sanottu' } },
  { pattern: 'jne\\.?', instead: { fi: 'ja niin edelleen' } },
  { pattern: 'yms\\.?', instead: { fi: 'ja muuta sellaista' } },
  { pattern: 'mm\\.', instead: { fi: 'muun muassa', sv: 'med mera' } },
  { pattern: 'ks\\.', instead: { fi: 'katso' } },
  { pattern: 'n\\.', instead: { fi: 'noin' } },
  { pattern: 'ym\\.', instead: { fi: 'ja muut' } },
  { pattern: 'klo\\.?', instead: { fi: 'kello' } },
  { pattern: 'vrt\\.?', instead: { fi: 'vertaa' } },
  { pattern: 't\\.', instead: { fi: 'terveisin' } },
  { pattern: 'ts\\.', instead: { fi: 'toisin sanoen' } },
  { pattern: 'tms\\.?', instead: { fi: 'tai muuta sellaista' } },
  { pattern: 'huom\\.', instead: { fi: 'huomaa' } },
  { pattern: 'puh\\.', instead: { fi: 'puhelin' } },
  { pattern: 'kpl', instead: { fi: 'kappaletta' } },
  // Swedish
  { pattern: 't\\.\\s?ex\\.?', instead: { sv: 'till exempel' } },
  { pattern: 'bl\\.\\s?a\\.?', instead: { sv: 'bland annat' } },
  { pattern: 'o\\.\\s?s\\.\\s?v\\.?', instead: { sv: 'och så vidare' } },
  { pattern: 'osv\\.?', instead: { sv: 'och så vidare' } },
  { pattern: 'dvs\\.?', instead: { sv: 'det vill säga' } },
  { pattern: 'm\\.\\s?fl\\.?', instead: { sv: 'med flera' } },
  { pattern: 's\\.\\s?k\\.?', instead: { sv: 'så kallad' } },
  { pattern: 'kl\\.?', instead: { sv: 'klockan' } },
  { pattern: 'ca\\.?', instead: { sv: 'cirka', en: 'about' } },
  // English
  { pattern: 'e\\.\\s?g\\.?', instead: { en: 'for example' } },
  { pattern: 'i\\.\\s?e\\.?', instead: { en: 'that is' } },
  { pattern: 'etc\\.?', instead: { en: 'and so on', sv: 'och så vidare', fi: 'ja niin edelleen' } },
  { pattern: 'approx\\.?', instead: { en: 'about' } },
  { pattern: 'a\\.\\s?m\\.?', instead: { en: 'in the morning' } },
  { pattern: 'p\\.\\s?m\\.?', instead: { en: 'in the afternoon' } },
];

// Whole token only: not after a letter, digit, period, apostrophe, colon or hyphen (so "n." in
// "Vantaan." or "{{name}}:n." and "t." in "don't." are not abbreviations), and not followed by
// a letter or digit (so "t." in "t.ex." is left to the longer pattern).
const ABBREVIATION = new RegExp(
  `(?<![\\p{L}\\p{N}.'’:\\-${MASK_END}])(?:${[...ABBREVIATIONS]
    .sort((a, b) => b.pattern.length - a.pattern.length)
    .map((abbreviation) => abbreviation.pattern)
    .join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

function abbreviationFor(found: string): Abbreviation | undefined {
  return ABBREVIATIONS.find((abbreviation) => new RegExp(`^(?:${abbreviation.pattern})$`, 'iu').test(found));
}

// ---------------------------------------------------------------------------------------------
// Long words and the glossary

// Finnish inflects by changing the end of a word ("toteuttamissuunnitelma" → "…suunnitelmaan",
// "avotyötoiminta" → "avotyötoiminnassa"), so an inflected form is covered when it starts with
// the glossary term minus its last 2 letters. The stem must still be at least 16 letters long,
// so that a short term ("työosuusraha") cannot vouch for every long compound that starts with it:
// "työosuusrahalaskelma" is a new hard word and needs its own entry.
const MIN_STEM_LETTERS = 16;
const INFLECTION_LETTERS = 2;

function coveredByGlossary(word: string, glossary: ReadonlySet<string>): boolean {
  const lower = word.toLowerCase();
  for (const rawTerm of glossary) {
    const term = rawTerm.toLowerCase();
    if (lower === term) return true;
    if (term.length < MIN_STEM_LETTERS) continue;
    const stem = term.slice(0, Math.max(term.length - INFLECTION_LETTERS, MIN_STEM_LETTERS));
    if (lower.startsWith(stem)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Checking

const EXCERPT_MAX = 80;
const CONTEXT_CHARS = 20;

function shorten(text: string): string {
  return text.length <= EXCERPT_MAX ? text : `${text.slice(0, EXCERPT_MAX - 1).trimEnd()}…`;
}

/** The match with a few words either side, cut at spaces so that no word is shown in half. */
function around(text: string, index: number, length: number): string {
  let from = Math.max(0, index - CONTEXT_CHARS);
  let to = Math.min(text.length, index + length + CONTEXT_CHARS);
  if (from > 0) from = Math.min(index, text.indexOf(' ', from) + 1 || index);
  if (to < text.length) to = Math.max(index + length, text.lastIndexOf(' ', to));
  return `${from > 0 ? '…' : ''}${text.slice(from, to).trim()}${to < text.length ? '…' : ''}`;
}

interface ParagraphResult {
  issues: Issue[];
  sentenceWordCounts: number[];
}

function checkParagraph(paragraph: string, restore: Masked['restore'], glossary: ReadonlySet<string>): ParagraphResult {
  // Each issue remembers where it starts, so that a writer gets them in reading order.
  const found: { at: number; issue: Issue }[] = [];
  const report = (at: number, issue: Issue) => found.push({ at, issue });
  const shown = restore(paragraph);
  const sentences = splitMaskedSentences(paragraph);
  const sentenceWordCounts = sentences.map((sentence) => words(sentence.text).length);

  if (sentences.length > LIMITS.paragraphSentences) {
    report(0, {
      rule: 'paragraph-sentences',
      message: `Paragraph has ${sentences.length} sentences; at most ${LIMITS.paragraphSentences}. Start a new paragraph.`,
      excerpt: shorten(shown),
    });
  }

  const paragraphWords = sentenceWordCounts.reduce((sum, count) => sum + count, 0);
  if (paragraphWords > LIMITS.paragraphWords) {
    report(0, {
      rule: 'paragraph-words',
      message: `Paragraph has ${paragraphWords} words; at most ${LIMITS.paragraphWords}. Start a new paragraph.`,
      excerpt: shorten(shown),
    });
  }

  sentences.forEach((sentence, index) => {
    const count = sentenceWordCounts[index];
    if (count > LIMITS.sentenceWords) {
      report(sentence.at, {
        rule: 'sentence-length',
        message: `Sentence has ${count} words; at most ${LIMITS.sentenceWords}. Split it into two sentences.`,
        excerpt: shorten(restore(sentence.text)),
      });
    }
  });

  for (const match of paragraph.matchAll(ABBREVIATION)) {
    const instead = abbreviationFor(match[0])?.instead ?? {};
    const suggestions = [...new Set(Object.values(instead))].join(' / ');
    report(match.index, {
      rule: 'abbreviation',
      message: `Abbreviation "${match[0]}": write the whole word${suggestions ? ` (${suggestions})` : ''}.`,
      excerpt: restore(around(paragraph, match.index, match[0].length)),
      instead,
    });
  }

  // A pair of parentheses is one issue, not two.
  for (const match of paragraph.matchAll(/\([^()]*\)?|\)|;/g)) {
    report(match.index, {
      rule: 'punctuation',
      message: match[0] === ';'
        ? 'Semicolon: end the sentence with a full stop and start a new one.'
        : 'Parentheses: say it in its own sentence, or leave it out.',
      excerpt: restore(around(paragraph, match.index, Math.min(match[0].length, EXCERPT_MAX))),
    });
  }

  for (const token of words(paragraph)) {
    if (isPlaceholderWord(token.text)) continue;
    const word = trimPunctuation(token.text);
    if (isAllCaps(word)) {
      report(token.at, {
        rule: 'all-caps',
        message: `"${word}" is in capital letters. Write it in lower case or use a plain word.`,
        excerpt: word,
      });
    }
    if (letterCount(word) > LIMITS.wordLetters && !coveredByGlossary(word, glossary)) {
      report(token.at, {
        rule: 'long-word',
        message: `"${word}" has ${letterCount(word)} letters; over ${LIMITS.wordLetters} only with a glossary entry. Prefer a shorter word.`,
        excerpt: word,
      });
    }
  }

  return { issues: found.sort((a, b) => a.at - b.at).map(({ issue }) => issue), sentenceWordCounts };
}

// Single letters ("A", "B") are fine, and so are codes with digits ("A4", "2B"): they are not
// shouted words. A word with any lower-case letter is fine too, so compounds such as
// "QR-koodi" and "TE-palvelut" pass while a bare "QR", "PIN" or "OK" does not: easy-read text
// says "kuvakoodi" and "Valmis". No allowlist on purpose.
function isAllCaps(word: string): boolean {
  if (/\p{N}/u.test(word)) return false;
  const letters = word.match(/\p{L}/gu) ?? [];
  return letters.length >= 2 && letters.every((letter) => /\p{Lu}/u.test(letter));
}

function analyse(text: string, options: CheckOptions): ParagraphResult {
  const glossary = options.glossary ?? new Set<string>();
  const { text: masked, restore } = mask(text);
  const results = splitParagraphs(masked).map((paragraph) => checkParagraph(paragraph, restore, glossary));
  return {
    issues: results.flatMap((result) => result.issues),
    sentenceWordCounts: results.flatMap((result) => result.sentenceWordCounts),
  };
}

/** Checks one text: each block between blank lines is a paragraph. No page average. */
export function checkText(text: string, options: CheckOptions = {}): Issue[] {
  return analyse(text, options).issues;
}

/**
 * Checks the texts of one page (one locale file, one content page): each text as with
 * `checkText`, plus the average sentence length over all of them.
 */
export function checkPage(paragraphs: readonly string[], options: CheckOptions = {}): Issue[] {
  const results = paragraphs.map((text) => ({ text, ...analyse(text, options) }));
  const issues = results.flatMap((result) => result.issues);
  const counts = results.flatMap((result) => result.sentenceWordCounts);
  const average = counts.length ? counts.reduce((sum, count) => sum + count, 0) / counts.length : 0;
  if (average > LIMITS.averageSentenceWords) {
    const longest = results
      .flatMap((result) => splitSentences(result.text))
      .reduce((a, b) => (countWords(b) > countWords(a) ? b : a), '');
    issues.push({
      rule: 'average-sentence-length',
      message: `Sentences on this page average ${average.toFixed(1)} words; at most ${LIMITS.averageSentenceWords}. Shorten the longest ones.`,
      excerpt: shorten(longest),
    });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Markdown content

/**
 * The text a reader sees in an easy-read Markdown page, as paragraphs: headings and list items
 * are paragraphs of their own (they have no full stop, and a list is read item by item);
 * link targets, image sources, emphasis marks and HTML comments are not text.
 */
export function paragraphsFromMarkdown(markdown: string): string[] {
  const paragraphs: string[] = [];
  const plain = markdown.replace(/<!--[\s\S]*?-->/g, '');
  for (const block of plain.split(/\n[ \t]*\n/)) {
    let current: string[] = [];
    const flush = () => {
      if (current.length) paragraphs.push(current.join(' '));
      current = [];
    };
    for (const line of block.split('\n')) {
      const startsItem = /^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>\s?)/.test(line);
      if (startsItem) flush();
      const text = line.replace(/^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)/, '').trim();
      if (text) current.push(text);
      if (/^\s{0,3}#{1,6}\s/.test(line)) flush();
    }
    flush();
  }
  return paragraphs.map(inlineMarkdownToText).filter((paragraph) => paragraph.length > 0);
}

function inlineMarkdownToText(text: string): string {
  return text
    // A link target may hold one level of parentheses: [text](/a_(b)).
    .replace(/!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(?<![\p{L}\p{N}])[*_]([^*_]+)[*_](?![\p{L}\p{N}])/gu, '$1')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Hints for the worker's live check

export interface Hint {
  /** i18n key of a short, friendly explanation, e.g. `easyRead.hint.long-word`. */
  id: `easyRead.hint.${Rule}`;
  excerpt: string;
  /** A whole word to write instead of an abbreviation, in the text's language when we know it. */
  instead?: string;
}

/**
 * The issues of a text the worker is writing for a client, as hint keys in reading order with
 * duplicates removed (the same long word used three times is one hint).
 */
export function hintsFor(text: string, lang: Lang, options: CheckOptions = {}): Hint[] {
  const seen = new Set<string>();
  const hints: Hint[] = [];
  for (const issue of checkText(text, options)) {
    const key = `${issue.rule}\n${issue.excerpt}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const hint: Hint = { id: `easyRead.hint.${issue.rule}`, excerpt: issue.excerpt };
    if (issue.instead) hint.instead = issue.instead[lang] ?? Object.values(issue.instead)[0];
    hints.push(hint);
  }
  return hints;
}
