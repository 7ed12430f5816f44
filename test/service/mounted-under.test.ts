import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountUnder } from '../../src/service/mounted-under.js';

/** A page written for the root, as the console and the tip form are. */
const PAGE = `<!doctype html><a href="/staff/tips?status=open">เบาะแส</a><form method="post" action="/tip"></form>
<link rel="stylesheet" href="/tip/tip.css"><img src="/staff/tips/1/attachments/2"><div data-preview-url="/staff/publications/preview"></div>
<p>พิมพ์ href=&quot;/staff/x&quot; ในข้อความ</p><a href="/staffroom">other</a><a href="https://example.go.th/staff/">outside</a>`;

describe('serving a root app under /t/<tenant>', () => {
  let url = '';
  let server: http.Server;
  const seen: Array<string | undefined> = [];
  beforeAll(async () => {
    const app = express();
    app.get('/page', (_req, res) => void res.type('html').send(PAGE));
    app.get('/css', (_req, res) => void res.type('css').send('a{background:url("/staff/x")}'));
    app.get('/go', (_req, res) => res.redirect(303, '/staff/login'));
    app.get('/away', (_req, res) => res.redirect(303, 'https://example.go.th/staff/'));
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

  it('when a page is answered, then its own links, forms and assets get the prefix, and text, other paths and other hosts do not', async () => {
    const res = await fetch(`${url}/page`);
    const page = await res.text();
    expect(page).toBe(
      PAGE.replace('href="/staff/tips?', 'href="/t/a-town/staff/tips?')
        .replace('action="/tip"', 'action="/t/a-town/tip"')
        .replace('href="/tip/tip.css"', 'href="/t/a-town/tip/tip.css"')
        .replace('src="/staff/tips/1', 'src="/t/a-town/staff/tips/1')
        .replace('data-preview-url="/staff/', 'data-preview-url="/t/a-town/staff/'),
    );
    // Text that looks like an attribute has its quotes escaped by the pages' html template
    expect(page).toContain('พิมพ์ href=&quot;/staff/x&quot;');
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(page));
    expect(await (await fetch(`${url}/css`)).text()).toBe('a{background:url("/staff/x")}');
  });

  it('when the app redirects to its own page, then the redirect stays under the prefix; elsewhere, it is left alone', async () => {
    expect((await fetch(`${url}/go`, { redirect: 'manual' })).headers.get('location')).toBe('/t/a-town/staff/login');
    expect((await fetch(`${url}/away`, { redirect: 'manual' })).headers.get('location')).toBe(
      'https://example.go.th/staff/',
    );
  });

  it("when cookies go out and come in, then they carry the tenant's name and path, and the app sees only its own", async () => {
    const res = await fetch(`${url}/cookie`, {
      headers: { cookie: 'phonsai_staff=town; phonsai_staff.b-town=other; phonsai_staff.a-town=mine; x=1' },
    });
    expect(res.headers.getSetCookie()).toEqual([
      'phonsai_staff.a-town=abc; Path=/t/a-town/staff; HttpOnly; SameSite=Strict',
      '__Host-phonsai_staff.a-town=def; Path=/; Secure; HttpOnly',
    ]);
    expect(seen.at(-1)).toBe('phonsai_staff=mine');
    await fetch(`${url}/cookie`, { headers: { cookie: 'phonsai_staff=town' } });
    expect(seen.at(-1)).toBeUndefined();
  });
});
