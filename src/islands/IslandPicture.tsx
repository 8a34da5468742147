/**
 * A picture drawn by an island, as the server writes one (src/server/pictures.ts): the OpenMoji
 * drawing bundled with the island (never sent as props on each page view, issue 19),
 * decorative beside its words, its concept named for the picture tests.
 */
export function IslandPicture({ concept, body, size }: { concept: string; body: string; size: number }) {
  return <svg class="picture" viewBox="0 0 72 72" width={size} height={size} data-concept={concept} aria-hidden="true" focusable="false" dangerouslySetInnerHTML={{ __html: body }} />;
}
