/**
 * What a family member may be told of a client (issue 17, point 2). Pure: the store gives the
 * link and the consents, these rules decide.
 *
 * - A worker's reply: anyone with a current link, at any level (every level reads the
 *   conversation).
 * - The client's absence report: only with the client's consent in force to tell family their
 *   schedule ("Läheinen", "Työaikataulu"), and only on a link that opens the records (a
 *   messages-only link sees no attendance). A consent that names someone is for that person
 *   alone; one without a name is for the client's family members.
 */
export type LinkLevel = 'full' | 'messages' | 'read_only';

/** A link at this level shows the client's attendance. */
export function levelSeesAbsences(level: LinkLevel): boolean {
  return level === 'full' || level === 'read_only';
}

const plain = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fi');

/**
 * Whether one of these consents (the names written for "Läheinen", '' when none) is for this
 * family member: an unnamed one, or one with their full or preferred name in any capitals.
 */
export function consentCoversFamilyMember(recipientNames: readonly string[], person: { full_name: string; preferred_name: string }): boolean {
  const own = new Set([plain(person.full_name), plain(person.preferred_name)]);
  return recipientNames.some((name) => plain(name) === '' || own.has(plain(name)));
}
