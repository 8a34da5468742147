import { describe, expect, it } from 'vitest';
import { parseSubscription } from './subscription';

const p256dh = `B${'A'.repeat(86)}`;
const auth = 'A'.repeat(22);

describe('a push subscription from the browser', () => {
  it('is kept for a browser push service, with an uncompressed P-256 key and a 16-byte secret', () => {
    expect(parseSubscription({ endpoint: 'https://fcm.googleapis.com/fcm/send/abc:def', p256dh, auth })).toEqual({ endpoint: 'https://fcm.googleapis.com/fcm/send/abc:def', p256dh, auth });
    expect(parseSubscription({ endpoint: 'https://updates.push.services.mozilla.com/wpush/v2/x', p256dh, auth })).not.toBeNull();
    expect(parseSubscription({ endpoint: 'https://web.push.apple.com/QGx', p256dh, auth })).not.toBeNull();
    expect(parseSubscription({ endpoint: 'https://wns2-par02p.notify.windows.com/w/?token=x', p256dh, auth })).not.toBeNull();
  });

  it('is refused for any other address (the server must not POST wherever a client says), plain http, or keys of the wrong size', () => {
    expect(parseSubscription({ endpoint: 'https://169.254.169.254/latest', p256dh, auth })).toBeNull();
    expect(parseSubscription({ endpoint: 'https://fcm.googleapis.com.evil.test/x', p256dh, auth })).toBeNull();
    expect(parseSubscription({ endpoint: 'https://evilfcm.googleapis.com/x', p256dh, auth })).toBeNull();
    expect(parseSubscription({ endpoint: 'https://notfcm-googleapis.com/x', p256dh, auth })).toBeNull();
    expect(parseSubscription({ endpoint: 'http://fcm.googleapis.com/x', p256dh, auth })).toBeNull();
    expect(parseSubscription({ endpoint: 'https://user:pw@fcm.googleapis.com/x', p256dh, auth })).toBeNull();
    expect(parseSubscription({ endpoint: 'not a url', p256dh, auth })).toBeNull();
    expect(parseSubscription({ endpoint: 'https://fcm.googleapis.com/x', p256dh: p256dh.slice(1), auth })).toBeNull();
    expect(parseSubscription({ endpoint: 'https://fcm.googleapis.com/x', p256dh, auth: `${auth}==` })).toBeNull();
  });

  it('is kept for a host the unit names (a loopback test service)', () => {
    expect(parseSubscription({ endpoint: 'https://127.0.0.1:9443/push/1', p256dh, auth })).toBeNull();
    expect(parseSubscription({ endpoint: 'https://127.0.0.1:9443/push/1', p256dh, auth }, ['127.0.0.1'])).not.toBeNull();
  });
});
