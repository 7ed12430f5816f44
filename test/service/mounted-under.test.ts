import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountUnder } from '../../src/service/mounted-under.js';

describe('serving a root app under /t/<tenant>', () => {
  let url = '';
  let server: http.Server;
  const seen: Array<string | undefined> = [];
  beforeAll(async () => {
    const app = express();
    const staff = express.Router();
    // As the console does: links and redirects start from the address it was reached under
    staff.get('/page', (req, res) => void res.type('html').send(`<a href="${req.baseUrl}/tips">เบาะแส</a>`));
    staff.get('/go', (req, res) => res.redirect(303, `${req.baseUrl}/login`));
    app.use('/staff', staff);
    app.get('/cookie', (req, res) => {
      seen.push(req.headers.cookie);
      res.append('set-cookie', 'phonsai_staff=abc; Path=/staff; HttpOnly; SameSite=Strict');
      res.append('set-cookie', '__Host-phonsai_staff=def; Path=/; Secure; HttpOnly');
      res.type('html').send('<a href="/tip">x</a>');
    });
    server = http.createServer((req, res) => {
      mountUnder('a-town', req, res);
      app(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it("when a page or a redirect is answered, then the app built it under the tenant's prefix itself, and it goes out as built", async () => {
    const res = await fetch(`${url}/staff/page`);
    const page = await res.text();
    expect(page).toBe('<a href="/t/a-town/staff/tips">เบาะแส</a>');
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(page));
    expect((await fetch(`${url}/staff/go`, { redirect: 'manual' })).headers.get('location')).toBe(
      '/t/a-town/staff/login',
    );
  });

  it("when cookies go out and come in, then they carry the tenant's name and path, and the app sees only its own", async () => {
    const res = await fetch(`${url}/cookie`, {
      headers: { cookie: 'phonsai_staff=town; phonsai_staff.b-town=other; phonsai_staff.a-town=mine; x=1' },
    });
    expect(res.headers.getSetCookie()).toEqual([
      'phonsai_staff.a-town=abc; Path=/staff; HttpOnly; SameSite=Strict',
      '__Host-phonsai_staff.a-town=def; Path=/; Secure; HttpOnly',
    ]);
    expect(seen.at(-1)).toBe('phonsai_staff=mine');
    await fetch(`${url}/cookie`, { headers: { cookie: 'phonsai_staff=town' } });
    expect(seen.at(-1)).toBeUndefined();
  });
});
