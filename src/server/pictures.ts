import { createRequire } from 'node:module';
import fs from 'node:fs';
import { markHTMLString } from 'astro/runtime/server/index.js';
import type { PictureConcept } from '@domain/pictures/concepts';
import type { PinPicture } from './auth/picture-pin';
import { PICTURE_CATALOGUE } from './picture-catalogue';
import { escapeHtml } from './html-text';

/**
 * One picture per concept across the whole portal (docs/design.md#pictures): this table is the only place
 * that says which OpenMoji (CC BY-SA 4.0, credited on /about) stands for what.
 */
export const CONCEPT_ICONS: Record<PictureConcept, string> = {
  home: 'house',
  plan: 'clipboard',
  goals: 'direct-hit',
  attendance: 'spiral-calendar',
  money: 'coin',
  messages: 'speech-balloon',
  consents: 'handshake',
  listen: 'speaker-high-volume',
  stop: 'stop-sign',
  help: 'person-raising-hand',
  'text-size': 'input-latin-letters',
  language: 'globe-with-meridians',
  'sign-out': 'door',
  person: 'bust-in-silhouette',
  worker: 'office-worker',
  family: 'family',
  card: 'identification-card',
  camera: 'camera',
  pin: 'key',
  pictures: 'framed-picture',
  tablet: 'tablet',
  'tablet-shared': 'busts-in-silhouette',
  sick: 'face-with-thermometer',
  holiday: 'palm-tree',
  present: 'person-standing',
  absent: 'chair',
  'no-service': 'no-entry',
  report: 'memo',
  'other-reason': 'keycap-asterisk',
  calendar: 'calendar',
  clock: 'alarm-clock',
  place: 'round-pushpin',
  warning: 'warning',
  lock: 'locked',
  check: 'check-mark',
  'not-yet': 'white-large-square',
  cross: 'cross-mark',
  back: 'left-arrow',
  forward: 'right-arrow',
  question: 'red-question-mark',
  'not-found': 'magnifying-glass-tilted-left',
  info: 'information',
  glossary: 'open-book',
  work: 'hammer-and-wrench',
  meal: 'fork-and-knife-with-plate',
  phone: 'telephone-receiver',
  thanks: 'red-heart',
  late: 'person-running',
  'voice-message': 'studio-microphone',
  doctor: 'health-worker',
  star: 'star',
  greeting: 'waving-hand',
  bus: 'bus',
  cooking: 'cooking',
  coffee: 'hot-beverage',
  cleaning: 'broom',
  shopping: 'shopping-cart',
  plant: 'potted-plant',
  bicycle: 'bicycle',
  print: 'printer',
  'feeling-good': 'smiling-face-with-smiling-eyes',
  'feeling-some': 'neutral-face',
  'feeling-hard': 'worried-face',
  housing: 'house-with-garden',
  'health-centre': 'hospital',
  'te-services': 'briefcase',
  kela: 'classical-building',
  workplace: 'factory',
  organisation: 'office-building',
  medication: 'pill',
  health: 'stethoscope',
  contact: 'card-index',
  hourglass: 'hourglass-not-done',
  reminder: 'bell',
  history: 'ledger',
  'access-log': 'eyes',
};

export const PIN_ICONS: Record<PinPicture, string> = {
  cat: 'cat-face',
  dog: 'dog-face',
  sun: 'sun',
  car: 'automobile',
  apple: 'red-apple',
  tree: 'deciduous-tree',
  flower: 'tulip',
  ball: 'soccer-ball',
  fish: 'fish',
};

interface IconSet {
  icons: Record<string, { body: string }>;
  aliases?: Record<string, { parent: string }>;
  width?: number;
  height?: number;
}

// Read once at start from the package (kept out of the server bundle: the set is large). Kept in
// memory: the icons above and the catalogue a worker chooses goal and place pictures from
// (about 1 700 emoji, under 3 MB), not the whole set.
/** Attributes that hold coordinates and lengths. */
const GEOMETRY = /\b(d|points|cx|cy|r|rx|ry|x|y|x1|x2|y1|y2|width|height|transform)="([^"]*)"/g;
/** A number with two or more decimals ("14.094", "-.25"). */
const LONG_DECIMAL = /-?\d*\.\d{2,}/g;

/**
 * An OpenMoji body with its coordinates to one decimal: on a 72-unit drawing shown at most 96 px
 * wide, a tenth of a unit is 0.13 px, below what a screen shows, and the page's pictures are most
 * of its bytes (issue 19: /client went from 10.5 to 8.5 KB gzip). The rounded number keeps its
 * form so path data still reads the same: always one decimal, and no "0" before the point when
 * there was none ("3.1.25" is two numbers, 3.1 and .25; it becomes "3.1.3", not "3.10.3").
 */
export function compactBody(body: string): string {
  return body.replace(GEOMETRY, (_, attribute: string, value: string) => `${attribute}="${value.replace(LONG_DECIMAL, (n) => Number(n).toFixed(1).replace(/^(-?)0\./, '$1.'))}"`);
}

const iconSet: IconSet = JSON.parse(
  fs.readFileSync(createRequire(import.meta.url).resolve('@iconify-json/openmoji/icons.json'), 'utf8'),
);
const bodies = new Map<string, string>();
for (const name of [...Object.values(CONCEPT_ICONS), ...Object.values(PIN_ICONS), ...PICTURE_CATALOGUE.map((p) => p.name)]) {
  const icon = iconSet.icons[name] ?? iconSet.icons[iconSet.aliases?.[name]?.parent ?? ''];
  if (!icon) throw new Error(`OpenMoji icon missing: ${name}`);
  bodies.set(name, compactBody(icon.body));
}
export const ICON_VIEWBOX = `0 0 ${iconSet.width ?? 72} ${iconSet.height ?? 72}`;

export function iconBody(name: string): string {
  const body = bodies.get(name);
  if (!body) throw new Error(`Unknown picture: ${name}`);
  return body;
}

let instance = 0;
/**
 * Some OpenMoji bodies define ids (<defs>, <use href="#…">). A page may show the same picture
 * many times, and ids must be unique in a document, so each inlined copy gets its own suffix.
 */
export function iconBodyWithUniqueIds(name: string): string {
  const body = iconBody(name);
  if (!hasIds(name)) return body;
  const suffix = `-${(instance = (instance + 1) % 1_000_000)}`;
  return body.replace(/\bid="([^"]+)"/g, `id="$1${suffix}"`).replace(/(href="#|url\(#)([^")]+)/g, `$1$2${suffix}`);
}

/**
 * The sizes a picture may have, in px at normal text size. On easy-read pages client.css gives each
 * its size in rem instead (`.picture[width="48"]`), so pictures grow with the text-size setting
 * (Iso, Isompi) like the words beside them; src/server/pictures.test.ts checks that every
 * size here has its rule. Elsewhere (staff pages, print) the width and height attributes apply.
 */
export const PICTURE_SIZES = [24, 32, 36, 40, 44, 48, 56, 64, 72, 80, 96] as const;
export type PictureSize = (typeof PICTURE_SIZES)[number];

type PictureOptions = {
  /** Required: '' only when the words beside the picture say the same thing (it is then hidden). */
  alt: string;
  size?: PictureSize;
  className?: string;
} & (
  | { concept: PictureConcept }
  | { pin: PinPicture }
  /** A picture chosen in the picker (goals, places); `fallback` if the stored name is unknown. */
  | { icon: string; fallback: PictureConcept }
);


/**
 * An OpenMoji picture as inline SVG, written straight into a template: `{picture({ … })}`.
 * A plain function marking its markup as HTML, rather than an Astro component or a
 * `<Fragment set:html>`: a page shows twenty or more pictures, and a component render each
 * was a third of the client home page's server time in the benchmark.
 */
export function picture(options: PictureOptions): ReturnType<typeof markHTMLString> {
  const key = cacheKey(options);
  if (key === null) return markHTMLString(pictureMarkup(options));
  let marked = renderedPictures.get(key);
  if (marked === undefined) {
    marked = markHTMLString(pictureMarkup(options));
    renderedPictures.set(key, marked);
  }
  return marked;
}

/**
 * A portal picture (a concept or a PIN picture) with no ids in its drawing is the same markup
 * every time it is shown with the same size, class and words: made once and kept, not built
 * again for each of the twenty to sixty pictures of every page view (issue 19). Pictures a
 * worker chose (their stored name comes from the database) and drawings with ids (each copy
 * needs its own) are made each time. The keys are few: the register's concepts and PIN
 * pictures times the sizes and the translated alt texts of three languages.
 */
const renderedPictures = new Map<string, ReturnType<typeof markHTMLString>>();

/** Whether a drawing has ids, read once per drawing rather than searched on every picture shown. */
const drawnWithIds = new Map<string, boolean>();

function hasIds(name: string): boolean {
  let found = drawnWithIds.get(name);
  if (found === undefined) {
    found = iconBody(name).includes('id="');
    drawnWithIds.set(name, found);
  }
  return found;
}

function cacheKey(options: PictureOptions): string | null {
  if ('icon' in options) return null;
  const name = 'concept' in options ? CONCEPT_ICONS[options.concept] : PIN_ICONS[options.pin];
  if (name === undefined || hasIds(name)) return null;
  if (renderedPictures.size > 10_000) renderedPictures.clear();
  const meaning = 'concept' in options ? `c${options.concept}` : `p${options.pin}`;
  return `${meaning}\u0000${options.size ?? 48}\u0000${options.className ?? ''}\u0000${options.alt}`;
}

/**
 * What a picture stands for, written on it so that a test in the browser can read it
 * (tests/e2e/pictures.test.ts): `data-concept="…"` for a concept of the register, or
 * `data-picture="content"` for a picture a worker chose from the catalogue for a goal or a place
 * and `data-picture="pin"` for a picture of the picture code. Content pictures are not concepts:
 * they show what the worker's own words beside them say (the goal's title, the place's name), so
 * the same emoji may stand for two different goals, and a worker may pick an emoji the register
 * also uses; the register's rule (one picture, one meaning) is for the portal's own pictures.
 */
function meaningAttribute(options: PictureOptions): string {
  if ('concept' in options) return `data-concept="${options.concept}"`;
  if ('pin' in options) return 'data-picture="pin"';
  // An unknown stored name falls back to a concept's picture: then it is that concept.
  return bodies.has(options.icon) ? 'data-picture="content"' : `data-concept="${options.fallback}"`;
}

/** The SVG markup itself, as a plain string. */
export function pictureMarkup(options: PictureOptions): string {
  const name =
    'concept' in options
      ? CONCEPT_ICONS[options.concept]
      : 'pin' in options
        ? PIN_ICONS[options.pin]
        : bodies.has(options.icon)
          ? options.icon
          : CONCEPT_ICONS[options.fallback];
  const size = options.size ?? 48;
  const className = options.className ? `picture ${escapeHtml(options.className)}` : 'picture';
  const a11y = options.alt ? `role="img" aria-label="${escapeHtml(options.alt)}"` : 'aria-hidden="true"';
  const meaning = meaningAttribute(options);
  return `<svg class="${className}" viewBox="${ICON_VIEWBOX}" width="${size}" height="${size}" ${meaning} ${a11y} focusable="false">${iconBodyWithUniqueIds(name)}</svg>`;
}

/**
 * Each weekday's own colour on its calendar-page picture, as in the picture schedules many
 * clients know from school and home. The colour only helps: the day's name is written on the
 * picture and beside it, so nobody needs to tell colours apart.
 */
const WEEKDAY_COLOURS = ['#2e7d32', '#1565c0', '#8d6e63', '#6a1b9a', '#f9a825', '#c62828', '#ad1457'];

/**
 * A weekday's picture: a calendar page in the day's colour with the day's first letters
 * ("Ma", "Ti"…). Decorative (aria-hidden): the full name is always written next to it.
 */
export function weekdayPicture(isoWeekday: number, dayName: string, size: PictureSize = 48): ReturnType<typeof markHTMLString> {
  // Seven days times three languages times a few sizes: each made once (a month's calendar shows
  // one for every day, issue 19).
  const key = `${isoWeekday}\u0000${size}\u0000${dayName}`;
  let marked = weekdayPictures.get(key);
  if (marked === undefined) {
    marked = makeWeekdayPicture(isoWeekday, dayName, size);
    if (weekdayPictures.size > 1000) weekdayPictures.clear();
    weekdayPictures.set(key, marked);
  }
  return marked;
}

const weekdayPictures = new Map<string, ReturnType<typeof markHTMLString>>();

function makeWeekdayPicture(isoWeekday: number, dayName: string, size: PictureSize): ReturnType<typeof markHTMLString> {
  const colour = WEEKDAY_COLOURS[(isoWeekday - 1) % 7];
  const letters = escapeHtml(dayName.slice(0, 2).replace(/^./, (c) => c.toUpperCase()));
  return markHTMLString(
    `<svg class="picture weekday-picture" viewBox="0 0 72 72" width="${size}" height="${size}" data-picture="weekday" data-weekday="${isoWeekday}" aria-hidden="true" focusable="false">` +
      `<rect x="6" y="8" width="60" height="58" rx="8" fill="#ffffff" stroke="#1a1a1a" stroke-width="3"/>` +
      `<path d="M6 16a8 8 0 0 1 8-8h44a8 8 0 0 1 8 8v8H6z" fill="${colour}" stroke="#1a1a1a" stroke-width="3"/>` +
      `<line x1="22" y1="3" x2="22" y2="14" stroke="#1a1a1a" stroke-width="4" stroke-linecap="round"/>` +
      `<line x1="50" y1="3" x2="50" y2="14" stroke="#1a1a1a" stroke-width="4" stroke-linecap="round"/>` +
      `<text x="36" y="56" text-anchor="middle" font-size="26" font-weight="700" fill="#1a1a1a" font-family="inherit">${letters}</text>` +
      `</svg>`,
  );
}
