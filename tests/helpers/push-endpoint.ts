/**
 * A Web Push service on loopback for the tests, standing in for FCM or Mozilla's: HTTPS (web-push
 * sends only over TLS) with a certificate made for the run, which the server under test trusts
 * through NODE_EXTRA_CA_CERTS. It plays the browser's part too: `subscriber()` makes the
 * subscription's ECDH P-256 key pair and auth secret, as a browser does, and gives the portal only
 * the public key and the secret (p256dh, auth). Every push that arrives is checked and opened:
 *
 * - the VAPID header (RFC 8292): `vapid t=<JWT>, k=<public key>`, the JWT signed with ES256 by
 *   that key, its audience this service's origin, its expiry in the future (at most 24 h ahead),
 *   a subject that is a mailto: or https: address;
 * - the body decrypted per RFC 8291 with RFC 8188's aes128gcm: the header's salt, record size and
 *   the sender's ECDH key; IKM from HKDF(auth, ECDH secret, "WebPush: info" ‖ 0 ‖ ua ‖ as), the
 *   content key and nonce from HKDF(salt, IKM, …), AES-128-GCM, and the padding delimiter 0x02.
 *
 * A push that fails any check is answered 400 and kept in `problems`, so a test sees why.
 */
import { execFileSync } from 'node:child_process';
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ArrivedPush {
  /** The subscriber's name, as given to subscriber(). */
  to: string;
  status: number;
  /** The decrypted payload, parsed as JSON. */
  payload: unknown;
  /** The VAPID public key (k) and the JWT's claims. */
  vapid: { k: string; aud: string; exp: number; sub: string };
  ttl: number;
  at: number;
}

export interface TestSubscriber {
  name: string;
  /** What a browser's PushSubscription.toJSON() gives. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** The answer this endpoint gives (201 by default; 410 when the browser has unsubscribed). */
  answer: number;
}

export interface TestPushService {
  origin: string;
  /** The certificate to trust (NODE_EXTRA_CA_CERTS for the server, `ca` for an in-process agent). */
  caFile: string;
  ca: Buffer;
  subscriber(name: string): TestSubscriber;
  received: ArrivedPush[];
  /** Every request, including those answered with an error on purpose (to count retries). */
  requests: { to: string; status: number; at: number }[];
  problems: string[];
  waitFor(to: string, count: number, timeoutMs?: number): Promise<ArrivedPush[]>;
  stop(): Promise<void>;
}

const b64u = (b: Buffer) => b.toString('base64url');
const fromB64u = (s: string) => Buffer.from(s, 'base64url');

function checkVapid(header: string | undefined, origin: string): ArrivedPush['vapid'] {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`Authorization is not "vapid t=…, k=…": ${header}`);
  const [, jwt, k] = match;
  const [head, claims, signature] = jwt.split('.');
  const header_ = JSON.parse(fromB64u(head).toString('utf8')) as { alg?: string; typ?: string };
  if (header_.alg !== 'ES256') throw new Error(`JWT alg ${header_.alg}, not ES256`);
  const point = fromB64u(k);
  if (point.length !== 65 || point[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, fromB64u(signature))) throw new Error('the JWT signature does not verify with k');
  const c = JSON.parse(fromB64u(claims).toString('utf8')) as { aud?: string; exp?: number; sub?: string };
  const now = Date.now() / 1000;
  if (c.aud !== origin) throw new Error(`aud ${c.aud}, not ${origin}`);
  if (typeof c.exp !== 'number' || c.exp <= now || c.exp > now + 24 * 3600 + 60) throw new Error(`exp ${c.exp} is not within the next 24 h`);
  if (typeof c.sub !== 'string' || !/^(mailto:|https:)/.test(c.sub)) throw new Error(`sub ${c.sub}`);
  return { k, aud: c.aud, exp: c.exp, sub: c.sub };
}

/** RFC 8291 + RFC 8188 (aes128gcm), one record, as the receiving browser opens it. */
export function decryptPush(body: Buffer, ua: { privateKey: Buffer; publicKey: Buffer }, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20];
  const asPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error(`keyid is ${idLength} bytes, not the sender's 65-byte ECDH key`);
  if (record.length > recordSize) throw new Error('more than one record');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(ua.privateKey);
  const secret = ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ua.publicKey, asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', secret, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error(`the last record's delimiter is ${padded[end]}, not 0x02`);
  return padded.subarray(0, end);
}

export async function startTestPushService(): Promise<TestPushService> {
  const dir = mkdtempSync(join(tmpdir(), 'omapolku-push-'));
  const keyFile = join(dir, 'key.pem');
  const caFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', caFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    { stdio: 'ignore' },
  );
  const ca = readFileSync(caFile);
  const subscribers = new Map<string, TestSubscriber & { ua: { privateKey: Buffer; publicKey: Buffer }; authSecret: Buffer }>();
  const received: ArrivedPush[] = [];
  const requests: TestPushService['requests'] = [];
  const problems: string[] = [];
  let origin = '';

  const server = https.createServer({ key: readFileSync(keyFile), cert: ca }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = /^\/push\/([a-z0-9-]+)$/.exec(req.url ?? '')?.[1] ?? '';
      const sub = subscribers.get(id);
      const answer = (status: number) => {
        requests.push({ to: sub?.name ?? req.url ?? '', status, at: Date.now() });
        res.writeHead(status).end();
      };
      if (req.method !== 'POST' || !sub) return answer(404);
      if (sub.answer !== 201) return answer(sub.answer);
      try {
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error(`Content-Encoding ${req.headers['content-encoding']}`);
        const ttl = Number(req.headers.ttl);
        if (!Number.isInteger(ttl) || ttl < 0) throw new Error(`TTL ${req.headers.ttl}`);
        const vapid = checkVapid(req.headers.authorization, origin);
        const payload = JSON.parse(decryptPush(Buffer.concat(chunks), sub.ua, sub.authSecret).toString('utf8')) as unknown;
        received.push({ to: sub.name, status: 201, payload, vapid, ttl, at: Date.now() });
        answer(201);
      } catch (error) {
        problems.push(`${sub.name}: ${(error as Error).message}`);
        answer(400);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    origin,
    caFile,
    ca,
    received,
    requests,
    problems,
    subscriber(name) {
      const ecdh = createECDH('prime256v1');
      const publicKey = ecdh.generateKeys();
      const authSecret = randomBytes(16);
      const id = randomBytes(12).toString('hex');
      const s = {
        name,
        answer: 201,
        subscription: { endpoint: `${origin}/push/${id}`, keys: { p256dh: b64u(publicKey), auth: b64u(authSecret) } },
        ua: { privateKey: ecdh.getPrivateKey(), publicKey },
        authSecret,
      };
      subscribers.set(id, s);
      return s;
    },
    async waitFor(to, count, timeoutMs = 15_000) {
      const end = Date.now() + timeoutMs;
      const mine = () => received.filter((r) => r.to === to);
      while (mine().length < count) {
        if (problems.length > 0) throw new Error(`pushes that failed the checks: ${problems.join('; ')}`);
        if (Date.now() > end) throw new Error(`expected ${count} pushes to ${to}, got ${mine().length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return mine();
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
