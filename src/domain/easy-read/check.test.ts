import { describe, expect, it } from 'vitest';
import {
  checkPage,
  checkText,
  countWords,
  hintsFor,
  paragraphsFromMarkdown,
  splitSentences,
  type Rule,
} from './check';

const rules = (text: string, glossary?: Set<string>): Rule[] => checkText(text, { glossary }).map((issue) => issue.rule);

describe('splitSentences', () => {
  it('splits on full stop, question and exclamation marks', () => {
    expect(splitSentences('Tänään olet töissä. Tuletko huomenna? Kiitos!')).toEqual([
      'Tänään olet töissä.',
      'Tuletko huomenna?',
      'Kiitos!',
    ]);
  });

  it('keeps money, times and dates inside a sentence whole', () => {
    expect(splitSentences('Raha on 5,37 € päivässä. Tule kello 8.30. Maanantai 24.11. kello 9 on palaveri.')).toEqual([
      'Raha on 5,37 € päivässä.',
      'Tule kello 8.30.',
      'Maanantai 24.11. kello 9 on palaveri.',
    ]);
  });

  it('ends a sentence at a date when the next sentence starts', () => {
    expect(splitSentences('Palaveri on maanantai 24.11. Ota kortti mukaan.')).toEqual([
      'Palaveri on maanantai 24.11.',
      'Ota kortti mukaan.',
    ]);
    expect(splitSentences('Palaveri on maanantai 24.11.')).toEqual(['Palaveri on maanantai 24.11.']);
  });

  it('keeps placeholders and ends a sentence before one', () => {
    expect(splitSentences('Hei. {{name}} lähetti viestin.')).toEqual(['Hei.', '{{name}} lähetti viestin.']);
  });

  it('treats a text without an end mark as one sentence', () => {
    expect(splitSentences('Lähetä viesti')).toEqual(['Lähetä viesti']);
  });
});

describe('countWords', () => {
  it('counts a placeholder as one word and a lone symbol as none', () => {
    expect(countWords('Sinulle tulee {{amount, number}} € ja $t(common.more).')).toBe(5);
  });
});

describe('sentence length', () => {
  it('allows 12 words', () => {
    expect(rules('Yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen yksitoista kaksitoista.')).toEqual([]);
  });

  it('flags 13 words', () => {
    const issues = checkText('Yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen yksitoista kaksitoista kolmetoista.');
    expect(issues.map((issue) => issue.rule)).toEqual(['sentence-length']);
    expect(issues[0].message).toContain('13 words');
  });
});

describe('paragraphs', () => {
  it('allows 3 sentences', () => {
    expect(rules('Tämä on Omapolku. Täällä näet asiasi. Voit kysyä ohjaajalta.')).toEqual([]);
  });

  it('flags 4 sentences in one paragraph', () => {
    expect(rules('Tämä on Omapolku. Täällä näet asiasi. Voit kysyä. Paina kuvaa.')).toEqual(['paragraph-sentences']);
  });

  it('treats blank lines as paragraph breaks and single line breaks as spaces', () => {
    expect(rules('Tämä on Omapolku. Täällä näet asiasi.\n\nVoit kysyä.\nPaina kuvaa.')).toEqual([]);
  });

  // 3 sentences of at most 12 words cannot reach 50 words, so the word limit only ever fires
  // together with another rule; what matters is where it starts.
  const ten = 'Yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen.';
  it('allows 50 words', () => {
    const fifty = Array.from({ length: 5 }, () => ten).join(' ');
    expect(rules(fifty)).toEqual(['paragraph-sentences']);
  });

  it('flags 51 words', () => {
    const fiftyOne = `${Array.from({ length: 5 }, () => ten).join(' ')} Lisää.`;
    const issues = checkText(fiftyOne).filter((issue) => issue.rule === 'paragraph-words');
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toContain('51 words');
  });
});

describe('abbreviations', () => {
  it.each([
    ['Tule klo 8.30.', 'klo'],
    ['Ota mukaan esim. eväät.', 'esim.'],
    ['Raha on n. 5 €.', 'n.'],
    ['Tuo kuvat, paperit jne.', 'jne.'],
    ['Siellä on mm. kahvia.', 'mm.'],
    ['Katso ks. sivu 2.', 'ks.'],
    ['Kiitos. T. Maija', 'T.'],
    ['Ta med t.ex. matsäck.', 't.ex.'],
    ['Ta med t. ex. matsäck.', 't. ex.'],
    ['Kom kl. 8.30.', 'kl.'],
    ['Det finns bl.a. kaffe.', 'bl.a.'],
    ['Kaffe, te osv.', 'osv.'],
    ['Bring food, e.g. bread.', 'e.g.'],
    ['Bring food, drinks etc.', 'etc.'],
    ['Det kostar ca 5 €.', 'ca'],
  ])('flags %j', (text, abbreviation) => {
    const issues = checkText(text).filter((issue) => issue.rule === 'abbreviation');
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toContain(`"${abbreviation}"`);
  });

  it.each([
    'Tule kello 8.30.',
    'Raha tulee Vantaan.',
    'Se on {{name}}:n.',
    'Tämä on 2. kerros.',
    'I don\'t.',
    'Kloori ei ole täällä.',
    'Bor du i Esbo?',
    'Ilmoita poissaolo ajoissa.',
  ])('does not flag %j', (text) => {
    expect(rules(text)).not.toContain('abbreviation');
  });

  it('suggests the whole word', () => {
    expect(checkText('Tule klo 9.')[0].message).toContain('kello');
  });
});

describe('punctuation', () => {
  it('flags a semicolon', () => {
    expect(rules('Tule ajoissa; ota kortti.')).toEqual(['punctuation']);
  });

  it('flags a pair of parentheses once', () => {
    const issues = checkText('Ota kortti (se on sininen).');
    expect(issues.map((issue) => issue.rule)).toEqual(['punctuation']);
    expect(issues[0].excerpt).toContain('(se on sininen)');
  });

  it('does not flag i18next nesting', () => {
    expect(rules('Katso $t(glossary.plan) tästä.')).toEqual([]);
  });

  it('allows commas, colons, dashes and the euro sign', () => {
    expect(rules('Paikka: Lieto. Kello 8.30–14.00, raha 5,37 €.')).toEqual([]);
  });
});

describe('all caps', () => {
  it.each(['Paina OK.', 'Kirjoita PIN.', 'Lue tämä HETI.', 'Näytä QR.'])('flags %j', (text) => {
    expect(rules(text)).toEqual(['all-caps']);
  });

  it.each(['Tulosta A4-paperille.', 'Valitse A tai B.', 'Näytä QR-koodi.', 'Soita Kelaan.', 'Katso koodi 4B7K.'])(
    'does not flag %j',
    (text) => {
      expect(rules(text)).toEqual([]);
    },
  );
});

describe('long words', () => {
  const glossary = new Set(['toteuttamissuunnitelma', 'työosuusraha', 'kuntouttava työtoiminta']);

  it('allows a word of 20 letters', () => {
    expect(rules('Katso kuntoutussuunnitelma.', new Set())).toEqual([]);
  });

  it('flags a word over 20 letters that is not in the glossary', () => {
    const issues = checkText('Lue toteuttamissuunnitelma.');
    expect(issues.map((issue) => issue.rule)).toEqual(['long-word']);
    expect(issues[0].excerpt).toBe('toteuttamissuunnitelma');
  });

  it('allows a glossary term and its inflected forms', () => {
    expect(rules('Lue Toteuttamissuunnitelma.', glossary)).toEqual([]);
    expect(rules('Katso toteuttamissuunnitelmaan.', glossary)).toEqual([]);
    expect(rules('Se on toteuttamissuunnitelmassasi.', glossary)).toEqual([]);
  });

  it('does not let a short term cover a long compound', () => {
    expect(rules('Katso työosuusrahalaskelmaa.', glossary)).toEqual(['long-word']);
  });

  it('counts letters, not hyphens or digits', () => {
    expect(rules('Tämä on 2024-2025-2026-2027-2028-kausi.')).toEqual([]);
  });
});

describe('placeholders and markup', () => {
  it('ignores what is inside a placeholder', () => {
    expect(rules('Hei {{NAME}}. Sinulla on {{count}} viestiä. $t(a;b).')).toEqual([]);
  });

  it('shows placeholders as written in excerpts', () => {
    const issues = checkText('Hei {{name}}, tule klo 9.');
    expect(issues[0].excerpt).toContain('{{name}}');
  });

  it('ignores inline tags', () => {
    expect(rules('Paina <strong>Lähetä</strong> tästä.')).toEqual([]);
  });
});

describe('issues', () => {
  it('come in reading order', () => {
    expect(rules('Paina OK; tule klo 9 tai lue toteuttamissuunnitelma.')).toEqual([
      'all-caps',
      'punctuation',
      'abbreviation',
      'long-word',
    ]);
  });

  it('show whole words around the problem', () => {
    const issues = checkText('Tänään on maanantai ja olet töissä klo 8.30 alkaen Liedon toimintakeskuksessa.');
    const abbreviation = issues.find((issue) => issue.rule === 'abbreviation');
    expect(abbreviation?.excerpt).toBe('…ja olet töissä klo 8.30 alkaen Liedon…');
  });
});

describe('checkPage', () => {
  it('allows an average of 9 words', () => {
    const nine = 'Yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän.';
    expect(checkPage([nine, nine])).toEqual([]);
  });

  it('flags an average over 9 words even when every sentence is short enough', () => {
    const ten = 'Yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen.';
    const issues = checkPage([ten, ten, 'Yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan.', ten]);
    expect(issues.map((issue) => issue.rule)).toEqual(['average-sentence-length']);
    expect(issues[0].message).toContain('9.5');
  });

  it('includes the issues of each text', () => {
    expect(checkPage(['Tule klo 9.', 'Hyvä.']).map((issue) => issue.rule)).toEqual(['abbreviation']);
  });
});

describe('paragraphsFromMarkdown', () => {
  it('makes headings and list items paragraphs and drops link targets and emphasis', () => {
    const markdown = [
      '# Kirjaudu sisään',
      'Tarvitset kortin.',
      'Se on sinun.',
      '',
      '- Koti',
      '- **Raha** ja [suunnitelma](/client/plan)',
      '',
      '1. Näytä kortti.',
      '2. Valitse 4 kuvaa.',
      '<!-- note for writers -->',
    ].join('\n');
    expect(paragraphsFromMarkdown(markdown)).toEqual([
      'Kirjaudu sisään',
      'Tarvitset kortin. Se on sinun.',
      'Koti',
      'Raha ja suunnitelma',
      'Näytä kortti.',
      'Valitse 4 kuvaa.',
    ]);
  });
});

describe('hintsFor', () => {
  it('gives one hint key per distinct issue, in reading order', () => {
    const hints = hintsFor('Lue toteuttamissuunnitelma. Lue toteuttamissuunnitelma. Tule klo 9.', 'fi');
    expect(hints).toEqual([
      { id: 'easyRead.hint.long-word', excerpt: 'toteuttamissuunnitelma' },
      { id: 'easyRead.hint.abbreviation', excerpt: expect.stringContaining('klo'), instead: 'kello' },
    ]);
  });

  it('suggests the whole word in the text language when there is one', () => {
    expect(hintsFor('Det kostar ca 5 €.', 'sv')[0].instead).toBe('cirka');
    expect(hintsFor('It costs ca. 5 €.', 'en')[0].instead).toBe('about');
  });

  it('uses the glossary', () => {
    expect(hintsFor('Lue toteuttamissuunnitelma.', 'fi', { glossary: new Set(['toteuttamissuunnitelma']) })).toEqual([]);
  });

  it('returns nothing for good text', () => {
    expect(hintsFor('Tänään olet töissä. Paikka: Lieto.', 'fi')).toEqual([]);
  });
});
