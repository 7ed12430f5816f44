import type { Request } from 'express';

/**
 * The client a request comes from, as a key for the abuse limits in memory: its IPv4
 * address, or the /64 network of an IPv6 address (one home or phone gets a whole /64, so
 * counting single IPv6 addresses would give each of them billions of fresh keys). Behind a
 * reverse proxy this is right only when TRUST_PROXY names the proxy; otherwise every client
 * shares the proxy's address. Never stored or logged.
 */
export function clientKey(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (v4 || !ip.includes(':')) return v4 ?? ip;
  return `${expandV6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address (a zone such as %eth0 is dropped). */
function expandV6(ip: string): string[] {
  const [head = '', tail] = ip.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}
