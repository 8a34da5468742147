/**
 * Typed i18next keys: every `t('ns:key')` is checked against the Finnish resources (the source
 * language), so a missing or mistyped key fails `astro check`.
 */
import 'i18next';
import type auth from '../locales/fi/auth.json';
import type client from '../locales/fi/client.json';
import type common from '../locales/fi/common.json';
import type errors from '../locales/fi/errors.json';
import type family from '../locales/fi/family.json';
import type help from '../locales/fi/help.json';
import type mail from '../locales/fi/mail.json';
import type staff from '../locales/fi/staff.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: { auth: typeof auth; client: typeof client; common: typeof common; errors: typeof errors; family: typeof family; help: typeof help; mail: typeof mail; staff: typeof staff };
  }
}
