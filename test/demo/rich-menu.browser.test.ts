import { describe, expect, it } from 'vitest';
import { main as richmenu } from '../../src/cli/richmenu.js';
import { DEFAULT_DEMO_USERS } from '../../src/demo/demo-router.js';
import { tempDir } from '../helpers/temp-dir.js';
import { artifact, launchChromium, openChat, userSays, type Page } from '../helpers/browser.js';
import { DEMO_SECRET, DEMO_TIP_KEY, DEMO_TOKEN } from './demo-bot.js';
import { demoSession } from './demo-session.js';

const [ALICE, BOB] = DEFAULT_DEMO_USERS.map((u) => u.id) as [string, string];

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);

describe.skipIf(!browser)('the rich menu on the demo page, with the real bot, in Chromium at 360 px', () => {
  const session = demoSession(browser!);

  /** Taps the area and waits for the resident's side and for a new answer from the bot. */
  async function tap(page: Page, label: string, shown: string): Promise<void> {
    const before = await page.locator('.row.bot').count();
    await page.locator(`.rm-area[aria-label="${label}"]`).click();
    await userSays(page, shown);
    await expect.poll(() => page.locator('.row.bot').count()).toBeGreaterThan(before);
  }

  it("when no menu is installed, then the page draws the bot's six areas with their icons and each tap reaches the bot as on LINE", async () => {
    const page = await session.followed(BOB);
    const areas = page.locator('#rich-menu .rm-area.drawn');
    expect(await areas.count()).toBe(6);
    expect(await page.locator('#rich-menu .rm-area.drawn svg path').count()).toBe(6);
    expect(
      await page
        .locator('.rm-area[aria-label="แจ้งเบาะแส"]')
        .evaluate((el: any) => (globalThis as any).getComputedStyle(el).backgroundColor),
    ).toBe('rgb(180, 68, 27)');

    // ถามคำถาม: a postback shown as the resident's text; LINE then opens the keyboard
    await tap(page, 'ถามคำถาม', 'ถามคำถาม');
    await page.locator('.row.bot .fx-bubble').last().waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('text');
    await tap(page, 'มาตรการ', 'มาตรการ');
    await page.locator('.row.bot .fx-carousel').last().waitFor();
    await tap(page, 'สถานะเรื่อง', 'สถานะเรื่อง');
    await tap(page, 'ประกาศ/ข่าวล่าสุด', 'ข่าวล่าสุด');
    await page.screenshot({ path: artifact('richmenu-drawn-360.png') });
    await session.expectClean(page);
    await page.context().close();
  });

  it('when `npm run richmenu` installs the menu into the stand-in, then the open page switches to its image and the areas still work', async () => {
    const page = await session.followed(ALICE);
    expect(await page.locator('.rm-frame img').count()).toBe(0);

    const out: string[] = [];
    const err: string[] = [];
    const env = {
      DATA_DIR: await tempDir('richmenu-page-'),
      LINE_CHANNEL_SECRET: DEMO_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: DEMO_TOKEN,
      TIP_ENCRYPTION_KEY: DEMO_TIP_KEY,
      LINE_API_BASE_URL: session.bot.standIn.url,
      LINE_DATA_API_BASE_URL: session.bot.standIn.url,
    };
    expect(await richmenu(env, { out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(0);
    expect(err).toEqual([]);

    // The page is told of the new default menu and shows its image, at the image's proportions
    const image = page.locator('#rich-menu .rm-frame img');
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: any) => img.complete && img.naturalWidth)).toBe(2500);
    const box = (await image.boundingBox())!;
    expect(Math.abs(box.height - (box.width * 843) / 2500)).toBeLessThan(1.5);
    expect(await page.locator('#rich-menu .rm-area').count()).toBe(6);
    expect(await page.locator('#rich-menu .rm-area.drawn').count()).toBe(0);
    await page.locator('#rich-menu').screenshot({ path: artifact('richmenu-installed-on-page.png') });

    await tap(page, 'มาตรการ', 'มาตรการ');
    await page.locator('.row.bot .fx-carousel').last().waitFor();
    await page.screenshot({ path: artifact('richmenu-installed-360.png') });

    // A page opened afterwards gets the installed menu straight away
    const later = await openChat(browser!, session.bot.url, BOB, session.pageErrors);
    await later.locator('#rich-menu .rm-frame img').waitFor();
    await session.expectClean(page);
    await later.context().close();
    await page.context().close();
  }, 60_000);
});
