import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as auditVerify } from '../../src/cli/audit-verify.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { followEvent, unfollowEvent, userId } from '../helpers/events.js';
import { tempDir } from '../helpers/temp-dir.js';
import { artifact, fitsWidth, launchChromium } from '../helpers/browser.js';
import { createAccount, createReadyAccount } from '../helpers/console-client.js';
import { loginAs, openConsole, type ConsolePage } from './console-browser.js';
import { asked, seedQuestions, shippedItems } from '../helpers/console-seed.js';

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);

// 20 March 2026, 10:00 in Bangkok: the second quarter of fiscal year 2569 (January–March 2026)
const NOW = new Date('2026-03-20T03:00:00Z');

describe.skipIf(!browser)('staff console in Chromium: login, quarterly report, audit trail', () => {
  let bot: TestBot;
  const problems: string[] = [];
  let ids: Awaited<ReturnType<typeof shippedItems>>;

  beforeAll(async () => {
    ids = await shippedItems();
    const dataDir = await tempDir();
    const ita = { id: ids.ita.id, kind: 'ita' };
    seedQuestions(dataDir, [
      asked('2025-12-31T16:59:59.000Z', 'ก่อนไตรมาส', null), // 23:59:59 on 31 Dec in Bangkok: Q1
      asked('2025-12-31T17:00:00.000Z', 'ผล ita', ita), // midnight, 1 Jan in Bangkok: Q2's first moment
      asked('2026-01-06T03:00:00.000Z', 'ita ได้กี่คะแนน', ita),
      asked('2026-01-06T04:00:00.000Z', 'คะแนนปีนี้', ita, 0.3),
      asked('2026-01-07T03:00:00.000Z', 'มาตรการ', { id: ids.measure.id, kind: 'measure' }),
      asked('2026-02-03T03:00:00.000Z', 'ร้านกาแฟแถวนี้', null),
      asked('2026-02-04T03:00:00.000Z', 'ร้านกาแฟแถวนี้', null),
      asked('2026-02-05T03:00:00.000Z', '<script>alert(1)</script><b>ตัวหนา</b>', null),
      asked('2026-03-31T16:59:59.000Z', 'ita', ita), // the quarter's last second
      asked('2026-03-31T17:00:00.000Z', 'หลังไตรมาส', null), // 1 April in Bangkok: Q3
      { at: '2026-02-10T03:00:00.000Z', intent: 'menu', match: null, kind: null, score: null }, // not a question
    ]);
    bot = await startBot({ dataDir, clock: () => NOW });
    await bot.send(followEvent(userId(1)), followEvent(userId(2)), followEvent(userId(3)));
    await bot.send(unfollowEvent(userId(3)));
  });
  afterAll(async () => {
    await browser?.close();
    await bot.close();
  });

  async function expectClean(page: ConsolePage) {
    expect(await fitsWidth(page)).toBe(true);
    expect(problems).toEqual([]);
  }

  it('when a new editor logs in with the one-time password, then a new password is required and the dashboard follows, on a phone too', async () => {
    const once = await createAccount(bot.dataDir, 'somsri', 'editor');
    const page = await openConsole(browser!, problems, { width: 390, height: 844 });
    await page.goto(`${bot.url}/staff/`);
    await page.waitForURL(/\/staff\/login$/);
    await page.screenshot({ path: artifact('console-login-phone.png') });
    await page.locator('#name').fill('somsri');
    await page.locator('#password').fill(once);
    await page.locator('button[type="submit"]', { hasText: 'เข้าสู่ระบบ' }).click();
    await page.waitForURL(/\/staff\/password$/);
    await page.screenshot({ path: artifact('console-password-phone.png') });
    await page.locator('#current').fill(once);
    await page.locator('#next').fill('Phon-Sai-News-2569');
    await page.locator('#confirm').fill('Phon-Sai-News-2569');
    await page.locator('button[type="submit"]', { hasText: 'บันทึกรหัสผ่านใหม่' }).click();
    await page.waitForURL(/\/staff\/$/);
    expect(await page.locator('[data-figure="friends"]').textContent()).toBe('2');
    expect(await page.locator('[data-figure="questions"]').textContent()).toBe('8');
    await page.screenshot({ path: artifact('console-dashboard-phone.png'), fullPage: true });
    await expectClean(page);
    // An editor has no accounts page, in the menu or by address (the browser logs the 403s)
    expect(await page.locator('nav.menu a[href="/staff/accounts"]').count()).toBe(0);
    await page.goto(`${bot.url}/staff/accounts`);
    expect(await page.locator('.notice.error').textContent()).toContain('ไม่มีสิทธิ์');
    const post = await page.evaluate(async () => {
      const w = globalThis as any;
      const csrf = w.document.querySelector('input[name="_csrf"]').value as string;
      const res = await fetch('/staff/accounts', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${encodeURIComponent(csrf)}&name=mallory&role=admin`,
      });
      return res.status;
    });
    expect(post).toBe(403);
    expect(bot.runtime.audit.list().filter((e) => e.action === 'access.denied' && e.actor === 'somsri')).toHaveLength(
      2,
    );
    expect(problems.splice(0).every((p) => p.includes('403'))).toBe(true);
    await page.context().close();
  });

  it('when an auditor produces the quarterly report for a fixed clock, then the figures match the seeded data, it prints on A4 and downloads as CSV', async () => {
    const password = await createReadyAccount(bot.dataDir, 'kanya', 'auditor');
    const page = await openConsole(browser!, problems);
    await loginAs(page, bot.url, 'kanya', password);
    await page.goto(`${bot.url}/staff/report`);
    expect(await page.locator('h1').textContent()).toContain('ไตรมาสที่ 2 ปีงบประมาณ พ.ศ. 2569');
    expect(await page.locator('.report-head').textContent()).toContain('1 ม.ค. 2569 – 31 มี.ค. 2569');
    const figure = (key: string) => page.locator(`[data-figure="${key}"]`).textContent();
    expect(await figure('asked')).toBe('8');
    expect(await figure('answered')).toBe('5');
    expect(await figure('unanswered')).toBe('3');
    expect(await figure('low-confidence')).toBe('1');
    expect(await figure('answered-share')).toBe('62.5%');
    expect(await figure('friends-now')).toBe('2');
    // Three followed this quarter (all topics each), one of them blocked again
    expect([await figure('friends-gained'), await figure('friends-lost')]).toEqual(['3', '1']);
    expect([await figure('subscribers-gained'), await figure('subscribers-lost')]).toEqual(['3', '1']);
    expect([await figure('subscribers-now'), await figure('topic-news'), await figure('topic-procurement')]).toEqual([
      '2',
      '2',
      '2',
    ]);
    expect(await page.locator('table.most-asked tbody tr').first().textContent()).toContain(ids.ita.title);
    expect(await page.locator('table.most-asked tbody tr').first().locator('td.n').textContent()).toBe('4');
    expect(await page.locator('table.top-unanswered tbody tr').first().textContent()).toContain('ร้านกาแฟแถวนี้');
    // A question with markup is shown as the text it is
    expect(
      await page.locator('table.top-unanswered td', { hasText: '<script>alert(1)</script><b>ตัวหนา</b>' }).count(),
    ).toBe(1);
    expect(await page.locator('table.top-unanswered b').count()).toBe(0);
    // The weekly chart: 14 Monday-weeks, the first cut to 1–4 January
    expect(await page.locator('table.chart tr[data-week]').count()).toBe(14);
    const week = (n: number) =>
      page.locator(`table.chart tr[data-week="${n}"]`).evaluate((tr: any) => [tr.dataset.asked, tr.dataset.answered]);
    expect(await week(1)).toEqual(['1', '1']);
    expect(await week(2)).toEqual(['3', '3']);
    expect(await week(6)).toEqual(['3', '0']);
    expect(await week(14)).toEqual(['1', '1']);
    await page.screenshot({ path: artifact('console-report.png'), fullPage: true });

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    await page.screenshot({ path: artifact('console-report-print-a4.png'), fullPage: true });
    await page.pdf({ path: artifact('console-report-a4.pdf'), format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });

    const [bom, csv] = await page.evaluate(async () => {
      const bytes = new Uint8Array(await (await fetch('/staff/report.csv?fy=2569&q=2')).arrayBuffer());
      return [Array.from(bytes.slice(0, 3)), new TextDecoder().decode(bytes)] as const;
    });
    expect(bom).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toContain('"คำถาม","คำถามทั้งหมด","8",""');
    expect(csv).toContain('"คำถาม","สัดส่วนที่ตอบได้ (%)","62.5",""');
    expect(csv).toContain(`"คำถามที่ตอบไม่ได้บ่อยที่สุด","ร้านกาแฟแถวนี้","2",""`);
    expect(
      bot.runtime.audit
        .list()
        .some((e) => e.actor === 'kanya' && e.action === 'report.export' && e.target === 'report:2569-Q2'),
    ).toBe(true);

    // The first quarter holds only the one question asked a second before midnight
    await page.goto(`${bot.url}/staff/report?fy=2569&q=1`);
    expect(await figure('asked')).toBe('1');
    expect(await figure('friends-gained')).toBe('0');
    await expectClean(page);
    await page.context().close();
  });

  it("when an editor opens the questions page, then residents' markup shows as text and one click points a question at an item", async () => {
    const password = await createReadyAccount(bot.dataDir, 'wilai', 'editor');
    const page = await openConsole(browser!, problems);
    await loginAs(page, bot.url, 'wilai', password);
    await page.locator('nav.menu a', { hasText: 'คำถาม' }).click();
    await page.locator('table.questions').first().waitFor();
    expect(await page.locator('td.question-text', { hasText: '<script>alert(1)</script><b>ตัวหนา</b>' }).count()).toBe(
      1,
    );
    expect(await page.locator('td.question-text b').count()).toBe(0);
    await page.screenshot({ path: artifact('console-questions.png'), fullPage: true });
    const row = page.locator('table.questions tbody.question', { hasText: 'ร้านกาแฟแถวนี้' }).first();
    await row.locator('select[name="item"]').selectOption(ids.measure.id);
    await row.locator('button', { hasText: 'ให้ตอบด้วยเรื่องนี้' }).click();
    await page.locator('.notice.ok', { hasText: 'มีผลทันที' }).waitFor();
    expect(bot.runtime.index.answer('ร้านกาแฟแถวนี้').best?.item.id).toBe(ids.measure.id);
    expect(await page.locator('table.questions tr', { hasText: 'ร้านกาแฟแถวนี้' }).first().textContent()).toContain(
      ids.measure.title.slice(0, 20),
    );
    await expectClean(page);
    await page.context().close();
  });

  it('when an admin creates an account, then its one-time password shows once and the trail records who made it', async () => {
    const password = await createReadyAccount(bot.dataDir, 'boonmee', 'admin');
    const page = await openConsole(browser!, problems);
    await loginAs(page, bot.url, 'boonmee', password);
    await page.locator('nav.menu a', { hasText: 'บัญชีผู้ใช้' }).click();
    await page.locator('#new-name').fill('malee');
    await page.locator('select[name="role"]').last().selectOption('tip-handler');
    await page.locator('button', { hasText: 'สร้างบัญชี' }).click();
    const once = await page.locator('code.otp').textContent();
    expect(once).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await page.locator('tr[data-account="malee"]').textContent()).toContain('ยังไม่ได้ตั้งรหัสผ่านเอง');
    await page.screenshot({ path: artifact('console-accounts.png'), fullPage: true });
    await page.goto(`${bot.url}/staff/accounts`);
    expect(await page.locator('code.otp').count()).toBe(0);
    expect(
      bot.runtime.audit
        .list()
        .some((e) => e.actor === 'boonmee' && e.action === 'account.create' && e.target === 'account:malee'),
    ).toBe(true);
    expect(JSON.stringify(bot.runtime.audit.list())).not.toContain(once!);
    await expectClean(page);
    await page.context().close();
  });

  it('when an entry of the audit trail is edited on disk, then audit:verify fails and the console shows where', async () => {
    const password = await createReadyAccount(bot.dataDir, 'prasert', 'auditor');
    const page = await openConsole(browser!, problems);
    await loginAs(page, bot.url, 'prasert', password);
    await page.goto(`${bot.url}/staff/audit`);
    expect(await page.locator('.notice.ok').textContent()).toContain('ครบถ้วน');
    await page.screenshot({ path: artifact('console-audit-intact.png'), fullPage: true });
    const env = { DATA_DIR: bot.dataDir, TIP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
    const quiet = () => undefined;
    expect(await auditVerify(env, quiet, quiet)).toBe(0);

    const file = path.join(bot.dataDir, 'state', 'audit.jsonl');
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    const second = JSON.parse(lines[1]!) as { actor: string };
    lines[1] = JSON.stringify({ ...second, actor: 'someone-else' });
    fs.writeFileSync(file, lines.join('\n') + '\n');

    const errors: string[] = [];
    expect(await auditVerify(env, quiet, (line: string) => errors.push(line))).toBe(1);
    expect(errors).toEqual(['audit trail broken at entry 2: its content was changed']);
    await page.goto(`${bot.url}/staff/audit`);
    expect(await page.locator('.notice.error').textContent()).toContain('รายการลำดับ 2');
    // Only the edited entry is marked; those after it still check out one by one
    expect(await page.locator('tr.broken').count()).toBe(1);
    expect(await page.locator('tr.broken td').first().textContent()).toBe('2');
    await page.screenshot({ path: artifact('console-audit-broken.png'), fullPage: true });
    await expectClean(page);
    await page.context().close();
  });
});
