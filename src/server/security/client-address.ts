/**
 * Who is on the other end of a request, and did it come over TLS. Pure: no I/O, no globals.
 *
 * The address a request comes from is the socket's peer. Only when that peer is one of our own
 * reverse proxies (OMAPOLKU_TRUSTED_PROXIES) do we believe what it wrote into X-Forwarded-For,
 * and then only the part it and the proxies before it wrote: the right-most address that is not
 * a trusted proxy. Everything left of that came from the client and may be anything.
 *
 * Addresses are compared as 16 bytes: IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d), which is also
 * how a dual-stack Node socket reports an IPv4 peer.
 */

export interface IpRange {
  /** The network, 16 bytes. */
  network: Uint8Array;
  /** Leading bits that must match, 0–128 (IPv4 ranges are stored as 96 + their prefix). */
  prefix: number;
  /** As written in the setting, for messages. */
  source: string;
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255) ? bytes : null;
}

function parseIpv6(text: string): number[] | null {
  let words: number[] = [];
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const readGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const groups = part.split(':');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      if (i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIpv4(g);
        if (!v4) return null;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-f]{1,4}$/i.test(g)) {
        out.push(parseInt(g, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = readGroups(halves[0]);
  const tail = halves.length === 2 ? readGroups(halves[1]) : [];
  if (!head || !tail) return null;
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return null;
    words = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    words = head;
  }
  if (words.length !== 8) return null;
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** 16 bytes, or null when the text is not an IP address. Brackets and a zone (%eth0) are allowed. */
export function parseIp(input: string): Uint8Array | null {
  let text = input.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (text === '') return null;
  const v4 = parseIpv4(text);
  if (v4) return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]);
  const v6 = text.includes(':') ? parseIpv6(text) : null;
  return v6 ? Uint8Array.from(v6) : null;
}

function isMappedIpv4(bytes: Uint8Array): boolean {
  return bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/** The usual written form: dotted IPv4 (also for IPv4-mapped IPv6), else compressed IPv6. */
export function formatIp(bytes: Uint8Array): string {
  if (isMappedIpv4(bytes)) return Array.from(bytes.slice(12)).join('.');
  const words = Array.from({ length: 8 }, (_, i) => (bytes[2 * i] << 8) | bytes[2 * i + 1]);
  // The longest run of two or more zero words becomes "::" (RFC 5952).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** An address as the rest of the server uses it, or the text itself when it is no address. */
export function normalizeIp(text: string): string {
  const bytes = parseIp(text);
  return bytes ? formatIp(bytes) : text.trim();
}

/** One address ("10.0.0.1", "::1") or range ("10.0.0.0/8", "fd00::/8"); null when unreadable. */
export function parseRange(input: string): IpRange | null {
  const text = input.trim();
  const slash = text.indexOf('/');
  const address = parseIp(slash >= 0 ? text.slice(0, slash) : text);
  if (!address) return null;
  const ipv4Written = parseIpv4(slash >= 0 ? text.slice(0, slash) : text) !== null;
  let prefix = 128;
  if (slash >= 0) {
    const bits = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(bits)) return null;
    const n = Number(bits);
    if (n > (ipv4Written ? 32 : 128)) return null;
    prefix = ipv4Written ? 96 + n : n;
  }
  const network = address.map((byte, i) => byte & maskByte(prefix, i));
  return { network, prefix, source: text };
}

function maskByte(prefix: number, index: number): number {
  const bits = Math.max(0, Math.min(8, prefix - index * 8));
  return (0xff << (8 - bits)) & 0xff;
}

export function inRange(address: Uint8Array, range: IpRange): boolean {
  for (let i = 0; i < 16; i++) if ((address[i] & maskByte(range.prefix, i)) !== range.network[i]) return false;
  return true;
}

/**
 * The OMAPOLKU_TRUSTED_PROXIES setting: addresses and ranges separated by commas or spaces.
 * An unreadable entry stops the server at start with its name, rather than trusting too much
 * or too little without a word.
 */
export function parseTrustedProxies(setting: string | undefined): IpRange[] {
  const entries = (setting ?? '').split(/[\s,]+/).filter(Boolean);
  const ranges: IpRange[] = [];
  const bad: string[] = [];
  for (const entry of entries) {
    const range = parseRange(entry);
    if (range) ranges.push(range);
    else bad.push(entry);
  }
  if (bad.length > 0) throw new Error(`OMAPOLKU_TRUSTED_PROXIES: not an IP address or CIDR range: ${bad.join(', ')}`);
  return ranges;
}

export function isTrusted(address: string, trusted: readonly IpRange[]): boolean {
  const bytes = parseIp(address);
  return bytes !== null && trusted.some((range) => inRange(bytes, range));
}

/** The comma-separated values of a header that may come more than once, in order. */
function listValues(header: string | null | undefined): string[] {
  return (header ?? '').split(',').map((v) => v.trim()).filter(Boolean);
}

/**
 * The client's address: the socket peer, unless that is a trusted proxy; then the right-most
 * address in X-Forwarded-For that is not a trusted proxy. If the proxies' own entries run out
 * (all trusted, or an entry that is no address), the last trusted hop is the answer: nothing
 * left of it was written by a proxy we trust.
 */
export function clientAddressFrom(peer: string, forwardedFor: string | null | undefined, trusted: readonly IpRange[]): string {
  let current = normalizeIp(peer);
  if (!isTrusted(peer, trusted)) return current;
  const hops = listValues(forwardedFor);
  for (let i = hops.length - 1; i >= 0; i--) {
    const bytes = parseIp(hops[i]);
    if (!bytes) return current;
    current = formatIp(bytes);
    if (!trusted.some((range) => inRange(bytes, range))) return current;
  }
  return current;
}

/**
 * Whether the person's browser reached us over TLS: our own socket is TLS, or a trusted proxy
 * says so in X-Forwarded-Proto (its right-most value is the one the nearest proxy wrote).
 * From anyone else the header means nothing.
 */
export function cameOverTls(encrypted: boolean, peer: string, forwardedProto: string | null | undefined, trusted: readonly IpRange[]): boolean {
  if (encrypted) return true;
  if (!isTrusted(peer, trusted)) return false;
  return listValues(forwardedProto).at(-1)?.toLowerCase() === 'https';
}

/**
 * The key the per-address sign-in limit counts under. One IPv6 subscriber usually has a whole
 * /64 to pick addresses from, so IPv6 counts per /64; IPv4 per address.
 */
export function limiterKey(address: string): string {
  const bytes = parseIp(address);
  if (!bytes || isMappedIpv4(bytes)) return address;
  const network = bytes.map((b, i) => (i < 8 ? b : 0));
  return `${formatIp(network)}/64`;
}
