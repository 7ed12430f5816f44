import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_USERS } from '../../src/demo/demo-router.js';
import { tinyPng } from './tiny-png.js';
import { artifact, botSays, launchChromium, userSays, type Page } from '../helpers/browser.js';
import { demoSession } from './demo-session.js';

const [ALICE, BOB, CAROL] = DEFAULT_DEMO_USERS.map((u) => u.id) as [string, string, string];
const PNG = tinyPng(2, 2);

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);

/** Subscriptions, publishing through the staff API, tips with a photo, blocking: the real bot in demo mode. */
describe.skipIf(!browser)("demo chat page: a resident's whole life with the real bot, in Chromium at 360 px", () => {
  const session = demoSession(browser!);

  const chip = (page: Page, label: string) => page.locator('#quick-replies .chip', { hasText: label }).click();

  /** Publishes through the staff API with demo mode's token; waits until LINE took every batch. */
  async function publish(topic: string, title: string): Promise<{ recipients: number; accepted: number }> {
    const res = await session.bot.staff('POST', '/publications', {
      topic,
      title,
      body: `${title}: รายละเอียดสำหรับการซ้อม`,
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    let delivery = { recipients: -1, accepted: 0, pending: 1, state: '' };
    await expect
      .poll(
        async () => {
          ({ delivery } = (await (await session.bot.staff('GET', `/publications/${id}`)).json()) as {
            delivery: typeof delivery;
          });
          return delivery.pending === 0 && delivery.state !== 'sending' && delivery.state !== 'scheduled';
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    return delivery;
  }

  it('when a resident turns a topic off and staff publish, then only subscribed residents receive it, and none who blocked', async () => {
    const alice = await session.followed(ALICE);
    const bob = await session.followed(BOB);

    // Alice opens the settings from the rich menu and stops ข่าวประชาสัมพันธ์
    await alice.locator('.rm-area[aria-label="ตั้งค่าการรับข่าว"]').click();
    const card = alice.locator('.row.bot .fx-bubble', { hasText: 'หัวข้อข่าวสารที่ท่านรับทาง LINE' }).last();
    await card.waitFor();
    await card.locator('.fx-button', { hasText: 'หยุดรับหัวข้อนี้' }).first().click();
    await userSays(alice, 'หยุดรับข่าวหัวข้อ ข่าวประชาสัมพันธ์');
    await botSays(alice, 'หยุดส่งข่าวหัวข้อ “ข่าวประชาสัมพันธ์” แล้ว');
    // Opening the settings again changes nothing: 4 of the 5 topics stay on
    await alice.locator('.rm-area[aria-label="ตั้งค่าการรับข่าว"]').click();
    await userSays(alice, 'ตั้งค่าการรับข่าว');
    // (the card after the change said so too)
    await expect
      .poll(() => alice.locator('.row.bot .fx-bubble', { hasText: 'ตอนนี้ท่านรับ 4 จาก 5 หัวข้อ' }).count())
      .toBe(2);
    await alice.screenshot({ path: artifact('lifecycle-topic-off-360.png') });

    expect(await publish('news', 'ซ้อมเผยแพร่ข่าวประชาสัมพันธ์')).toMatchObject({ recipients: 1, accepted: 1 });
    await bob.locator('.row.bot', { hasText: 'ซ้อมเผยแพร่ข่าวประชาสัมพันธ์' }).waitFor();
    await bob.screenshot({ path: artifact('lifecycle-publication-360.png') });
    expect(await alice.locator('.row.bot', { hasText: 'ซ้อมเผยแพร่ข่าวประชาสัมพันธ์' }).count()).toBe(0);

    // Bob blocks: the next publication goes to Alice only
    await bob.locator('#block').click();
    await bob.locator('body[data-friendship="blocked"]').waitFor({ state: 'attached' });
    expect(await publish('announcement', 'ซ้อมเผยแพร่ประกาศ')).toMatchObject({ recipients: 1, accepted: 1 });
    await alice.locator('.row.bot', { hasText: 'ซ้อมเผยแพร่ประกาศ' }).waitFor();
    expect(await bob.locator('.row.bot', { hasText: 'ซ้อมเผยแพร่ประกาศ' }).count()).toBe(0);
    await bob.screenshot({ path: artifact('lifecycle-blocked-360.png') });
    await session.expectClean(alice, bob);
    await alice.context().close();
    await bob.context().close();
  }, 60_000);

  it('when a resident files a tip with a photo from the page, then a receipt comes back and สถานะเรื่อง finds the tip', async () => {
    const page = await session.followed(CAROL);
    await page.locator('.rm-area[aria-label="แจ้งเบาะแส"]').click();
    await userSays(page, 'แจ้งเบาะแส');
    await botSays(page, 'ข้อ 1/5');
    await page.locator('#text').fill('เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต');
    await page.locator('#send').click();
    await botSays(page, 'รับไว้แล้ว');
    for (const [label, next] of [
      ['เล่าครบแล้ว', 'ข้อ 2/5'],
      ['ข้าม', 'ข้อ 3/5'],
      ['ข้าม', 'ข้อ 4/5'],
      ['ข้าม', 'ข้อ 5/5'],
    ] as const) {
      await chip(page, label);
      await botSays(page, next);
    }
    await page.locator('#more').click();
    await page.locator('#image-input').setInputFiles({ name: 'evidence.png', mimeType: 'image/png', buffer: PNG });
    await botSays(page, 'ได้รับรูปที่ 1');
    expect(await page.locator('.row.user img.msg-image').evaluate((img: any) => img.complete && img.naturalWidth)).toBe(
      2,
    );
    await chip(page, 'เสร็จแล้ว');
    await chip(page, 'ไม่ระบุตัวตน');
    await chip(page, 'ยืนยัน');
    const receiptRow = page.locator('.row.bot', { hasText: /\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}/ }).last();
    await receiptRow.waitFor();
    const receipt = /\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}/.exec((await receiptRow.textContent()) ?? '')![0];
    await page.screenshot({ path: artifact('lifecycle-tip-receipt-360.png') });

    const { tips } = (await (await session.bot.staff('GET', '/tips')).json()) as {
      tips: Array<{ attachmentCount: number }>;
    };
    expect(tips.map((t) => t.attachmentCount)).toEqual([1]);

    await page.locator('.rm-area[aria-label="สถานะเรื่อง"]').click();
    await userSays(page, 'สถานะเรื่อง');
    await botSays(page, 'พิมพ์เลขรับเรื่อง 16 หลัก');
    await page.locator('#text').fill(receipt);
    await page.locator('#send').click();
    const status = page.locator('.row.bot .fx-bubble', { hasText: 'สถานะเรื่องที่แจ้ง' }).last();
    await status.waitFor();
    expect(await status.textContent()).toContain('รับเรื่องเมื่อ');
    expect(await page.locator('#quick-replies .chip', { hasText: 'เพิ่มข้อมูล' }).count()).toBe(1);
    await page.screenshot({ path: artifact('lifecycle-tip-status-360.png') });
    await session.expectClean(page);
    await page.context().close();
  }, 60_000);
});
