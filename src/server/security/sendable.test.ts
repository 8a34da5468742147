import { expect, test } from 'vitest';
import { unsendableHeader } from './sendable';

test('finds the header values Headers accepts but Node refuses to send', () => {
  expect(unsendableHeader(new Headers({ Location: '/client?month=2026-10', 'Content-Type': 'text/html' }))).toBeNull();
  expect(unsendableHeader(new Headers({ Location: '/a\tb' }))).toBeNull(); // legal, if unwelcome
  for (const bad of ['/\u007f', '/\u0001', '/\u001b[31m', '/\u000b']) {
    expect(unsendableHeader(new Headers({ 'Content-Type': 'text/html', Location: bad })), JSON.stringify(bad)).toBe('location');
  }
});
