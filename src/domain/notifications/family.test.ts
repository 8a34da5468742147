import { describe, expect, it } from 'vitest';
import { consentCoversFamilyMember, levelSeesAbsences } from './family';

const maija = { full_name: 'Maija Virtanen', preferred_name: 'Maija' };

describe("a family member and the client's absence reports", () => {
  it('needs a consent for family that names nobody, or names them', () => {
    expect(consentCoversFamilyMember([], maija)).toBe(false);
    expect(consentCoversFamilyMember([''], maija)).toBe(true);
    expect(consentCoversFamilyMember(['Maija Virtanen'], maija)).toBe(true);
    expect(consentCoversFamilyMember(['  maija   VIRTANEN '], maija)).toBe(true);
    expect(consentCoversFamilyMember(['Maija'], maija)).toBe(true);
    expect(consentCoversFamilyMember(['Eero Virtanen'], maija)).toBe(false);
    expect(consentCoversFamilyMember(['Äiti'], maija)).toBe(false);
    expect(consentCoversFamilyMember(['Eero Virtanen', 'Maija Virtanen'], maija)).toBe(true);
    expect(consentCoversFamilyMember(['ÅSA ÖRN'], { full_name: 'Åsa Örn', preferred_name: 'Åsa' })).toBe(true);
  });

  it('needs a link that shows attendance: not a messages-only one', () => {
    expect(levelSeesAbsences('full')).toBe(true);
    expect(levelSeesAbsences('read_only')).toBe(true);
    expect(levelSeesAbsences('messages')).toBe(false);
  });
});
