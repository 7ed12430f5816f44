import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_USERS } from '../../src/demo/demo-router.js';
import { artifact, botSays, launchChromium, userSays } from '../helpers/browser.js';
import { demoSession } from './demo-session.js';

const ALICE = DEFAULT_DEMO_USERS[0]!.id;

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);

/** The whole bot in demo mode, as server.ts wires it: stand-in, runtime, demo router on `/`. */
describe.skipIf(!browser)('demo chat page with the real bot, in Chromium at 360 px', () => {
  const session = demoSession(browser!);

  it('when a resident follows, uses the rich menu and asks about ITA, then the bot answers render as Flex on the page', async () => {
    const page = await session.followed(ALICE);
    await page.screenshot({ path: artifact('real-bot-welcome.png') });

    await page.locator('.rm-area[aria-label="มาตรการ"]').click();
    await userSays(page, 'มาตรการ');
    await page.locator('.row.bot .fx-carousel').last().waitFor();
    await page.screenshot({ path: artifact('real-bot-measures.png') });

    await page.locator('#text').fill('ผลการประเมิน ITA ได้กี่คะแนน');
    await page.locator('#send').click();
    await userSays(page, 'ผลการประเมิน ITA ได้กี่คะแนน');
    await page.locator('.row.bot .fx-bubble', { hasText: 'ITA' }).last().waitFor();
    await page.screenshot({ path: artifact('real-bot-ita.png') });

    // A postback button in the answer reaches the bot and gets a reply
    const rows = await page.locator('.row.bot').count();
    const button = page.locator('.row.bot').last().locator('.fx-button[data-action*="postback"]').first();
    if ((await button.count()) > 0) {
      await button.click();
      await expect.poll(() => page.locator('.row.bot').count()).toBeGreaterThan(rows);
    }
    await session.expectClean(page);
    await page.context().close();
  });

  it('when a resident blocks and unblocks, then the bot is told (unfollow, then follow) and the page follows suit', async () => {
    const page = await session.followed(DEFAULT_DEMO_USERS[1]!.id);
    await page.locator('#block').click();
    await page.locator('.row.system', { hasText: 'บล็อก' }).waitFor();
    expect(await page.locator('#text').isDisabled()).toBe(true);
    await page.locator('#follow').click();
    await botSays(page, /ยินดีต้อนรับ/);
    expect(await page.locator('#text').isDisabled()).toBe(false);
    await session.expectClean(page);
    await page.context().close();
  });
});
