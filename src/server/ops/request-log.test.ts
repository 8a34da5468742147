/** The error line of a failed request: its kind in a code or a name, never its message. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logServerError } from './request-log';

function loggedLine(error: unknown): Record<string, unknown> {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    logServerError(error, { requestId: 'r1', route: '/client/messages' });
    expect(write).toHaveBeenCalledTimes(1);
    return JSON.parse(String(write.mock.calls[0][0]));
  } finally {
    write.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('logServerError', () => {
  it('names SQLite, Node and PostgreSQL codes, so an operator tells a lost race from a lost disk', () => {
    expect(loggedLine(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toMatchObject({ type: 'error', request_id: 'r1', route: '/client/messages', error: 'SQLITE_BUSY' });
    // pg's DatabaseError: name "error", the SQLSTATE in code.
    const serialization = Object.assign(new Error('could not serialize access due to read/write dependencies among transactions'), { name: 'error', code: '40001' });
    expect(loggedLine(serialization)).toMatchObject({ error: '40001' });
    expect(loggedLine(Object.assign(new Error('terminating connection due to administrator command'), { name: 'error', code: '57P01' }))).toMatchObject({ error: '57P01' });
  });

  it('falls back to the name, and never writes the message or a free-text code', () => {
    expect(loggedLine(new TypeError("Cannot read properties of undefined (reading 'Matti')"))).toMatchObject({ error: 'TypeError' });
    const line = loggedLine(Object.assign(new Error('Matti Meikäläinen'), { code: 'user matti@example.fi' }));
    expect(line.error).toBe('Error');
    expect(JSON.stringify(line)).not.toMatch(/Matti|matti/);
  });
});
