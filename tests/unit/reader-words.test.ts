/**
 * Issue 14, point 5: the parts that client and family pages share (plan, goals, money, messages,
 * consents, the worker's contact) speak to the client ("Saat 95,20 €") and, on a family member's
 * page, about the client by name ("Matti saa 95,20 €"). Renders every easy-read example of those
 * components as a family member reads it, in fi, sv and en, with Astro's container API and a
 * real `tFor(lang)`, and reads the text: the client's name is there, no words that speak to the
 * client are, no key is missing, and no sum is written with signs.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { tFor } from '@server/i18n';
import { mathSignsIn } from '@domain/easy-read/math-signs';
import { TO_THE_CLIENT } from '../helpers/easy-words';
import type { Example } from '@components/examples';
import PlanView from '@components/plan/PlanView.astro';
import GoalsView from '@components/plan/GoalsView.astro';
import MoneyView from '@components/attendance/MoneyView.astro';
import MessageList from '@components/messages/MessageList.astro';
import ConsentCards from '@components/consents/ConsentCards.astro';
import WorkerContact from '@components/WorkerContact.astro';
import { examples as planExamples } from '@components/plan/PlanView.examples';
import { examples as goalsExamples } from '@components/plan/GoalsView.examples';
import { examples as moneyExamples } from '@components/attendance/MoneyView.examples';
import { examples as messageExamples } from '@components/messages/MessageList.examples';
import { examples as consentExamples } from '@components/consents/ConsentCards.examples';
import { examples as contactExamples } from '@components/WorkerContact.examples';

type AnyExamples = Record<string, Example<Record<string, unknown>>>;
const LANGS = ['fi', 'sv', 'en'] as const;
type Lang = (typeof LANGS)[number];
const NAME = 'Matti';
const FAMILY = { as: 'family', name: NAME } as const;

/** The shared parts, and how a family member's page gives them the reader. */
const PARTS: { name: string; component: AstroComponentFactory; examples: AnyExamples; family: Record<string, unknown> }[] = [
  { name: 'PlanView', component: PlanView, examples: planExamples, family: { reader: FAMILY } },
  { name: 'GoalsView', component: GoalsView, examples: goalsExamples, family: { reader: FAMILY, answering: false, saved: null, form: null } },
  { name: 'MoneyView', component: MoneyView, examples: moneyExamples, family: { reader: FAMILY } },
  { name: 'MessageList', component: MessageList, examples: messageExamples, family: { viewer: 'family', clientName: NAME, me: 6 } },
  { name: 'ConsentCards', component: ConsentCards, examples: consentExamples, family: { reader: FAMILY, withdrawBase: null } },
  { name: 'WorkerContact', component: WorkerContact, examples: contactExamples, family: { reader: FAMILY } },
];

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const locals = (lang: Lang) =>
  Object.defineProperty({ lang, t: tFor(lang), actor: null, sessionEnded: null, clientAddress: '127.0.0.1', overTls: false }, 'client', {
    get() {
      throw new Error('no client in scope');
    },
  }) as unknown as App.Locals;

/** The text a reader sees: tags, scripts and styles out, entities of the few kinds we write back. */
function textOf(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, '\u00a0')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/[ \t\n]+/g, ' ');
}

describe('shared parts read by a family member', () => {
  for (const part of PARTS) {
    for (const [exampleName, example] of Object.entries(part.examples)) {
      if (example.look !== 'easy-read') continue;
      for (const lang of LANGS) {
        it(`${part.name} › ${exampleName} in ${lang} speaks about ${NAME}, not to the client`, async () => {
          const html = await container.renderToString(part.component, {
            props: { ...example.props, ...part.family },
            locals: locals(lang),
            request: new Request('http://localhost/family/9'),
          });
          const text = textOf(html);
          expect(text).not.toMatch(/\b(client|family|common):[a-z]/);
          expect(text.match(TO_THE_CLIENT[lang])?.[0] ?? null, text).toBeNull();
          expect(mathSignsIn(text)).toEqual([]);
          // A date that ends a sentence ends it once ("perjantai 13.11.", not "13.11..").
          expect(text).not.toMatch(/[^.]\.\.(?!\.)/);
          // Plan, goals, money and a conversation name the client (the consent cards and the
          // worker's contact speak of "hän" and "ohjaaja", on a page whose title names the client).
          const names = ['PlanView', 'GoalsView', 'MoneyView'].includes(part.name) || (part.name === 'MessageList' && (example.props.messages as unknown[]).length > 0);
          if (names) expect(text).toContain(NAME);
        });
      }
    }
  }
});

describe('the same parts read by the client', () => {
  it('speak to the client and write sums in words', async () => {
    for (const [exampleName, example] of Object.entries(moneyExamples as AnyExamples)) {
      for (const lang of LANGS) {
        const html = await container.renderToString(MoneyView, { props: { ...example.props, reader: undefined }, locals: locals(lang), request: new Request('http://localhost/client/money') });
        const text = textOf(html);
        expect(mathSignsIn(text), `${exampleName} ${lang}`).toEqual([]);
        expect(text, `${exampleName} ${lang}`).not.toMatch(/[^.]\.\.(?!\.)/);
        expect(text, `${exampleName} ${lang}`).toMatch(TO_THE_CLIENT[lang]);
      }
    }
  });
});
