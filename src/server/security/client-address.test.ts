import { describe, expect, test } from 'vitest';
import { cameOverTls, clientAddressFrom, formatIp, isTrusted, limiterKey, normalizeIp, parseIp, parseRange, parseTrustedProxies } from './client-address';

describe('reading addresses', () => {
  test('IPv4, IPv6, IPv4-mapped IPv6, brackets and zones', () => {
    expect(formatIp(parseIp('192.0.2.7')!)).toBe('192.0.2.7');
    expect(formatIp(parseIp('::ffff:192.0.2.7')!)).toBe('192.0.2.7');
    expect(formatIp(parseIp('::FFFF:c000:0207')!)).toBe('192.0.2.7');
    expect(formatIp(parseIp('2001:DB8:0:0:0:0:0:1')!)).toBe('2001:db8::1');
    expect(formatIp(parseIp('[2001:db8::1]')!)).toBe('2001:db8::1');
    expect(formatIp(parseIp('fe80::1%eth0')!)).toBe('fe80::1');
    expect(formatIp(parseIp('::1')!)).toBe('::1');
    expect(formatIp(parseIp('::')!)).toBe('::');
    expect(formatIp(parseIp('2001:db8:1:0:0:1:0:0')!)).toBe('2001:db8:1::1:0:0');
  });

  test('anything else is no address', () => {
    for (const bad of ['', 'unknown', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.-4', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '12345::', '1.2.3.4/8', ' , '])
      expect(parseIp(bad), bad).toBeNull();
    expect(normalizeIp('not-an-ip')).toBe('not-an-ip');
  });
});

describe('trusted proxies', () => {
  test('addresses and CIDR ranges, IPv4 and IPv6; IPv4 ranges also match IPv4-mapped peers', () => {
    const trusted = parseTrustedProxies('127.0.0.1, 10.0.0.0/8 fd00::/8\n192.168.1.0/24');
    expect(trusted).toHaveLength(4);
    expect(isTrusted('127.0.0.1', trusted)).toBe(true);
    expect(isTrusted('::ffff:127.0.0.1', trusted)).toBe(true);
    expect(isTrusted('127.0.0.2', trusted)).toBe(false);
    expect(isTrusted('10.200.3.4', trusted)).toBe(true);
    expect(isTrusted('::ffff:10.200.3.4', trusted)).toBe(true);
    expect(isTrusted('11.0.0.1', trusted)).toBe(false);
    expect(isTrusted('fd12:3456::1', trusted)).toBe(true);
    expect(isTrusted('fe80::1', trusted)).toBe(false);
    expect(isTrusted('192.168.1.255', trusted)).toBe(true);
    expect(isTrusted('192.168.2.1', trusted)).toBe(false);
    expect(isTrusted('garbage', trusted)).toBe(false);
  });

  test('empty by default; an unreadable entry is an error naming it', () => {
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(parseTrustedProxies('  ')).toEqual([]);
    expect(() => parseTrustedProxies('10.0.0.1, 10.0.0.0/33, proxy.local')).toThrow(/10\.0\.0\.0\/33, proxy\.local/);
    expect(parseRange('2001:db8::/129')).toBeNull();
    expect(parseRange('::/0')!.prefix).toBe(0);
    expect(isTrusted('8.8.8.8', parseTrustedProxies('0.0.0.0/0'))).toBe(true);
    expect(isTrusted('2001:db8::1', parseTrustedProxies('0.0.0.0/0')), 'an IPv4 range holds no IPv6 address').toBe(false);
  });
});

describe('the client address', () => {
  const trusted = parseTrustedProxies('127.0.0.1, 10.0.0.0/8');

  test('without trusted proxies the socket peer, whatever X-Forwarded-For says', () => {
    expect(clientAddressFrom('::ffff:203.0.113.9', '198.51.100.1', [])).toBe('203.0.113.9');
    expect(clientAddressFrom('203.0.113.9', '198.51.100.1', trusted), 'an untrusted peer').toBe('203.0.113.9');
    expect(clientAddressFrom('2001:db8::5', null, [])).toBe('2001:db8::5');
  });

  test('from a trusted proxy, the right-most address that is not a trusted proxy', () => {
    expect(clientAddressFrom('127.0.0.1', '198.51.100.1', trusted)).toBe('198.51.100.1');
    // The client wrote "1.1.1.1" itself; the proxy appended the address it saw.
    expect(clientAddressFrom('127.0.0.1', '1.1.1.1, 198.51.100.1', trusted)).toBe('198.51.100.1');
    // Two proxies in a row: skip both.
    expect(clientAddressFrom('::ffff:127.0.0.1', '1.1.1.1, 198.51.100.1, 10.1.2.3', trusted)).toBe('198.51.100.1');
    // The header may come twice; both lists count, in order.
    expect(clientAddressFrom('127.0.0.1', '1.1.1.1, 198.51.100.1,10.1.2.3', trusted)).toBe('198.51.100.1');
    expect(clientAddressFrom('127.0.0.1', '[2001:db8::7]', trusted)).toBe('2001:db8::7');
  });

  test('when the proxies’ entries run out, the last trusted hop', () => {
    expect(clientAddressFrom('127.0.0.1', null, trusted)).toBe('127.0.0.1');
    expect(clientAddressFrom('127.0.0.1', '', trusted)).toBe('127.0.0.1');
    expect(clientAddressFrom('127.0.0.1', '10.9.9.9', trusted)).toBe('10.9.9.9');
    expect(clientAddressFrom('127.0.0.1', 'evil, 10.9.9.9', trusted)).toBe('10.9.9.9');
    expect(clientAddressFrom('127.0.0.1', '198.51.100.1, unknown', trusted), 'an entry that is no address is not believed').toBe('127.0.0.1');
  });
});

test('TLS: the own socket, or X-Forwarded-Proto from a trusted proxy only', () => {
  const trusted = parseTrustedProxies('127.0.0.1');
  expect(cameOverTls(true, '203.0.113.9', null, [])).toBe(true);
  expect(cameOverTls(false, '203.0.113.9', 'https', trusted)).toBe(false);
  expect(cameOverTls(false, '127.0.0.1', 'https', [])).toBe(false);
  expect(cameOverTls(false, '127.0.0.1', 'https', trusted)).toBe(true);
  expect(cameOverTls(false, '::ffff:127.0.0.1', 'HTTPS', trusted)).toBe(true);
  expect(cameOverTls(false, '127.0.0.1', 'https, http', trusted), 'the nearest proxy’s word counts').toBe(false);
  expect(cameOverTls(false, '127.0.0.1', null, trusted)).toBe(false);
});

test('the per-address limit counts IPv6 per /64 and IPv4 per address', () => {
  expect(limiterKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
  expect(limiterKey('2001:db8:1:2:bbbb::9')).toBe('2001:db8:1:2::/64');
  expect(limiterKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  expect(limiterKey('192.0.2.1')).toBe('192.0.2.1');
  expect(limiterKey('192.0.2.2')).toBe('192.0.2.2');
});
