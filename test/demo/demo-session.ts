import { afterAll, beforeAll, expect } from 'vitest';
import { fitsWidth, openChat, type Browser, type Page } from '../helpers/browser.js';
import { startDemoBot, type DemoBot } from './demo-bot.js';

export interface DemoSession {
  /** The real bot in demo mode (set once the suite's beforeAll ran). */
  readonly bot: DemoBot;
  /** Errors thrown on any page of the suite. */
  readonly pageErrors: string[];
  /** A chat page as `user`, who has just added the account as a friend and been welcomed. */
  followed(user: string): Promise<Page>;
  /**
   * Every bot message on the pages rendered with known components, nothing refused by LINE,
   * nothing wider than the screen, no page error.
   */
  expectClean(...pages: Page[]): Promise<void>;
}

/** For a describe block: starts the real bot in demo mode before its tests, closes it (and the browser) after. */
export function demoSession(browser: Browser): DemoSession {
  let bot: DemoBot | undefined;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    bot = await startDemoBot();
  });
  afterAll(async () => {
    await bot?.close();
    await browser.close();
  });
  const session: DemoSession = {
    get bot() {
      if (!bot) throw new Error('the demo bot starts in beforeAll');
      return bot;
    },
    pageErrors,
    async followed(user) {
      const page = await openChat(browser, session.bot.url, user, pageErrors);
      await page.locator('#follow').click();
      await page.locator('.row.bot .fx-bubble', { hasText: 'ยินดีต้อนรับ' }).waitFor();
      return page;
    },
    async expectClean(...pages) {
      for (const page of pages) {
        expect(await page.locator('[data-unknown]').count()).toBe(0);
        expect(await page.locator('.row.system', { hasText: 'LINE ปฏิเสธ' }).count()).toBe(0);
        expect(await fitsWidth(page)).toBe(true);
      }
      const refused = session.bot.standIn.calls.filter((c) => c.status >= 400);
      expect(refused.map((c) => `${c.path} ${c.status} ${JSON.stringify(c.body).slice(0, 200)}`)).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
  };
  return session;
}
