/**
 * Mounts the browser-only components into their places: `<div data-client-only="listen"
 * data-props="{…}">`. The easy-read layout has the Kuuntele button and a shared tablet's idle
 * warning on every page (src/layouts/EasyReadLayout.astro); the messages pages have the voice
 * recorder and the draft keeper (src/components/messages/, the worker's conversation page).
 *
 * They were Astro islands. On every page view an island costs the server more than its markup:
 * Astro writes its props and options as HTML-escaped JSON, and the attribute writer tries every
 * value holding "&" as a URL, which throws and is caught, twice per island (`npm run bench --
 * --profile`: 3.8 % of `/client`, 3.5 % of `/client/messages`), and every page with one carried
 * the island loader inline. This one module, loaded by a `<script>` of the page, does the same
 * with the same Preact components.
 *
 * A place that holds the component's server markup already (the draft keeper's status line,
 * written so the form does not move when it mounts) is hydrated; an empty one is rendered into.
 */
import { h, hydrate, render, type ComponentType } from 'preact';
import ListenButton from './ListenButton/ListenButton';
import IdleWarning from './IdleWarning/IdleWarning';

type Loaded = ComponentType<never>;

/** On every easy-read page: bundled with this module. */
const ON_EVERY_PAGE: Record<string, Loaded> = {
  listen: ListenButton,
  'idle-warning': IdleWarning,
};

/** Only on the messages pages: each its own chunk, fetched by the pages that have its place. */
const ON_SOME_PAGES: Record<string, () => Promise<{ default: Loaded }>> = {
  'voice-recorder': () => import('./VoiceRecorder/VoiceRecorder'),
  'message-draft': () => import('./MessageDraft/MessageDraft'),
};

function mount(place: HTMLElement, component: Loaded): void {
  const vnode = h(component, JSON.parse(place.dataset.props ?? '{}') as never);
  if (place.firstElementChild) hydrate(vnode, place);
  else render(vnode, place);
  // Read by the browser tests (tests/e2e/security.test.ts): the component is in its place.
  place.dataset.mounted = 'true';
}

export function mountClientOnly(): void {
  for (const place of document.querySelectorAll<HTMLElement>('[data-client-only]')) {
    const name = place.dataset.clientOnly ?? '';
    if (place.dataset.mounted) continue;
    const component = ON_EVERY_PAGE[name];
    if (component) mount(place, component);
    else if (ON_SOME_PAGES[name]) {
      ON_SOME_PAGES[name]()
        .then((module) => mount(place, module.default))
        .catch((error: unknown) => console.error(`Omapolku: could not load ${name}`, error));
    }
  }
}
