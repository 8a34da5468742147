import { randomUUID } from 'node:crypto';
import { field } from '../forms';
import { LONGEST_CONSENT_DAYS, isInfoType, isRecipientType, parseDayInput, recipientNeedsName, type InfoType, type RecipientType } from '@domain/consent';
import { addDays } from '@domain/attendance/month';
import { LINK_BASES, LINK_LEVELS, type LinkBasis, type LinkLevel } from './store';

/**
 * The two staff forms of the consent pages, read and checked in one place: a consent given on
 * paper (recipient, information, period, date signed, witness) and a family link (account,
 * basis, level, note, end date). Each returns the typed values (kept on error) and the errors
 * by field, or the checked values to save.
 */
export interface PaperConsentValues {
  key: string;
  recipient: string;
  name: string;
  info: string[];
  purpose: string;
  startsOn: string;
  endsOn: string;
  signedOn: string;
  witness: string;
}

export interface PaperConsent {
  recipientType: RecipientType;
  recipientName: string;
  information: InfoType[];
  purpose: string | null;
  startsOn: string;
  endsOn: string;
  signedOn: string;
  witness: string | null;
}

export function emptyPaperConsent(today: string): PaperConsentValues {
  return { key: randomUUID(), recipient: '', name: '', info: [], purpose: '', startsOn: today, endsOn: '', signedOn: today, witness: '' };
}

export function readPaperConsent(form: FormData, today: string): { values: PaperConsentValues; errors: Record<string, string>; ok: PaperConsent | null } {
  const values: PaperConsentValues = {
    key: field(form, 'key', 100) || randomUUID(),
    recipient: field(form, 'recipient', 30),
    name: field(form, 'name', 600).trim(),
    info: form.getAll('info').filter((v): v is string => typeof v === 'string').slice(0, 20),
    purpose: field(form, 'purpose', 1500).trim(),
    startsOn: field(form, 'starts_on', 40).trim(),
    endsOn: field(form, 'ends_on', 40).trim(),
    signedOn: field(form, 'signed_on', 40).trim(),
    witness: field(form, 'witness', 600).trim(),
  };
  const errors: Record<string, string> = {};
  if (!isRecipientType(values.recipient)) errors.recipient = 'pickRecipient';
  else if (recipientNeedsName(values.recipient) && !values.name) errors.name = 'nameMissing';
  if (values.name.length > 120) errors.name = 'nameTooLong';
  if (values.info.some((i) => !isInfoType(i))) errors.info = 'unknownInfo';
  else if (values.info.length === 0) errors.info = 'pickInfo';
  if (values.purpose.length > 300) errors.purpose = 'purposeTooLong';
  const startsOn = parseDayInput(values.startsOn);
  const endsOn = parseDayInput(values.endsOn);
  const signedOn = parseDayInput(values.signedOn);
  if (!startsOn) errors.starts_on = 'startsOn';
  if (!endsOn) errors.ends_on = 'endsOn';
  else if (endsOn < today) errors.ends_on = 'endsPast';
  else if (startsOn && endsOn < startsOn) errors.ends_on = 'endsBeforeStart';
  else if (endsOn > addDays(startsOn || today, LONGEST_CONSENT_DAYS)) errors.ends_on = 'endsTooFar';
  if (!signedOn) errors.signed_on = 'signedOn';
  else if (signedOn > today) errors.signed_on = 'signedFuture';
  if (values.witness.length > 120) errors.witness = 'witnessTooLong';
  if (Object.keys(errors).length > 0) return { values, errors, ok: null };
  return {
    values,
    errors,
    ok: {
      recipientType: values.recipient as RecipientType,
      recipientName: values.name,
      information: values.info as InfoType[],
      purpose: values.purpose || null,
      startsOn: startsOn,
      endsOn: endsOn,
      signedOn: signedOn,
      witness: values.witness || null,
    },
  };
}

export interface FamilyLinkValues {
  key: string;
  email: string;
  basis: string;
  level: string;
  note: string;
  endsOn: string;
}

export function emptyFamilyLink(): FamilyLinkValues {
  return { key: randomUUID(), email: '', basis: '', level: '', note: '', endsOn: '' };
}

/**
 * Checks the family link form. Whether the email has an account is not a form error: the
 * answer is the same either way (consents/store.ts linkFamilyByEmail).
 */
export function readFamilyLink(form: FormData, today: string): { values: FamilyLinkValues; errors: Record<string, string>; ok: { basis: LinkBasis; level: LinkLevel; note: string; endsOn: string | null } | null } {
  const values: FamilyLinkValues = {
    key: field(form, 'key', 100) || randomUUID(),
    email: field(form, 'email', 320).trim(),
    basis: field(form, 'basis', 30),
    level: field(form, 'level', 30),
    note: field(form, 'note', 1500).trim(),
    endsOn: field(form, 'ends_on', 40).trim(),
  };
  const errors: Record<string, string> = {};
  if (!values.email) errors.email = 'emailMissing';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email) || values.email.length > 254) errors.email = 'emailBad';
  if (!(LINK_BASES as readonly string[]).includes(values.basis)) errors.basis = 'pickBasis';
  if (!(LINK_LEVELS as readonly string[]).includes(values.level)) errors.level = 'pickLevel';
  if (values.note.length > 300) errors.note = 'noteTooLong';
  else if (values.basis === 'guardian' && !values.note) errors.note = 'noteMissing';
  const endsOn = values.endsOn ? parseDayInput(values.endsOn) : null;
  if (endsOn === '') errors.ends_on = 'endsOn';
  else if (endsOn && endsOn < today) errors.ends_on = 'endsPast';
  if (Object.keys(errors).length > 0) return { values, errors, ok: null };
  return { values, errors, ok: { basis: values.basis as LinkBasis, level: values.level as LinkLevel, note: values.note, endsOn } };
}
