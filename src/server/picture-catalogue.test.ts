import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { findPictures, isCataloguePicture, pictureLabel, PICTURE_CATALOGUE, SUGGESTED_PICTURES } from './picture-catalogue';
import { pictureMarkup } from './pictures';

describe('picture catalogue (OpenMoji with CLDR words)', () => {
  it('holds the OpenMoji emoji pictures without flags or skin-tone parts', () => {
    expect(PICTURE_CATALOGUE.length).toBeGreaterThan(1500);
    expect(isCataloguePicture('hot-beverage')).toBe(true);
    expect(isCataloguePicture('flag-finland')).toBe(false);
    expect(isCataloguePicture('medium-skin-tone')).toBe(false);
    expect(isCataloguePicture('<script>')).toBe(false);
    expect(isCataloguePicture(undefined)).toBe(false);
  });

  it('finds the same cup by a Finnish, Swedish or English word', () => {
    for (const word of ['kahvi', 'kaffe', 'coffee']) expect(findPictures(word, 5).map((p) => p.name)).toContain('hot-beverage');
    expect(findPictures('bussi', 1)[0].name).toBe('bus');
    expect(findPictures('polkupyörä', 1)[0].name).toBe('bicycle');
  });

  it('names a picture in the reader’s language', () => {
    expect(pictureLabel('red-apple', 'fi')).toBe('punainen omena');
    expect(pictureLabel('red-apple', 'en')).toBe('red apple');
    expect(pictureLabel('red-apple', 'sv')).toMatch(/äpple/);
  });

  it('offers suggestions, and stored pictures from before the picker, that all exist and draw', () => {
    // Every picture the old concept names were rewritten to by migration 0003.
    const migration = fs.readFileSync(new URL('./db/migrations/0003_chosen_pictures_photos.sql', import.meta.url), 'utf8');
    const rewritten = [...migration.matchAll(/^  \('[a-z0-9-]+', '([a-z0-9-]+)'\)/gm)].map((m) => m[1]);
    expect(rewritten.length).toBeGreaterThan(40);
    for (const name of [...SUGGESTED_PICTURES, ...rewritten]) {
      expect(isCataloguePicture(name), name).toBe(true);
      expect(pictureMarkup({ icon: name, fallback: 'question', alt: '' })).toContain('<svg');
    }
  });

  it('draws the fallback for a name it does not know', () => {
    expect(pictureMarkup({ icon: 'no-such-picture', fallback: 'goals', alt: '' })).toBe(pictureMarkup({ concept: 'goals', alt: '' }));
  });
});
