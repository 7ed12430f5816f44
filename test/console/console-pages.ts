import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { followEvent, textEvent, userId } from '../helpers/events.js';
import { artifact, fitsWidth, type Browser } from '../helpers/browser.js';
import { fileTipInChat } from '../helpers/tip-chat-helpers.js';
import { axeProblems } from '../helpers/axe.js';
import { ConsoleClient, createReadyAccount } from '../helpers/console-client.js';
import { loginAs, openConsole, type ConsolePage } from './console-browser.js';

// 20 March 2026, 10:00 in Bangkok: fiscal year 2569, second quarter
const NOW = new Date('2026-03-20T03:00:00Z');
const PUB_TITLE = 'ประกาศรับสมัครพนักงานจ้างทั่วไป ตำแหน่งคนงานประจำรถขยะ';

/**
 * Every console page as each role sees it at one screen width (a 360 px phone, a 1280 px
 * screen: one test file each, so the two run side by side): nothing scrolls sideways, axe-core
 * finds no serious or critical problem, and what the issue named reads right (titles instead of
 * ids, tip numbers, Thai audit sentences, dates on one line).
 */
export function describeConsolePages(browser: Browser | null, width: 360 | 1280): void {
  const WIDTHS = [width];
  describe.skipIf(!browser)(
    `staff console in Chromium at ${width} px: every page fits, reads right and passes axe`,
    () => {
      let bot: TestBot;
      const problems: string[] = [];
      const passwords: Record<string, string> = {};
      let tipIds: string[] = [];
      let pubId = '';

      beforeAll(async () => {
        bot = await startBot({ clock: () => NOW });
        await bot.send(followEvent(userId(1)), followEvent(userId(2)));
        const created = await bot.staff('POST', '/publications', {
          title: PUB_TITLE,
          body: 'ยื่นใบสมัครได้ที่กองการเจ้าหน้าที่ ภายใน 31 มีนาคม 2569',
          topic: 'news',
        });
        pubId = ((await created.json()) as { id: string }).id;
        await bot.runtime.publishing.idle();
        await bot.send(textEvent(userId(1), 'รับสมัครพนักงานจ้างทั่วไป'));
        await bot.send(textEvent(userId(2), 'ร้านกาแฟแถวนี้มีที่ไหนบ้าง'));
        await fileTipInChat(bot, userId(1), { what: 'มีการเรียกเงินค่าดำเนินการนอกระบบ' });
        await fileTipInChat(bot, userId(2), { what: 'เรื่องที่สอง' });
        tipIds = (await bot.runtime.tips.desk.list({}, NOW)).map((t) => t.id);
        for (const [name, role] of [
          ['somsri.jaidee-news', 'editor'],
          ['malee', 'tip-handler'],
          ['kanya', 'auditor'],
          ['boonmee.administrator', 'admin'],
        ] as const) {
          passwords[name] = await createReadyAccount(bot.dataDir, name, role);
        }
        // One status change, for the audit sentence
        const handler = new ConsoleClient(bot.url);
        await handler.login('malee', passwords.malee!);
        await handler.get(`/staff/tips/${tipIds[0]}`);
        await handler.post(`/staff/tips/${tipIds[0]}/status`, { status: 'assessing', publicNote: '' });
      });
      afterAll(async () => {
        await bot.close();
        await browser?.close();
      });

      /** Opens `path` as `name` at `width`, checks the common rules, then runs `check` on it. */
      async function visit(
        name: string,
        width: number,
        paths: string[],
        check?: (page: ConsolePage, path: string) => Promise<void>,
      ) {
        const page = await openConsole(browser!, problems, { width, height: 800 });
        await loginAs(page, bot.url, name, passwords[name]!);
        for (const path of paths) {
          await page.goto(`${bot.url}${path}`);
          await expectGood(page, `${name} ${path} @${width}`);
          await check?.(page, path);
        }
        await page.context().close();
      }

      async function expectGood(page: ConsolePage, where: string) {
        if (!(await fitsWidth(page))) {
          // Name what sticks out, so a failure says where to look
          const wide = await page.evaluate(() => {
            const w = globalThis as any;
            return [...w.document.querySelectorAll('body *')]
              .filter((e: any) => e.getBoundingClientRect().right > w.innerWidth + 1)
              .slice(0, 8)
              .map((e: any) => `${e.tagName.toLowerCase()}.${e.className}`);
          });
          expect(wide, `${where}: nothing scrolls sideways`).toEqual([]);
        }
        expect(await axeProblems(page), `${where}: axe`).toEqual([]);
        const visible = await page.locator('main').evaluate((el: any) => el.innerText as string);
        expect(visible, `${where}: no raw ids`).not.toMatch(/publication:|pub-[0-9a-z]{6}|tip:|\b[a-z0-9]{12}\b/);
        expect(problems, where).toEqual([]);
      }

      /** The lines the text of an element's cells take at most (distinct line boxes of its text), over every match. */
      const lines = (page: ConsolePage, selector: string) =>
        page.evaluate((sel: string) => {
          const doc = (globalThis as any).document;
          const counts = [...doc.querySelectorAll(sel)].map((el: any) => {
            const range = doc.createRange();
            range.selectNodeContents(el);
            return new Set(
              [...range.getClientRects()].filter((r: any) => r.width > 0).map((r: any) => Math.round(r.top)),
            ).size;
          });
          return Math.max(0, ...counts);
        }, selector);
      /** Whether an element lies inside the viewport's width. */
      const insideWidth = (page: ConsolePage, selector: string) =>
        page
          .locator(selector)
          .first()
          .evaluate((el: any) => {
            const r = el.getBoundingClientRect();
            return r.left >= 0 && r.right <= (globalThis as any).innerWidth;
          });

      it.each(WIDTHS)(
        'when an auditor reads the quarterly report at %i px, then titles replace ids, zero reads 0, the chart labels are page text and "แสดง" is on screen',
        async (width) => {
          await visit('kanya', width, ['/staff/report', '/staff/'], async (page, path) => {
            if (path !== '/staff/report') return;
            expect(await page.locator('table.most-asked tbody tr').first().textContent()).toContain(PUB_TITLE);
            expect(await page.locator('[data-figure="tips-overdue"]').textContent()).toBe('0');
            expect(await page.locator('[data-figure="tips-received"]').textContent()).toBe('<5');
            expect(await insideWidth(page, 'form.quarter-pick button')).toBe(true);
            expect(await page.locator('form.quarter-pick button', { hasText: 'แสดง' }).isVisible()).toBe(true);
            const labelSize = await page
              .locator('table.chart tbody th')
              .first()
              .evaluate((el: any) => parseFloat((globalThis as any).getComputedStyle(el).fontSize));
            expect(labelSize).toBeGreaterThanOrEqual(14);
            expect(await lines(page, 'table.chart tbody th')).toBe(1);
            await page.screenshot({ path: artifact(`console-report-${width}.png`), fullPage: true });
            await page.emulateMedia({ media: 'print' });
            expect(await fitsWidth(page)).toBe(true);
            await page.pdf({ path: artifact(`console-report-${width}-a4.pdf`), format: 'A4', printBackground: true });
            await page.emulateMedia({ media: 'screen' });
          });
        },
      );

      it.each(WIDTHS)(
        'when a tip handler opens the tips at %i px, then tips are named by number, dates stay on one line and the channel reads "ทาง LINE"',
        async (width) => {
          await visit('malee', width, ['/staff/', '/staff/tips', `/staff/tips/${tipIds[0]}`], async (page, path) => {
            if (path === '/staff/') return;
            if (path === '/staff/tips') {
              const numbers = await page.locator('table.tips tbody').evaluate((el: any) => el.innerText as string);
              expect(numbers).toMatch(/๒๕๖๙-๐๐๐๑/);
              expect(numbers).toMatch(/๒๕๖๙-๐๐๐๒/);
              expect(await lines(page, 'table.tips td.date')).toBe(1);
              await page.screenshot({ path: artifact(`console-tips-${width}.png`), fullPage: true });
            } else {
              expect(await page.locator('h1').textContent()).toMatch(/^เบาะแสเลขที่ ๒๕๖๙-๐๐๐[๑๒]$/);
              expect(await page.locator('main').textContent()).toContain('ทาง LINE');
              expect(await page.locator('main').textContent()).not.toContain('ทางLINE');
            }
          });
        },
      );

      it.each(WIDTHS)(
        'when an admin opens the accounts, audit and news pages at %i px, then no column is clipped, entries read as Thai sentences and the news page says why there is no compose button',
        async (width) => {
          await visit(
            'boonmee.administrator',
            width,
            [
              '/staff/',
              '/staff/accounts',
              '/staff/audit',
              '/staff/publications',
              '/staff/questions',
              '/staff/password',
            ],
            async (page, path) => {
              if (path === '/staff/accounts') {
                const clipped = await page
                  .locator('table.accounts')
                  .evaluate(
                    (table: any) =>
                      [...table.querySelectorAll('td')].filter(
                        (td: any) =>
                          td.getBoundingClientRect().right > (globalThis as any).innerWidth + 0.5 ||
                          td.scrollWidth > td.clientWidth + 1,
                      ).length,
                  );
                expect(clipped).toBe(0);
                await page.screenshot({ path: artifact(`console-accounts-${width}.png`), fullPage: true });
              }
              if (path === '/staff/audit') {
                const text = await page.locator('table.audit tbody').textContent();
                expect(text).toMatch(/malee เปลี่ยนสถานะเรื่อง ๒๕๖๙-๐๐๐[๑๒] จาก รับเรื่อง เป็น กำลังพิจารณา/);
                expect(text).toContain('malee เปิดอ่านเรื่อง ๒๕๖๙-');
                expect(text).not.toMatch(/tip:|publicNote|oneTimePassword|from:/);
                expect(text).not.toContain('เรียกเงิน'); // tip content never shows
                await page.locator('#audit-action').selectOption('tip');
                await page.locator('form.filters button', { hasText: 'กรอง' }).click();
                await page.waitForURL(/action=tip/);
                const sentences = await page
                  .locator('table.audit tbody')
                  .evaluate((el: any) =>
                    [...el.querySelectorAll('td.sentence')].map((td: any) => td.textContent as string),
                  );
                expect(sentences.length).toBeGreaterThan(0);
                for (const s of sentences) expect(s).toMatch(/เรื่อง|เบาะแส/);
                await expectGood(page, `audit filtered @${width}`);
                await page.screenshot({ path: artifact(`console-audit-${width}.png`), fullPage: true });
              }
              if (path === '/staff/questions') {
                // On a phone each question is a card: every value says which column it was
                const cells = await page
                  .locator('table.questions')
                  .first()
                  .evaluate((table: any) =>
                    [...table.querySelectorAll('tbody.question > tr:first-child > td')].map(
                      (td: any) => (globalThis as any).getComputedStyle(td, '::before').content as string,
                    ),
                  );
                expect(cells.length).toBeGreaterThan(0);
                if (width === 360)
                  expect(cells).toEqual(expect.arrayContaining(['"คำถาม"', '"ครั้ง"', '"ถามล่าสุด"', '"ตอนนี้บอทตอบ"']));
                else expect(cells.every((c) => c === 'none' || c === 'normal')).toBe(true);
              }
              if (path === '/staff/publications') {
                expect(await page.locator('a[href="/staff/publications/new"]').count()).toBe(0);
                expect(await page.locator('.notice.info').textContent()).toContain('เขียนและเผยแพร่ไม่ได้');
              }
            },
          );
        },
      );

      it.each(WIDTHS)(
        'when an editor composes at %i px, then the confirmation states recipients and topic, can be reached by keyboard, and the news pages fit',
        async (width) => {
          await visit(
            'somsri.jaidee-news',
            width,
            ['/staff/publications', `/staff/publications/${pubId}`, '/staff/line-link', '/staff/publications/new'],
            async (page, path) => {
              if (path === '/staff/publications') expect(await lines(page, 'table.publications td.date')).toBe(1);
              if (path === '/staff/line-link') {
                await page.locator('button', { hasText: 'ขอรหัสเชื่อมบัญชี' }).click();
                expect(await page.locator('.link-code .code').textContent()).toMatch(/^\d{6}$/);
                expect(await page.locator('.link-code').textContent()).toContain('ภายใน 10 นาที');
                await expectGood(page, `line-link code @${width}`);
                await page.screenshot({ path: artifact(`console-line-link-${width}.png`), fullPage: true });
              }
              if (path !== '/staff/publications/new') return;
              await page.locator('#title').fill('ประกาศปิดถนนชั่วคราว');
              await page.locator('#body').fill('ปิดถนนสายหลักหน้าตลาด วันเสาร์ 09:00–12:00 น.');
              await page.locator('button', { hasText: 'ตรวจดูก่อนส่ง' }).click();
              await page.locator('#confirm-count').waitFor();
              expect(await page.locator('#confirm-count').textContent()).toBe('ส่งถึง 2 คน');
              expect(await page.locator('[data-field="topic"]').textContent()).toBe('ข่าวประชาสัมพันธ์');
              expect(bot.runtime.publishing.list().some((p) => p.title === 'ประกาศปิดถนนชั่วคราว')).toBe(false);
              await expectGood(page, `confirm @${width}`);
              const primary = page.locator('.confirm-actions button.primary');
              await primary.evaluate((el: any) => el.focus());
              expect(await page.evaluate(() => (globalThis as any).document.activeElement.textContent as string)).toBe(
                'ยืนยันส่งถึง 2 คน',
              );
              expect(await insideWidth(page, '.confirm-actions button.primary')).toBe(true);
              await page.screenshot({ path: artifact(`console-publish-confirm-${width}.png`), fullPage: true });
              await page.locator('.confirm-actions button.secondary').click();
              expect(await page.locator('#title').evaluate((el: any) => el.value)).toBe('ประกาศปิดถนนชั่วคราว');
            },
          );
        },
      );

      it.each(WIDTHS)(
        'when an editor opens a page of another role at %i px, then the refusal page fits and passes axe',
        async (width) => {
          const page = await openConsole(browser!, problems, { width, height: 800 });
          await loginAs(page, bot.url, 'somsri.jaidee-news', passwords['somsri.jaidee-news']!);
          await page.goto(`${bot.url}/staff/accounts`);
          expect(await page.locator('h1').textContent()).toBe('ไม่มีสิทธิ์');
          expect(problems.splice(0).every((p) => p.includes('403'))).toBe(true); // the browser logs the 403 itself
          await expectGood(page, `refusal @${width}`);
          await page.context().close();
        },
      );

      it.each(WIDTHS)('when nobody is logged in at %i px, then the login page fits and passes axe', async (width) => {
        const page = await openConsole(browser!, problems, { width, height: 800 });
        await page.goto(`${bot.url}/staff/login`);
        await expectGood(page, `login @${width}`);
        await page.context().close();
      });
    },
  );
}
