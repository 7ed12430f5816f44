import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { followEvent, textEvent, userId } from '../helpers/events.js';
import { artifact, fitsWidth, launchChromium } from '../helpers/browser.js';
import { bangkokParts } from '../../src/thai/bangkok-time.js';
import { createReadyAccount } from '../helpers/console-client.js';
import { loginAs, openConsole, type ConsolePage } from './console-browser.js';

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);

const TITLE = '<img src=x onerror=alert(1)>ประกาศรับสมัครงาน';
const STAFF_PHONE = userId(77);

/** A datetime-local value (Bangkok wall time) `days` from now. */
function bangkokLocal(days: number): string {
  const p = bangkokParts(new Date(Date.now() + days * 24 * 3600_000));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T09:00`;
}

describe.skipIf(!browser)('staff console in Chromium: publishing', () => {
  let bot: TestBot;
  const problems: string[] = [];
  let page: ConsolePage;

  beforeAll(async () => {
    bot = await startBot();
    await bot.send(followEvent(userId(1)), followEvent(userId(2)), followEvent(userId(3)));
    const password = await createReadyAccount(bot.dataDir, 'somsri', 'editor');
    page = await openConsole(browser!, problems);
    await loginAs(page, bot.url, 'somsri', password);
  });
  afterAll(async () => {
    bot.expectAllLineCallsValid();
    await browser?.close();
    await bot.close();
  });

  const multicasts = () => bot.line.calls.filter((c) => c.path === '/v2/bot/message/multicast');

  it('when an editor links their LINE by a code, test-sends, confirms the recipients and publishes, then subscribers get it and the delivery figures show', async () => {
    await page.goto(`${bot.url}/staff/publications/new`);
    await page.locator('#title').fill(TITLE);
    await page.locator('#body').fill('เทศบาลรับสมัครพนักงานจ้างทั่วไป 2 ตำแหน่ง\nยื่นใบสมัครได้ที่กองการเจ้าหน้าที่');
    await page.locator('#preview[data-state="ready"] .fx-bubble').waitFor();
    await expect.poll(() => page.locator('#preview').textContent()).toContain(TITLE);
    expect(await page.locator('#preview img[src="x"]').count()).toBe(0);
    // The preview's inline styles came through the CSSOM, not style attributes the CSP refuses
    expect(await page.locator('#preview [style]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifact('console-compose-preview.png'), fullPage: true });

    // No LINE linked yet: the form points to linking instead of asking for a user id
    expect(await page.locator('input[name="userId"]').count()).toBe(0);
    await page.locator('fieldset.test-send a', { hasText: 'เชื่อมบัญชี LINE' }).click();
    await page.locator('button', { hasText: 'ขอรหัสเชื่อมบัญชี' }).click();
    const code = (await page.locator('.link-code .code').textContent())!;
    expect(code).toMatch(/^\d{6}$/);
    await page.screenshot({ path: artifact('console-line-link-code.png'), fullPage: true });
    await bot.send(textEvent(STAFF_PHONE, `เชื่อมบัญชี ${code}`));
    await page.locator('a', { hasText: 'ตรวจสอบอีกครั้ง' }).click();
    expect(await page.locator('.notice.ok').textContent()).toContain('เชื่อมบัญชี LINE ของคุณแล้ว');
    await page.goto(`${bot.url}/staff/publications/new`);
    await page.locator('#title').fill(TITLE);
    await page.locator('#body').fill('เทศบาลรับสมัครพนักงานจ้างทั่วไป 2 ตำแหน่ง\nยื่นใบสมัครได้ที่กองการเจ้าหน้าที่');
    await page.locator('button', { hasText: 'ส่งทดสอบไปที่ LINE ของฉัน' }).click();
    await page.locator('.notice.ok', { hasText: 'ส่งทดสอบแล้ว' }).waitFor();
    const pushes = bot.line.calls.filter((c) => c.path === '/v2/bot/message/push');
    expect(pushes.map((c) => c.body.to)).toEqual([STAFF_PHONE]);
    expect(multicasts()).toHaveLength(0);
    expect(await page.locator('#title').evaluate((el: any) => el.value)).toBe(TITLE);

    await page.locator('button', { hasText: 'ตรวจดูก่อนส่ง' }).click();
    expect(await page.locator('#confirm-count').textContent()).toBe('ส่งถึง 3 คน');
    expect(multicasts()).toHaveLength(0);
    await page.locator('button', { hasText: 'ยืนยันส่งถึง 3 คน' }).click();
    await page.waitForURL(/\/staff\/publications\/pub-/);
    await bot.runtime.publishing.idle();
    await page.goto(page.url());
    const figure = (key: string) => page.locator(`table.delivery [data-figure="${key}"]`).textContent();
    expect([
      await figure('recipients'),
      await figure('accepted'),
      await figure('failed'),
      await figure('pending'),
    ]).toEqual(['3', '3', '0', '0']);
    expect(await page.locator('[data-figure="state"]').textContent()).toContain('ส่งแล้ว');
    expect(await page.locator('table.batches tbody tr').count()).toBe(1);
    expect(await page.locator('table.batches code').textContent()).toMatch(/^req-\d+$/);
    expect(await page.locator('h1').textContent()).toBe(TITLE);
    await page.locator('#preview .fx-bubble').waitFor();
    await page.screenshot({ path: artifact('console-publication-delivered.png'), fullPage: true });
    expect(multicasts()).toHaveLength(1);
    expect((multicasts()[0]!.body.to as string[]).sort()).toEqual([userId(1), userId(2), userId(3)]);
    // The batches say how each went out, in words
    expect(await page.locator('table', { hasText: 'รหัสคำขอ LINE' }).locator('tbody').textContent()).toContain(
      'ส่งถึงผู้รับตามรายชื่อ',
    );
    expect(await page.locator('table', { hasText: 'รหัสคำขอ LINE' }).locator('tbody').textContent()).not.toContain(
      'multicast',
    );

    await page.locator('nav.menu a', { hasText: 'ข่าวสาร' }).click();
    const row = page.locator('table.publications tbody tr').first();
    expect(await row.locator('[data-figure="accepted"]').textContent()).toBe('3');
    expect(await page.locator('main img[src="x"]').count()).toBe(0);
    // The dashboard lists it among the last deliveries, with the same figures
    await page.locator('nav.menu a', { hasText: 'หน้าหลัก' }).click();
    const last = page.locator('main table', { hasText: 'ประกาศรับสมัครงาน' }).locator('tbody tr').first();
    expect(await last.locator('[data-figure="accepted"]').textContent()).toBe('3');
    expect(await page.locator('[data-topic="news"]').textContent()).toBe('3');
    const created = bot.runtime.audit
      .list()
      .filter((e) => e.actor === 'somsri')
      .map((e) => e.action);
    expect(created).toEqual(
      expect.arrayContaining([
        'line-link.code',
        'line-link.done',
        'publication.test-send-draft',
        'publication.create',
        'publication.read',
      ]),
    );
    await expectClean(page);
  });

  it('when a publication is scheduled and then cancelled, then nothing is sent and the list says so', async () => {
    await page.goto(`${bot.url}/staff/publications/new`);
    await page.locator('#topic').selectOption('procurement');
    await page.locator('#title').fill('ประกาศจัดซื้อวัสดุสำนักงาน');
    await page.locator('#body').fill('รายละเอียดตามเอกสารแนบ');
    await page.locator('#publishAt').fill(bangkokLocal(2));
    await page.locator('button', { hasText: 'ตรวจดูก่อนส่ง' }).click();
    await page.locator('button', { hasText: 'ยืนยันตั้งเวลาส่งถึง 3 คน' }).click();
    await page.waitForURL(/\/staff\/publications\/pub-/);
    expect(await page.locator('[data-figure="state"]').textContent()).toContain('รอเวลาส่ง');
    await page.locator('button', { hasText: 'ยกเลิกการส่ง' }).click(); // confirm() is accepted
    await page.locator('.notice.ok', { hasText: 'ยกเลิกการส่งแล้ว' }).waitFor();
    expect(await page.locator('[data-figure="state"]').textContent()).toContain('ยกเลิกแล้ว');
    expect(multicasts()).toHaveLength(1);
    expect(bot.runtime.audit.list().some((e) => e.actor === 'somsri' && e.action === 'publication.cancel')).toBe(true);
    await page.screenshot({ path: artifact('console-publication-cancelled.png'), fullPage: true });
    await expectClean(page);
  });

  it('when the form is incomplete or the time is past, then the page says what to fix in Thai and keeps what was typed', async () => {
    await page.goto(`${bot.url}/staff/publications/new`);
    await page.locator('#title').fill('ข่าวไม่มีเนื้อหา');
    await page.locator('#body').fill(' ');
    await page.locator('#publishAt').fill('2020-01-01T09:00');
    await page.locator('button', { hasText: 'ตรวจดูก่อนส่ง' }).click();
    await page.locator('.notice.error').waitFor();
    const text = await page.locator('.notice.error').textContent();
    expect(text).toContain('เนื้อหา: ยังไม่ได้กรอก');
    expect(await page.locator('#title').evaluate((el: any) => el.value)).toBe('ข่าวไม่มีเนื้อหา');
    problems.splice(0); // the 400 is logged by the browser
  });

  async function expectClean(p: ConsolePage) {
    expect(await fitsWidth(p)).toBe(true);
    expect(problems).toEqual([]);
  }
});
