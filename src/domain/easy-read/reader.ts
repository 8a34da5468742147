/**
 * Who reads a page about a client. Client pages speak to the reader ("Saat 95,20 €"); a family
 * member reads the same parts about the client, by name ("Matti saa 95,20 €"). The shared
 * components (plan, goals, money, messages, the worker's contact) take a `Reader` and pick the
 * `client:` string or the `family:` string that names the client.
 *
 * `name` is the client's preferred name in the nominative ("Matti"). The family strings are
 * written so that the name stays in the nominative ("Matti saa", "Matti kirjoitti", "Ohjaaja ja
 * Matti tekevät sen yhdessä"): a Finnish name in another case would have to be inflected by a
 * rule, and rules go wrong for real names (Tuomas → Tuomaksen, Ahti → Ahdin). See
 * `finnishGenitive` for the one place where a genitive is used, and only when it is sure.
 */
export type Reader = { as: 'client' } | { as: 'family'; name: string };

export const CLIENT_READER: Reader = { as: 'client' };

export function familyReader(name: string): Reader {
  return { as: 'family', name };
}
