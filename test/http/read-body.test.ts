import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody } from '../../src/http/read-body.js';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A loopback server answering with what readBody made of the request (size, or "too large", or "failed"). */
async function serve(maxBytes: number): Promise<{ url: string; outcomes: string[] }> {
  const outcomes: string[] = [];
  server = http.createServer((req, res) => {
    readBody(req, maxBytes).then(
      (body) => {
        outcomes.push(body === null ? 'too large' : `${body.length} bytes`);
        res.writeHead(body === null ? 413 : 200, { connection: 'close' }).end(body === null ? 'too large' : body);
      },
      () => outcomes.push('failed'),
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, outcomes };
}

describe('readBody', () => {
  it('when the body fits, then it comes back whole, several chunks or none', async () => {
    const s = await serve(100);
    const res = await fetch(s.url, { method: 'POST', body: 'สวัสดี'.repeat(3) });
    expect(await res.text()).toBe('สวัสดี'.repeat(3));
    const empty = await fetch(s.url, { method: 'POST' });
    expect(empty.status).toBe(200);
    expect(s.outcomes).toEqual([`${Buffer.byteLength('สวัสดี'.repeat(3))} bytes`, '0 bytes']);
  });

  it('when the declared or the sent size passes the cap, then null, and the client still reads the answer', async () => {
    const s = await serve(1000);
    const declared = await fetch(s.url, { method: 'POST', body: 'x'.repeat(5000) });
    expect(declared.status).toBe(413);
    const streamed = await fetch(s.url, {
      method: 'POST',
      body: new Blob(['x'.repeat(600), 'y'.repeat(600)]).stream(),
      duplex: 'half',
    });
    expect(streamed.status).toBe(413);
    expect(await streamed.text()).toBe('too large');
    expect(s.outcomes).toEqual(['too large', 'too large']);
  });

  it('when the connection breaks mid-body, then it rejects and nothing is answered', async () => {
    const s = await serve(1000);
    await new Promise<void>((resolve) => {
      const req = http.request(s.url, { method: 'POST', headers: { 'content-length': '500' } });
      req.on('error', () => resolve());
      req.write('only part of it', () => setTimeout(() => req.destroy(), 20));
      req.on('close', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(s.outcomes).toEqual(['failed']);
  });
});

describe('readCapped', () => {
  it('when a download passes its cap, then the stream is destroyed there and ContentTooLarge is thrown; one that fits comes back whole', async () => {
    const { Readable } = await import('node:stream');
    const { ContentTooLarge, readCapped } = await import('../../src/http/read-body.js');
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(100, 1));
      },
    });
    await expect(readCapped(endless, 250)).rejects.toBeInstanceOf(ContentTooLarge);
    expect(endless.destroyed).toBe(true);
    expect(pulled).toBeLessThan(10);
    expect(await readCapped(Readable.from([Buffer.from('ab'), new Uint8Array([99])]), 3)).toEqual(Buffer.from('abc'));
  });
});
