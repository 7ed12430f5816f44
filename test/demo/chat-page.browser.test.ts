import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLineStandIn, type LineStandIn } from '../../src/demo/line-stand-in.js';
import { DEFAULT_DEMO_USERS } from '../../src/demo/demo-router.js';
import { tinyPng } from './tiny-png.js';
import { artifact, botSays, fitsWidth, launchChromium, openChat, userSays } from '../helpers/browser.js';
import { startFakeBot } from './fake-bot.js';

const TOKEN = 'demo-token-for-browser-test';
const SECRET = 'demo-channel-secret-browser-test';
const BOT_NAME = 'เทศบาลตำบลโพนทราย';
const [ALICE, BOB] = DEFAULT_DEMO_USERS as [{ id: string; name: string }, { id: string; name: string }];
const PNG = tinyPng(2, 2);

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);
if (!browser) console.warn(`chat-page browser tests skipped: ${reason}`);

describe.skipIf(!browser)('demo chat page in Chromium at 360 px', () => {
  let standIn: LineStandIn;
  let bot: Awaited<ReturnType<typeof startFakeBot>>;
  const pageErrors: string[] = [];

  beforeEach(async () => {
    standIn = await startLineStandIn({ token: TOKEN, replyTokens: { requireIssued: true } });
    bot = await startFakeBot({ standIn, channelSecret: SECRET, token: TOKEN, botName: BOT_NAME });
    pageErrors.length = 0;
  });
  afterEach(async () => {
    await bot.close();
    await standIn.close();
    expect(pageErrors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const open = (user = ALICE.id) => openChat(browser!, bot.url, user, pageErrors);
  const noOverflow = fitsWidth;

  it('when a resident follows and asks, then the welcome, the loading dots and a Flex carousel appear as on LINE', async () => {
    const page = await open();
    expect(await page.locator('#friend-banner').isVisible()).toBe(true);
    expect(await page.locator('#rich-menu .rm-area').count()).toBe(6);

    await page.locator('#follow').click();
    await botSays(page, 'ยินดีต้อนรับสู่บัญชีทดลองของเทศบาล');
    expect(await page.locator('#friend-banner').isVisible()).toBe(false);
    expect(await page.locator('#quick-replies .chip').count()).toBe(2);
    await page.screenshot({ path: artifact('chat-360-welcome.png') });

    await page.locator('#quick-replies .chip', { hasText: 'ถามเรื่อง ITA' }).click();
    await userSays(page, 'ITA คืออะไร');
    await page.locator('.row.loading .dots').waitFor();
    await page.locator('.fx-carousel').waitFor();
    expect(await page.locator('.row.loading').count()).toBe(0);
    expect(await page.locator('.fx-carousel .fx-bubble').count()).toBe(2);
    expect(await page.locator('[data-unknown]').count()).toBe(0);

    // Flex layout, measured in the real browser
    const bubble = page.locator('.fx-bubble').first();
    const score = await bubble.locator('.fx-baseline .fx-text').nth(1).boundingBox();
    const label = await bubble.locator('.fx-baseline .fx-text').nth(0).boundingBox();
    expect(score!.x).toBeGreaterThan(label!.x + label!.width - 1); // side by side
    expect(label!.width / score!.width).toBeGreaterThan(1.5); // flex 2 : 1
    expect(Math.round((await bubble.locator('.fx-button-primary').boundingBox())!.height)).toBe(52);
    expect(Math.round((await bubble.locator('.fx-button-secondary').boundingBox())!.height)).toBe(40);
    const clamped = await bubble.locator('.fx-clamp').evaluate((el: any) => el.scrollHeight > el.clientHeight + 2);
    expect(clamped).toBe(true);
    const hero = page.locator('.fx-bubble').nth(1).locator('.fx-hero img');
    await expect.poll(() => hero.evaluate((img: any) => img.complete && img.naturalWidth)).toBe(1);
    expect(Math.round((await hero.boundingBox())!.height)).toBe(Math.round((260 * 13) / 20));
    // shrink-to-fit: the one-line text got a smaller font instead of an ellipsis
    const [shrunkTo, fits] = await page
      .locator('.fx-bubble')
      .nth(1)
      .locator('.fx-shrink')
      .evaluate((el: any) => [
        parseFloat((globalThis as any).getComputedStyle(el).fontSize),
        el.scrollWidth <= el.clientWidth + 1,
      ]);
    expect(shrunkTo).toBeLessThan(16);
    expect(shrunkTo).toBeGreaterThanOrEqual(9.6);
    expect(fits).toBe(true);
    expect(await noOverflow(page)).toBe(true);
    await page.screenshot({ path: artifact('chat-360-flex.png') });
    await bubble.screenshot({ path: artifact('flex-bubble-ita.png') });
    await page
      .locator('.fx-bubble')
      .nth(1)
      .screenshot({ path: artifact('flex-bubble-showcase.png') });

    await bubble.locator('.fx-button', { hasText: 'ดูรายละเอียด' }).click();
    await userSays(page, 'ดูรายละเอียด ITA');
    await botSays(page, 'ได้รับ postback a=ita');

    await bubble.locator('.fx-button', { hasText: 'เลือกวันที่' }).click();
    await page.locator('#picker[open]').waitFor();
    expect(await page.locator('#picker-input').evaluate((el: any) => [el.type, el.value, el.min, el.max])).toEqual([
      'date',
      '2025-01-15',
      '2024-01-01',
      '2026-12-31',
    ]);
    await page.locator('#picker-input').fill('2025-02-03');
    await page.locator('#picker-ok').click();
    await botSays(page, 'ได้รับ postback a=pick {"date":"2025-02-03"}');

    const opened = page.context().waitForEvent('page');
    await bubble.locator('.fx-button', { hasText: 'เว็บไซต์เทศบาล' }).click();
    const tab = await opened;
    await expect
      .poll(() => tab.evaluate(() => (globalThis as any).location.href as string))
      .toBe('https://example.com/ita');

    const kinds = bot.events.map((e) => (e.type === 'message' ? `message:${e.message.type}` : e.type));
    expect(kinds).toEqual(['follow', 'message:text', 'postback', 'postback']);
    expect(bot.events[3]!.postback).toEqual({ data: 'a=pick', params: { date: '2025-02-03' } });
    expect(standIn.calls.some((c) => c.path === '/v2/bot/chat/loading/start' && c.status === 202)).toBe(true);
    await page.context().close();
  });

  it('when the rich menu, the keyboard and an image are used, then the bot gets the same events LINE would send', async () => {
    const page = await open();
    await page.locator('#follow').click();
    await botSays(page, 'ยินดีต้อนรับ');

    await page.locator('.rm-area[aria-label="แจ้งเบาะแส"]').click();
    await userSays(page, 'แจ้งเบาะแส');
    await botSays(page, 'ได้รับข้อความ: แจ้งเบาะแส');
    await page.locator('.rm-area[aria-label="มาตรการ"]').click();
    await userSays(page, 'มาตรการ');
    await botSays(page, 'ได้รับ postback a=measures');

    await page.locator('#text').fill('ขอสอบถามเรื่องการจัดซื้อจัดจ้าง');
    await page.locator('#send').click();
    await botSays(page, 'ได้รับข้อความ: ขอสอบถามเรื่องการจัดซื้อจัดจ้าง');

    await page.locator('#more').click();
    await page.locator('#image-input').setInputFiles({ name: 'evidence.png', mimeType: 'image/png', buffer: PNG });
    await botSays(page, `ได้รับรูปภาพ ${PNG.length} ไบต์`);
    expect(await page.locator('.row.user img.msg-image').evaluate((img: any) => img.complete && img.naturalWidth)).toBe(
      2,
    );
    await page.locator('#send-sticker').click();
    await botSays(page, 'ได้รับ sticker');
    await page.locator('#send-location').click();
    await botSays(page, 'ได้รับ location');
    expect(await noOverflow(page)).toBe(true);
    await page.screenshot({ path: artifact('chat-360-richmenu-image.png') });

    const image = bot.events.find((e) => e.type === 'message' && e.message.type === 'image')!;
    expect(image.message).toMatchObject({ id: expect.stringMatching(/^\d+$/), contentProvider: { type: 'line' } });
    expect(image.source).toEqual({ type: 'user', userId: ALICE.id });
    expect(image.webhookEventId).toMatch(/^[0-9A-Z]{26}$/);
    expect(bot.events.find((e) => e.type === 'postback')!.postback).toEqual({ data: 'a=measures' });
    await page.context().close();
  });

  it('when one resident blocks, then multicasts and pushes stop reaching them but reach the other; unblocking sends follow again', async () => {
    const alice = await open(ALICE.id);
    const bob = await open(BOB.id);
    await alice.locator('#follow').click();
    await botSays(alice, 'ยินดีต้อนรับ');
    await bob.locator('#follow').click();
    await botSays(bob, 'ยินดีต้อนรับ');

    await alice.locator('#block').click();
    await alice.locator('.row.system', { hasText: 'บล็อก' }).waitFor();
    expect(await alice.locator('#follow').textContent()).toBe('เลิกบล็อก');
    expect(await alice.locator('#text').isDisabled()).toBe(true);

    await bot.client.multicast({ to: [ALICE.id, BOB.id], messages: [{ type: 'text', text: 'ประกาศใหม่จากเทศบาล' }] });
    await bot.client.pushMessage({ to: ALICE.id, messages: [{ type: 'text', text: 'ข่าวเฉพาะคุณ' }] });
    await botSays(bob, 'ประกาศใหม่จากเทศบาล');
    await alice.waitForTimeout(300);
    expect(await alice.locator('.row.bot', { hasText: /ประกาศใหม่|ข่าวเฉพาะ/ }).count()).toBe(0);
    await alice.screenshot({ path: artifact('chat-360-blocked.png') });

    await alice.locator('#follow').click();
    await botSays(alice, 'ยินดีต้อนรับกลับมาค่ะ');
    expect(bot.events.filter((e) => e.type === 'follow').map((e) => e.follow.isUnblocked)).toEqual([
      false,
      false,
      true,
    ]);
    expect(bot.events.some((e) => e.type === 'unfollow' && e.source.userId === ALICE.id && !('replyToken' in e))).toBe(
      true,
    );
    await alice.context().close();
    await bob.context().close();
  });

  it('when the large-text switch is on, then chat text grows and the page still fits 360 px', async () => {
    const page = await open();
    await page.locator('#follow').click();
    await page.locator('#text').fill('โชว์');
    await page.locator('#send').click();
    await page.locator('.fx-bubble').waitFor();
    const size = () =>
      page
        .locator('.row.bot .bubble.text')
        .first()
        .evaluate((el: any) => parseFloat((globalThis as any).getComputedStyle(el).fontSize));
    const before = await size();
    await page.locator('#large-text').click();
    expect(await size()).toBeGreaterThan(before);
    expect(await noOverflow(page)).toBe(true);
    await page.screenshot({ path: artifact('chat-360-large-text.png') });
    await page.context().close();
  });
});
