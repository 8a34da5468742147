import type { APIRoute } from 'astro';
import { findPictures } from '@server/picture-catalogue';
import { pictureMarkup } from '@server/pictures';

/**
 * Matches for the picture picker's live search (islands/PictureSearch), as JSON. Lives beside
 * the client record pages because the same people use it: workers and the unit's admins (the
 * middleware lets no one else in). It reads no client data.
 */
export const GET: APIRoute = ({ url, locals }) => {
  const query = (url.searchParams.get('q') ?? '').slice(0, 100);
  const { lang, t } = locals;
  const found = findPictures(query).map((p) => ({
    name: p.name,
    label: p.labels[lang] ?? p.labels.en,
    svg: pictureMarkup({ icon: p.name, fallback: 'question', alt: '', size: 48 }),
  }));
  const status = found.length ? t('staff:picker.found', { count: found.length, query }) : t('staff:picker.noneFound', { query });
  return new Response(JSON.stringify({ found, status }), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
};
