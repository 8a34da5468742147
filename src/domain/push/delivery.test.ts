import { describe, expect, it } from 'vitest';
import { pushOutcome } from './delivery';

describe('a push service answer', () => {
  it('201 is sent; 404 and 410 end the subscription; 429, 5xx and no answer are tried again; other 4xx fail', () => {
    expect(pushOutcome(201)).toBe('sent');
    expect(pushOutcome(410)).toBe('gone');
    expect(pushOutcome(404)).toBe('gone');
    expect(pushOutcome(429)).toBe('retry');
    expect(pushOutcome(503)).toBe('retry');
    expect(pushOutcome(undefined)).toBe('retry');
    expect(pushOutcome(400)).toBe('refused');
    expect(pushOutcome(413)).toBe('refused');
    expect(pushOutcome(403)).toBe('refused');
  });
});
