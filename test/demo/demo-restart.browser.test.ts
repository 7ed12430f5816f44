import { afterAll, describe, expect, it } from 'vitest';
import { main as richmenu } from '../../src/cli/richmenu.js';
import { installRenderedMenu } from '../../src/demo/demo-rich-menu.js';
import { DEFAULT_DEMO_USERS } from '../../src/demo/demo-router.js';
import { tempDir } from '../helpers/temp-dir.js';
import { artifact, botSays, launchChromium, openChat, userSays } from '../helpers/browser.js';
import { DEMO_TOKEN, startDemoBot, type DemoBot } from './demo-bot.js';

const [ALICE] = DEFAULT_DEMO_USERS.map((u) => u.id) as [string];

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);

describe.skipIf(!browser)('the demo across a restart of npm start, in Chromium', () => {
  const bots: DemoBot[] = [];
  afterAll(async () => {
    for (const bot of bots) await bot.close().catch(() => {});
    await browser?.close();
  });

  it('when the server restarts after `npm run richmenu`, then the open page starts afresh, the resident is still a friend, and the menu is the rendered image', async () => {
    const dataDir = await tempDir('demo-restart-');
    const first = await startDemoBot({ dataDir });
    bots.push(first);
    const port = Number(new URL(first.url).port);
    const errors: string[] = [];
    const page = await openChat(browser!, first.url, ALICE, errors);
    await page.locator('#follow').click();
    await botSays(page, 'ยินดีต้อนรับ');
    expect(await page.locator('#rich-menu .rm-area.drawn').count()).toBe(6);
    const epoch = await page.evaluate(() => (globalThis as any).document.body.dataset.epoch as string);

    // Demo mode, no channel: the image is drawn into DATA_DIR
    const out: string[] = [];
    expect(await richmenu({ DATA_DIR: dataDir }, { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
    expect(out[1]).toMatch(/^Demo mode/);

    // npm start again: same DATA_DIR and port; server.ts installs the rendered menu into the new stand-in
    await first.close();
    const second = await startDemoBot({ dataDir, port });
    bots.push(second);
    expect(await installRenderedMenu(second.standIn, DEMO_TOKEN, dataDir)).toMatch(/^the image/);

    // The page reconnects by itself (EventSource retries): a fresh conversation, still a friend
    await page.locator(`body:not([data-epoch="${epoch}"])`).waitFor({ state: 'attached', timeout: 20_000 });
    expect(await page.locator('.row').count()).toBe(0);
    await page.locator('body[data-friendship="friend"]').waitFor({ state: 'attached' });
    expect(await page.locator('#friend-banner').isVisible()).toBe(false);
    expect(second.runtime.friends.counts()).toMatchObject({ following: 1 });

    // The menu: the page fetches it again once it is back, now the rendered image
    await page.locator('#rich-menu .rm-frame img').waitFor();
    await page.locator('.rm-area[aria-label="มาตรการ"]').click();
    await userSays(page, 'มาตรการ');
    await page.locator('.row.bot .fx-carousel').waitFor();
    // Nothing sent twice: the bot had no new follow to answer after the restart
    expect(second.standIn.calls.filter((c) => c.path === '/v2/bot/message/reply')).toHaveLength(1);
    await page.screenshot({ path: artifact('demo-after-restart-360.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
