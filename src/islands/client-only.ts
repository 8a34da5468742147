/**
 * Mounts the easy-read layout's two browser-only components (the Kuuntele button and the idle
 * warning of a shared tablet) into their places: `<div data-client-only="listen"
 * data-props="{…}">` (src/layouts/EasyReadLayout.astro).
 *
 * Both render nothing on the server, so they were Astro islands with `client:only`. On every
 * client page view an island costs the server more than its markup: Astro writes its props and
 * options as HTML-escaped JSON, and the attribute writer tries every value holding "&" as a URL,
 * which throws and is caught, twice per island (`npm run bench -- --profile`: 3.8 % of `/client`),
 * and every page carried the island loader inline. This one module, loaded by a `<script>` of the
 * layout, does the same for these two with the same Preact components.
 */
import { h, render, type ComponentType } from 'preact';
import ListenButton from './ListenButton/ListenButton';
import IdleWarning from './IdleWarning/IdleWarning';

// Each component with the props it takes, as the layout writes them.
const COMPONENTS: Record<string, ComponentType<never>> = {
  listen: ListenButton,
  'idle-warning': IdleWarning,
};

export function mountClientOnly(root: ParentNode = document): void {
  for (const place of root.querySelectorAll<HTMLElement>('[data-client-only]')) {
    const component = COMPONENTS[place.dataset.clientOnly ?? ''];
    if (!component || place.dataset.mounted) continue;
    place.dataset.mounted = 'true';
    render(h(component, JSON.parse(place.dataset.props ?? '{}') as never), place);
  }
}
