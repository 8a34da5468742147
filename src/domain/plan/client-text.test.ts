import { describe, expect, it } from 'vitest';
import { readerText } from './client-text';

describe('the text a reader sees', () => {
  it('is the text in their own language when a worker wrote one', () => {
    expect(readerText('Opin kulkemaan bussilla.', { sv: 'Jag lär mig åka buss.' }, 'sv')).toEqual({ text: 'Jag lär mig åka buss.', lang: 'sv', onlyFinnish: false });
  });
  it('is the Finnish text, marked as Finnish only, when there is none in their language', () => {
    expect(readerText('Opin kulkemaan bussilla.', { sv: 'Jag lär mig åka buss.' }, 'en')).toEqual({ text: 'Opin kulkemaan bussilla.', lang: 'fi', onlyFinnish: true });
    expect(readerText('Opin kulkemaan bussilla.', { en: '   ' }, 'en')).toEqual({ text: 'Opin kulkemaan bussilla.', lang: 'fi', onlyFinnish: true });
    expect(readerText('Opin kulkemaan bussilla.', undefined, 'sv').onlyFinnish).toBe(true);
  });
  it('is the Finnish text with no note for a Finnish reader, and no note for an empty text', () => {
    expect(readerText('Opin kulkemaan bussilla.', { sv: 'Jag lär mig åka buss.' }, 'fi')).toEqual({ text: 'Opin kulkemaan bussilla.', lang: 'fi', onlyFinnish: false });
    expect(readerText('', {}, 'sv').onlyFinnish).toBe(false);
  });
});
