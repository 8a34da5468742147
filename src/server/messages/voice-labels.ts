import type { TFunction } from 'i18next';

/** The VoiceRecorder island's words, in the reader's language (easy-read, from client.json). */
export function voiceLabels(t: TFunction | ((key: string, options?: Record<string, unknown>) => string)) {
  const l = (key: string) => (t as (k: string) => string)(`client:messages.voice.${key}`);
  return {
    record: l('record'),
    stop: l('stop'),
    listenFirst: l('listenFirst'),
    send: l('send'),
    discard: l('discard'),
    seconds: l('seconds'),
    noMicrophone: l('noMicrophone'),
    tooLong: l('tooLong'),
    failed: l('failed'),
  };
}
