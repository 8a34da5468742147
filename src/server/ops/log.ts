/**
 * The server's log: one JSON object per line on stdout, for journald, `docker logs` or a log
 * collector. pino is not installed, and a new dependency is not worth the few lines we need:
 *
 * - `type` first (`{"type":"request",…`, `{"type":"security_event",…`), so a reader filters
 *   with a prefix or `jq 'select(.type == "request")'`, then `time` (ISO 8601, UTC);
 * - written synchronously (stdout to a file or a pipe is synchronous in Node on Linux), so a
 *   line is out before the process exits or a crash takes it;
 * - values are numbers, booleans, null or short strings that each caller fixes field by field
 *   (request-log.ts, security/events.ts, front.ts): never free text from a request, so no
 *   name, message, token, email or query string can reach the log by way of this module.
 */
export type LogValue = string | number | boolean | null;

/** Writes one line `{"type":…,"time":…,…fields}`; fields that are undefined are left out. */
export function logLine(type: string, fields: Record<string, LogValue | undefined>, now = new Date()): void {
  process.stdout.write(`${JSON.stringify({ type, time: now.toISOString(), ...fields })}\n`);
}
