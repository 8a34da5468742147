import { describe, expect, it } from 'vitest';
import { CONCEPT_ICONS, iconBody } from '@server/pictures';
import { LISTEN_ICON, STOP_ICON } from './icons';

describe('Kuuntele button pictures', () => {
  it('are the same OpenMoji pictures the rest of the portal uses for listen and stop', () => {
    expect(LISTEN_ICON).toBe(iconBody(CONCEPT_ICONS.listen));
    expect(STOP_ICON).toBe(iconBody(CONCEPT_ICONS.stop));
  });
});
