import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_USERS } from '../../src/demo/demo-router.js';
import { axeProblems } from '../helpers/axe.js';
import { jpegWithMetadata } from '../helpers/tip-fixtures.js';
import { artifact, launchChromium, openChat, type Page } from '../helpers/browser.js';
import { demoSession } from './demo-session.js';

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);

const WIDTHS = [360, 1280] as const;

/**
 * What a resident sees on the demo chat page (the real bot in demo mode), at 360 and 1280 px:
 * the short tip opening, the date and photos said back, the receipt on one line, measure
 * cards that show the next one, chips that fit, times clear of wide cards, the large-text
 * header, and no serious or critical axe finding.
 */
describe.skipIf(!browser)('the demo chat as a resident sees it, in Chromium at 360 px and 1280 px', () => {
  const session = demoSession(browser!);

  async function followedAt(user: string, width: number): Promise<Page> {
    const page = await openChat(browser!, session.bot.url, user, session.pageErrors, width);
    // Each width takes its turn with the same three demo users: the second time they are friends already
    if (await page.locator('#follow').isVisible()) {
      await page.locator('#follow').click();
      await page.locator('.row.bot .fx-bubble', { hasText: 'ยินดีต้อนรับ' }).waitFor();
    }
    return page;
  }
  const send = async (page: Page, text: string) => {
    await page.locator('#text').fill(text);
    await page.locator('#send').click();
  };
  /** Waits for the bot's newest row (after `before` rows) to contain `text`: old history may say it too. */
  const nextBotRow = (page: Page, before: number, text: string) =>
    expect
      .poll(() =>
        page.evaluate(
          ([b, t]: [number, string]) =>
            [...(globalThis as any).document.querySelectorAll('.row.bot')]
              .slice(b)
              .some((r: any) => (r.textContent as string).includes(t)),
          [before, text] as [number, string],
        ),
      )
      .toBe(true);
  /** Does `action` and waits for a new bot row saying `text`. */
  const then = async (page: Page, action: () => Promise<unknown>, text: string) => {
    const before = await page.locator('.row.bot').count();
    await action();
    await nextBotRow(page, before, text);
  };
  const chip = (page: Page, label: string) => page.locator('#quick-replies .chip', { hasText: label }).first().click();

  /** Lines a rendered element's text takes (its height over its line height). */
  const linesOf = (page: Page, selector: string, text: string) =>
    page.evaluate(
      ([sel, t]: [string, string]) => {
        const doc = (globalThis as any).document;
        const el = [...doc.querySelectorAll(sel)].filter((e: any) => e.textContent.trim() === t).pop();
        if (!el) return -1;
        const style = (globalThis as any).getComputedStyle(el);
        const lh = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4;
        return {
          lines: Math.round(el.getBoundingClientRect().height / lh),
          clipped: el.scrollWidth > el.clientWidth + 1,
        };
      },
      [selector, text] as [string, string],
    );

  it.each(WIDTHS)(
    'at %i px: the tip opening is short with a details button, the date and each photo are said back, and the receipt sits on one line and comes again as text',
    async (width) => {
      const page = await followedAt(DEFAULT_DEMO_USERS[0]!.id, width);
      await then(page, () => send(page, 'แจ้งเบาะแส'), 'ข้อ 1/5');
      const intro = page.locator('.row.bot .fx-bubble', { hasText: 'แจ้งเบาะแสการทุจริต' }).last();
      const introText = (await intro.evaluate((el: any) => el.innerText as string)).trim();
      expect(introText).toContain('เลือกได้ว่าจะไม่ระบุตัวตน');
      expect(introText).toContain('1205');
      expect(introText).not.toContain('LINE เป็นผู้ให้บริการแชต');
      // the card is short: well under one screen
      expect((await intro.boundingBox())!.height).toBeLessThan(560);
      await then(
        page,
        () => intro.locator('.fx-button', { hasText: 'รายละเอียดและสายด่วน' }).click(),
        'LINE เป็นผู้ให้บริการแชต',
      );
      const web = page.locator('.row.bot .fx-button', { hasText: 'แจ้งทางเว็บแทน' }).last();
      expect(await web.evaluate((el: any) => el.getAttribute('data-action') as string)).toContain('/tip');
      await page.screenshot({ path: artifact(`resident-tip-details-${width}.png`) });

      await then(page, () => send(page, 'เจ้าหน้าที่เรียกเงินเพิ่มตอนยื่นคำขออนุญาตก่อสร้าง'), 'รับไว้แล้ว');
      await then(page, () => chip(page, 'เล่าครบแล้ว'), 'ข้อ 2/5');
      await then(page, () => chip(page, 'ข้าม'), 'ข้อ 3/5');
      await chip(page, 'เลือกวันเวลา');
      await page.locator('#picker-input').fill('2025-03-05T09:30');
      await then(page, () => page.locator('#picker-ok').click(), 'รับวันเวลาที่เกิดเหตุไว้แล้ว: 5 มี.ค. 2568 เวลา 09:30 น.');
      await then(page, () => chip(page, 'ข้าม'), 'ข้อ 5/5');
      const rowsBefore = await page.locator('.row.bot').count();
      const asked = await page.locator('.row.bot', { hasText: 'ข้อ 5/5' }).count();
      await page.locator('#more').click();
      await page
        .locator('#image-input')
        .setInputFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: jpegWithMetadata() });
      await nextBotRow(page, rowsBefore, 'ได้รับรูปที่ 1 แล้ว');
      await page.locator('#more').click();
      await page
        .locator('#image-input')
        .setInputFiles({ name: 'b.jpg', mimeType: 'image/jpeg', buffer: jpegWithMetadata() });
      await nextBotRow(page, rowsBefore + 1, 'ได้รับรูปที่ 2 แล้ว');
      // one short line per photo, the step-5 question not repeated
      expect(await page.locator('.row.bot').count()).toBe(rowsBefore + 2);
      expect(await page.locator('.row.bot', { hasText: 'ข้อ 5/5' }).count()).toBe(asked);
      await then(page, () => chip(page, 'เสร็จแล้ว'), 'ต้องการให้แจ้ง');
      await then(page, () => chip(page, 'ไม่ระบุตัวตน'), 'สรุปเรื่องที่จะแจ้ง');
      await then(page, () => chip(page, 'ยืนยัน'), 'เลขรับเรื่อง');
      const card = page.locator('.row.bot .fx-bubble', { hasText: 'เลขรับเรื่อง' }).last();
      await card.waitFor();
      const plain = page.locator('.row.bot .bubble.text').last();
      await expect.poll(() => plain.textContent()).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
      const number = (await plain.textContent())!;
      const cardText = await card.evaluate((el: any) => el.innerText as string);
      expect(cardText.split('ได้รับเรื่องแล้ว')).toHaveLength(2);
      expect(await linesOf(page, '.fx-bubble .fx-text', number)).toEqual({ lines: 1, clipped: false });
      await page.screenshot({ path: artifact(`resident-tip-receipt-${width}.png`) });
      expect(JSON.stringify(await axeProblems(page), null, 1)).toBe('[]');
      await session.expectClean(page);
      await page.context().close();
    },
  );

  it.each(WIDTHS)(
    'at %i px: the measures carousel shows the edge of the next card, steps are on their own lines, chips fit, times stay clear of wide cards',
    async (width) => {
      const page = await followedAt(DEFAULT_DEMO_USERS[1]!.id, width);
      await page.locator('.rm-area[aria-label="มาตรการ"]').click();
      const carousel = page.locator('.row.bot .fx-carousel').last();
      await carousel.waitFor();
      const view = await carousel.boundingBox();
      const second = await carousel.locator(':scope > .fx-bubble').nth(1).boundingBox();
      // the next card starts inside the visible carousel, with at least 16 px of it showing
      expect(second!.x).toBeLessThan(view!.x + view!.width - 16);
      // a card's steps: more than one line box, one per step
      const steps = await carousel
        .locator(':scope > .fx-bubble')
        .first()
        .evaluate((el: any) => {
          const texts = [...el.querySelectorAll('.fx-text')] as any[];
          const method = texts[texts.findIndex((t) => t.textContent === 'วิธีการ') + 1];
          const lh = parseFloat((globalThis as any).getComputedStyle(method).lineHeight);
          return {
            lines: (method.textContent as string).split('\n'),
            height: method.getBoundingClientRect().height / lh,
          };
        });
      expect(steps.lines.length).toBeGreaterThan(1);
      for (const line of steps.lines) expect(line).toMatch(/^(\d+[.)]|•|\(และอีก)/);
      expect(steps.height).toBeGreaterThanOrEqual(steps.lines.length - 0.5);

      // times never overlap a wide card
      const overlaps = await page.evaluate(() => {
        const doc = (globalThis as any).document;
        return [...doc.querySelectorAll('.row.bot.wide')].filter((row: any) => {
          const t = row.querySelector('time')?.getBoundingClientRect();
          const b = row.querySelector('.bubble')?.getBoundingClientRect();
          return t && b && t.left < b.right && t.right > b.left && t.top < b.bottom && t.bottom > b.top;
        }).length;
      });
      expect(overlaps).toBe(0);

      const before = await page.locator('.row.bot').count();
      await send(page, 'ราคาข้าวเปลือกวันนี้เท่าไร');
      await nextBotRow(page, before, 'ไม่พบ');
      const chips = await page.evaluate(() =>
        [...(globalThis as any).document.querySelectorAll('#quick-replies .chip')].map((c: any) => ({
          text: c.textContent.trim() as string,
          cut: c.scrollWidth > c.clientWidth + 1,
        })),
      );
      expect(chips.length).toBeGreaterThan(3);
      for (const c of chips) {
        expect(c.text.length, c.text).toBeLessThanOrEqual(20);
        expect(c.text).not.toContain('…');
        expect(c.cut, c.text).toBe(false);
      }
      await page.screenshot({ path: artifact(`resident-measures-${width}.png`) });
      expect(JSON.stringify(await axeProblems(page), null, 1)).toBe('[]');
      await session.expectClean(page);
      await page.context().close();
    },
  );

  it.each(WIDTHS)(
    'at %i px: in large-text mode the header shows the whole name, and axe finds nothing serious on the chat page',
    async (width) => {
      const page = await followedAt(DEFAULT_DEMO_USERS[2]!.id, width);
      expect(JSON.stringify(await axeProblems(page), null, 1)).toBe('[]');
      await page.locator('#large-text').click();
      const name = page.locator('#bot-name');
      expect(
        await name.evaluate(
          (el: any) => el.scrollWidth <= el.clientWidth + 1 && el.textContent === 'เทศบาลตำบลโพนทราย',
        ),
      ).toBe(true);
      const box = (await name.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(JSON.stringify(await axeProblems(page), null, 1)).toBe('[]');
      await page.screenshot({ path: artifact(`resident-large-text-${width}.png`) });
      await session.expectClean(page);
      await page.context().close();
    },
  );
});
