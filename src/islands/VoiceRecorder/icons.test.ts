import { describe, expect, it } from 'vitest';
import { CONCEPT_ICONS, iconBody } from '@server/pictures';
import { VOICE_ICONS } from './icons';

describe('voice recorder pictures', () => {
  it('are the same OpenMoji pictures the rest of the portal uses for each concept', () => {
    for (const [concept, body] of Object.entries(VOICE_ICONS)) {
      expect(body, concept).toBe(iconBody(CONCEPT_ICONS[concept as keyof typeof CONCEPT_ICONS]));
    }
    expect(Object.keys(VOICE_ICONS).sort()).toEqual(['cross', 'forward', 'stop', 'voice-message']);
  });
});
