import { describe, expect, test } from 'vitest';
import { isSignInState, signInState } from './state';

describe('signInState', () => {
  test('no card, card without pictures, ready', () => {
    expect(signInState({ hasCard: false, hasPin: false, locked: false })).toBe('no_card');
    expect(signInState({ hasCard: true, hasPin: false, locked: false })).toBe('no_pictures');
    expect(signInState({ hasCard: true, hasPin: true, locked: false })).toBe('ok');
  });
  test('a lock wins over everything else', () => {
    expect(signInState({ hasCard: true, hasPin: true, locked: true })).toBe('locked');
    expect(signInState({ hasCard: false, hasPin: false, locked: true })).toBe('locked');
  });
  test('only the four states are states', () => {
    expect(isSignInState('no_pictures')).toBe(true);
    expect(isSignInState('all')).toBe(false);
    expect(isSignInState(null)).toBe(false);
  });
});
