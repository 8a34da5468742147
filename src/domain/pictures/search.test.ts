import { describe, expect, it } from 'vitest';
import { foldForSearch, searchPictures, type SearchablePicture } from './search';

const entry = (name: string, order: number, labels: string[], tags: string[]): SearchablePicture => ({
  name,
  labels: { fi: labels[0], en: labels[labels.length - 1] },
  labelWords: labels.map(foldForSearch),
  tagWords: tags.map(foldForSearch),
  order,
});
const catalogue = [
  entry('hot-beverage', 3, ['kuuma juoma', 'hot beverage'], ['kahvi', 'tee', 'coffee', 'tea']),
  entry('coffin', 1, ['arkku', 'coffin'], ['kuolema', 'death']),
  entry('bus', 2, ['bussi', 'bus'], ['ajoneuvo', 'vehicle']),
  entry('bus-stop', 4, ['bussipysäkki', 'bus stop'], ['pysäkki', 'stop']),
  entry('red-apple', 5, ['punainen omena', 'red apple'], ['hedelmä', 'omena', 'fruit']),
  entry('wheelchair', 6, ['pyörätuoli', 'wheelchair'], ['esteettömyys']),
  entry('bicycle', 7, ['polkupyörä', 'bicycle'], ['pyörä', 'bike']),
];
const names = (query: string) => searchPictures(catalogue, query).map((p) => p.name);

describe('picture search', () => {
  it('finds a picture by a Finnish or an English word', () => {
    expect(names('kahvi')).toEqual(['hot-beverage']);
    expect(names('coffee')).toEqual(['hot-beverage']);
    expect(names('omena')).toEqual(['red-apple']);
  });

  it('puts the exact name first, then names that start with the word', () => {
    expect(names('bussi')).toEqual(['bus', 'bus-stop']);
    expect(names('bus')).toEqual(['bus', 'bus-stop']);
  });

  it('prefers a whole word, then the last part of a Finnish compound word, to the first part', () => {
    expect(names('pyörä')).toEqual(['bicycle', 'wheelchair']);
    expect(names('omena')).toEqual(['red-apple']);
  });

  it('ignores case, extra spaces and missing ä and ö', () => {
    expect(names('  KAHVI ')).toEqual(['hot-beverage']);
    expect(names('bussipysakki')).toEqual(['bus-stop']);
  });

  it('needs every word of the query to match', () => {
    expect(names('bus stop')).toEqual(['bus-stop']);
    expect(names('bussi omena')).toEqual([]);
  });

  it('finds nothing for an empty query or an unknown word', () => {
    expect(names('')).toEqual([]);
    expect(names('   ')).toEqual([]);
    expect(names('xyzzy')).toEqual([]);
  });

  it('keeps to the limit', () => {
    expect(searchPictures(catalogue, 'b', 1)).toHaveLength(1);
  });
});
