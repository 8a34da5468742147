import type { T } from '@server/i18n';
import type { InfoType, RecipientType } from '@domain/consent';
import type { PictureConcept } from '@domain/pictures/concepts';

/** The picture of each recipient type and information type, the same on every consent page. */
export const RECIPIENT_PICTURE: Record<RecipientType, PictureConcept> = {
  housing: 'housing',
  health_centre: 'health-centre',
  te_services: 'te-services',
  kela: 'kela',
  workplace: 'workplace',
  family: 'family',
  other: 'organisation',
};

export const INFO_PICTURE: Record<InfoType, PictureConcept> = {
  medication: 'medication',
  health: 'health',
  schedule: 'attendance',
  plan: 'plan',
  contact: 'contact',
};

/**
 * Who a consent is for, in words: "Asumisyksikkö: Koivukoti", or the type alone when no name was
 * given. One wording everywhere the recipient is named (cards, history, questions, staff pages).
 */
export function recipientWords(t: T, type: RecipientType, name: string): string {
  const typeWords = t(`client:consents.recipient.${type}`);
  return name ? t('client:consents.recipientNamed', { type: typeWords, name }) : typeWords;
}
