import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { filesContaining, storedTips } from '../helpers/tip-chat-helpers.js';
import { SECRETS, jpegWithMetadata } from '../helpers/tip-fixtures.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>"'&`;
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;';

function form(
  fields: Record<string, string>,
  files: Array<{ name: string; type: string; bytes: Buffer }> = [],
): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  for (const f of files) data.append('evidence', new Blob([f.bytes], { type: f.type }), f.name);
  return data;
}

const post = (b: TestBot, path: string, body: FormData | string, headers: Record<string, string> = {}) =>
  fetch(`${b.url}${path}`, { method: 'POST', body, headers });
const receiptOf = (page: string) =>
  /<p class="receipt" id="receipt">(\d{4} \d{4} \d{4} \d{4})<\/p>/.exec(page)?.[1]?.replace(/ /g, '') ?? null;
const tipIds = async (b: TestBot) =>
  ((await (await b.staff('GET', '/tips')).json()) as { tips: Array<{ id: string }> }).tips.map((t) => t.id);

describe('/tip web form', () => {
  it('when the form is opened, then it is Thai, explains the channel, has no script, sets no cookie and sends strict headers', async () => {
    bot = await startBot();
    const res = await fetch(`${bot.url}/tip`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<html lang="th">');
    expect(page).toContain('ไม่เก็บที่อยู่ IP');
    expect(page).toContain('Traffy Fondue');
    expect(page).not.toMatch(/<script/i);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(`${bot.url}/tip/tip.css`)).headers.get('content-type')).toContain('text/css');
  });

  it('when a tip with an image is filed, then the receipt page shows it in four groups and the status page opens with it; metadata is gone', async () => {
    bot = await startBot();
    const res = await post(
      bot,
      '/tip',
      form({ what: 'มีการเรียกรับเงินค่าขออนุญาต', who: 'กองคลัง', when: '', where: '' }, [
        { name: 'photo.jpg', type: 'image/jpeg', bytes: jpegWithMetadata() },
      ]),
    );
    expect(res.status).toBe(200);
    const receipt = receiptOf(await res.text());
    expect(receipt).toMatch(/^\d{16}$/);
    const [id] = await tipIds(bot);
    const tip = (await (await bot.staff('GET', `/tips/${id}`)).json()) as {
      channel: string;
      identity: string;
      content: Record<string, unknown>;
      attachments: Array<{ url: string }>;
    };
    expect(tip).toMatchObject({
      channel: 'web',
      identity: 'anonymous',
      content: { what: 'มีการเรียกรับเงินค่าขออนุญาต', who: 'กองคลัง', when: null, where: null },
    });
    const image = Buffer.from(
      await (await bot.staff('GET', tip.attachments[0]!.url.replace('/staff/api', ''))).arrayBuffer(),
    );
    expect(SECRETS.filter((s) => image.includes(Buffer.from(s, 'latin1')))).toEqual([]);

    const status = await post(
      bot,
      '/tip/status',
      new URLSearchParams({ receipt: receipt!.replace(/(\d{4})(?=\d)/g, '$1-') }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(status.status).toBe(200);
    expect(await status.text()).toContain('<dd id="status">รับเรื่อง</dd>');
    expect((await fetch(`${bot.url}/tip/status?receipt=${receipt}`)).status).toBe(200);
    const unknown = await fetch(`${bot.url}/tip/status?receipt=0000000000000000`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('ไม่พบเรื่องที่ตรงกับเลขนี้');
    expect(await filesContaining(bot.dataDir, ['มีการเรียกรับเงินค่าขออนุญาต', 'กองคลัง', receipt!])).toEqual([]);
  });

  it('when every field holds HTML and script, then it is stored as typed and every page shows it escaped', async () => {
    bot = await startBot();
    const res = await post(bot, '/tip', form({ what: XSS, who: XSS, when: XSS, where: XSS }));
    const receipt = receiptOf(await res.text())!;
    const [id] = await tipIds(bot);
    await bot.staff('PATCH', `/tips/${id}`, { status: 'assessing', publicNote: XSS });
    const tip = (await (await bot.staff('GET', `/tips/${id}`)).json()) as { content: Record<string, string> };
    expect(tip.content.what).toBe(XSS);
    expect(tip.content.where).toBe(XSS);
    const page = await (await fetch(`${bot.url}/tip/status?receipt=${receipt}`)).text();
    expect(page).toContain(ESCAPED);
    expect(page).not.toContain('<script>alert');
    // A refused form comes back with the text kept, escaped
    const refused = await post(bot, '/tip', form({ what: '', who: XSS }));
    expect(refused.status).toBe(400);
    const again = await refused.text();
    expect(again).toContain(`value="${ESCAPED}"`);
    expect(again).not.toContain('<img src=x');
  });

  it('when the text is 100 kB, then it is stored whole; past the cap it is refused with the text kept', async () => {
    bot = await startBot();
    const long = 'ก'.repeat(50_000) + 'a'.repeat(50_000) + '<b>end</b>';
    expect((await post(bot, '/tip', form({ what: long }))).status).toBe(200);
    const [id] = await tipIds(bot);
    expect(((await (await bot.staff('GET', `/tips/${id}`)).json()) as { content: { what: string } }).content.what).toBe(
      long,
    );
    const tooLong = await post(bot, '/tip', form({ what: 'x'.repeat(200_001) }));
    expect(tooLong.status).toBe(400);
    const page = await tooLong.text();
    expect(page).toContain('ไม่เกิน 200,000 ตัวอักษร');
    expect(page).toContain('x'.repeat(1000));
  });

  it('when the body has broken UTF-8, then the bad bytes are stored as replacement characters, nothing else', async () => {
    bot = await startBot();
    const boundary = '----tiptest';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="what"\r\n\r\nก่อน`),
      Buffer.from([0xff, 0xfe, 0xe0, 0xb8]),
      Buffer.from(`หลัง\u0000\u0007\r\n--${boundary}--\r\n`),
    ]);
    const res = await post(bot, '/tip', body as unknown as string, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(res.status).toBe(200);
    const [id] = await tipIds(bot);
    const what = ((await (await bot.staff('GET', `/tips/${id}`)).json()) as { content: { what: string } }).content.what;
    expect(what.startsWith('ก่อน')).toBe(true);
    expect(what.endsWith('หลัง')).toBe(true);
    expect(what).toContain('\uFFFD');
    expect(what).not.toMatch(/[\u0000-\u0008]/);
  });

  it('when the content type is wrong, then the form is refused: JSON, plain text, and files that are not pictures whatever they claim', async () => {
    bot = await startBot();
    expect(
      (await post(bot, '/tip', JSON.stringify({ what: 'x' }), { 'content-type': 'application/json' })).status,
    ).toBe(415);
    expect((await post(bot, '/tip', 'what=x', { 'content-type': 'text/plain' })).status).toBe(415);
    const broken = await post(bot, '/tip', '--nope\r\n', { 'content-type': 'multipart/form-data; boundary=other' });
    expect(broken.status).toBe(400);
    const fake = await post(
      bot,
      '/tip',
      form({ what: 'มีรูปปลอม' }, [
        { name: '<svg onload=alert(1)>.png', type: 'image/png', bytes: Buffer.from('<html><script>alert(1)</script>') },
      ]),
    );
    expect(fake.status).toBe(400);
    const page = await fake.text();
    expect(page).toContain('&lt;svg onload=alert(1)&gt;.png');
    expect(page).toContain('มีรูปปลอม');
    expect(await storedTips(bot.dataDir).catch(() => [])).toEqual([]);
  });

  it('when the receipt page is reloaded (the browser posts the same form again), then no second tip is filed', async () => {
    bot = await startBot();
    const page = await (await fetch(`${bot.url}/tip`)).text();
    const n = /name="n" value="([\w-]{22})"/.exec(page)![1]!;
    expect((await post(bot, '/tip', form({ n, what: 'เรื่องเดียว' }))).status).toBe(200);
    const again = await post(bot, '/tip', form({ n, what: 'เรื่องเดียว' }));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('ส่งเรื่องไปแล้ว');
    expect(await storedTips(bot.dataDir)).toHaveLength(1);
    const refused = await (await post(bot, '/tip', form({ what: '' }))).text();
    expect(refused).toMatch(/name="n" value="[\w-]{22}"/);
  });

  it('when a post comes from another site, then it is refused; when one client files too often, it is limited in memory', async () => {
    bot = await startBot();
    expect((await post(bot, '/tip', form({ what: 'x' }), { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post(bot, '/tip', form({ what: 'x' }), { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(bot, '/tip', form({ what: 'x' }), { origin: 'not a url' })).status).toBe(403);
    for (let i = 0; i < 5; i++) expect((await post(bot, '/tip', form({ what: `เรื่องที่ ${i}` }))).status).toBe(200);
    const limited = await post(bot, '/tip', form({ what: 'เรื่องที่หก' }));
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('เรื่องที่หก');
    expect(await filesContaining(bot.dataDir, ['127.0.0.1'])).toEqual([]);
  });

  it('when the reporter adds information on the status page, then it joins the tip; a closed tip takes no more', async () => {
    bot = await startBot();
    const receipt = receiptOf(await (await post(bot, '/tip', form({ what: 'เรื่องแรก' }))).text())!;
    const added = await post(bot, '/tip/add', form({ receipt, text: 'ข้อมูลเพิ่ม <i>ตัวเอียง</i>' }));
    expect(added.status).toBe(200);
    expect(await added.text()).toContain('เพิ่มข้อมูลในเรื่องของท่านแล้ว');
    const [id] = await tipIds(bot);
    const tip = (await (await bot.staff('GET', `/tips/${id}`)).json()) as {
      content: { additions: Array<{ text: string }> };
    };
    expect(tip.content.additions[0]!.text).toBe('ข้อมูลเพิ่ม <i>ตัวเอียง</i>');
    await bot.staff('PATCH', `/tips/${id}`, { status: 'closed', outcome: 'ตรวจสอบแล้ว ไม่พบมูล' });
    const closed = await post(bot, '/tip/add', form({ receipt, text: 'อีก' }));
    expect(closed.status).toBe(409);
    const page = await closed.text();
    expect(page).toContain('ปิดเรื่อง');
    expect(page).toContain('ตรวจสอบแล้ว ไม่พบมูล');
    expect(page).not.toContain('action="/tip/add"');
  });
});
