import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../helpers/axe.js';
import { artifact, fitsWidth, launchChromium, type Page } from '../helpers/browser.js';
import { startBot, type TestBot } from '../helpers/bot.js';

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);

const WIDTHS = [360, 1280] as const;

/**
 * The resident's web pages (the /tip form, the receipt page, the status lookup and a tip's
 * status) at 360 and 1280 px with JavaScript on: no serious or critical axe finding, every
 * field labelled, nothing sideways, the receipt on one line, and a warning before the
 * receipt page is left.
 */
describe.skipIf(!browser)(
  'tip web pages in Chromium at 360 px and 1280 px: accessible, and the receipt is hard to lose',
  () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startBot();
    });
    afterAll(async () => {
      await browser?.close();
      await bot.close();
    });

    async function open(width: number): Promise<Page> {
      const context = await browser!.newContext({
        viewport: { width, height: 800 },
        locale: 'th-TH',
        timezoneId: 'Asia/Bangkok',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      return page;
    }

    /** Form controls that no label names (by for=, wrapping or aria-label). */
    const unlabelled = (page: Page) =>
      page.evaluate(() => {
        const doc = (globalThis as any).document;
        return [...doc.querySelectorAll('input:not([type=hidden]), textarea, select')]
          .filter((el: any) => el.labels.length === 0 && !el.getAttribute('aria-label'))
          .map((el: any) => el.name as string);
      });

    async function expectAccessible(page: Page, where: string) {
      expect(JSON.stringify(await axeProblems(page), null, 1), `${where}: axe`).toBe('[]');
      expect(await unlabelled(page), `${where}: unlabelled fields`).toEqual([]);
      expect(await fitsWidth(page), `${where}: sideways scroll`).toBe(true);
    }

    it.each(WIDTHS)(
      'at %i px: form, receipt, lookup and status pages pass axe; the receipt is on one line, says how to keep it, and leaving asks first',
      async (width) => {
        const page = await open(width);
        await page.goto(`${bot.url}/tip`);
        await expectAccessible(page, 'form');
        await page.locator('#what').fill('เจ้าหน้าที่เรียกเงินค่าตรวจแบบเพิ่มจากค่าธรรมเนียม');
        await page.locator('button[type=submit]').click();
        const receipt = page.locator('#receipt');
        await receipt.waitFor();
        await expectAccessible(page, 'receipt');
        const shown = (await receipt.textContent())!.trim();
        expect(shown).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
        const line = await receipt.evaluate((el: any) => {
          const lh = parseFloat((globalThis as any).getComputedStyle(el).lineHeight);
          return {
            lines: Math.round(el.getBoundingClientRect().height / lh),
            clipped: el.scrollWidth > el.clientWidth + 1,
          };
        });
        expect(line).toEqual({ lines: 1, clipped: false });
        expect(await page.locator('#keep').textContent()).toMatch(/ถ่ายภาพหน้าจอ/);
        await page.screenshot({ path: artifact(`tip-web-receipt-${width}.png`) });

        // Leaving asks first (Chrome asks only once the page has been touched)
        const dialogs: string[] = [];
        let leave = false;
        (
          page as unknown as {
            on(
              e: 'dialog',
              fn: (d: { type(): string; accept(): Promise<void>; dismiss(): Promise<void> }) => void,
            ): void;
          }
        ).on('dialog', (d) => {
          dialogs.push(d.type());
          void (leave ? d.accept() : d.dismiss());
        });
        await receipt.click();
        await (page as unknown as { reload(o: object): Promise<unknown> })
          .reload({ timeout: 2000 })
          .catch(() => undefined);
        expect(dialogs).toEqual(['beforeunload']);
        // dismissed: still the same receipt on screen
        expect((await page.locator('#receipt').textContent())!.trim()).toBe(shown);
        leave = true;

        await page.goto(`${bot.url}/tip/status?receipt=12`);
        await expectAccessible(page, 'lookup with an error');
        expect(await page.locator('main').textContent()).not.toContain('ยกเลิก');
        await page.goto(`${bot.url}/tip/status?receipt=${shown.replace(/ /g, '')}`);
        await page.locator('#status').waitFor();
        await expectAccessible(page, 'status');
        await page.context().close();
      },
    );
  },
);
