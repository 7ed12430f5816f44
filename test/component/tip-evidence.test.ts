import fs from 'node:fs/promises';
import path from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { messageEvent, userId } from '../helpers/events.js';
import { LINE_BASE } from '../helpers/line-nock.js';
import { allFiles, lastReply, quickLabels, say } from '../helpers/tip-chat-helpers.js';
import { SECRETS, jpegWithMetadata, pngWithMetadata } from '../helpers/tip-fixtures.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

const USER = userId(51);
const imageEvent = (id: string) => messageEvent(USER, { id, type: 'image', contentProvider: { type: 'line' } });

/** Serves LINE's content endpoint for one message id; records the request's auth header. */
function serveContent(id: string, status: number, body: Buffer | string = '') {
  const seen: string[] = [];
  nock(LINE_BASE)
    .get(`/v2/bot/message/${id}/content`)
    .reply(function () {
      seen.push(String(this.req.headers.authorization));
      return [status, body, { 'content-type': 'application/octet-stream' }];
    });
  return seen;
}

async function toEvidenceStep(b: TestBot) {
  await say(b, USER, 'แจ้งเบาะแส');
  await say(b, USER, 'มีการรับสินบนในการตรวจรับงาน');
  for (const answer of ['เล่าครบแล้ว', 'ข้าม', 'ข้าม', 'ข้าม']) await say(b, USER, answer);
}

describe('image evidence in chat', () => {
  it('when images are sent, then each is downloaded at once from the data API, its metadata is removed, and it is stored encrypted', async () => {
    bot = await startBot();
    await toEvidenceStep(bot);
    const auth = serveContent('900001', 200, jpegWithMetadata());
    serveContent('900002', 200, pngWithMetadata());
    await bot.send(imageEvent('900001'));
    expect(auth).toEqual(['Bearer test-channel-access-token']);
    expect(lastReply(bot)[0]!.text).toContain('ได้รับรูปที่ 1');
    expect(quickLabels(lastReply(bot))).toContain('เสร็จแล้ว');
    await bot.send(imageEvent('900002'));
    expect(lastReply(bot)[0]!.text).toContain('ได้รับรูปที่ 2');

    // On disk: two files, neither a readable image nor holding any planted metadata
    const stored = await allFiles(path.join(bot.dataDir, 'tips', 'files'));
    expect(stored).toHaveLength(2);
    for (const { bytes } of stored) {
      expect(bytes.subarray(0, 2)).not.toEqual(Buffer.from([0xff, 0xd8]));
      expect(bytes.includes(Buffer.from('IDAT'))).toBe(false);
    }

    for (const answer of ['เสร็จแล้ว', 'ไม่ระบุตัวตน', 'ยืนยัน']) await say(bot, USER, answer);
    const { tips } = (await (await bot.staff('GET', '/tips')).json()) as {
      tips: Array<{ id: string; attachmentCount: number }>;
    };
    expect(tips[0]!.attachmentCount).toBe(2);
    const tip = (await (await bot.staff('GET', `/tips/${tips[0]!.id}`)).json()) as {
      attachments: Array<{ url: string; type: string }>;
    };
    expect(tip.attachments.map((a) => a.type)).toEqual(['image/jpeg', 'image/png']);
    for (const attachment of tip.attachments) {
      const res = await bot.staff('GET', attachment.url.replace('/staff/api', ''));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(attachment.type);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
      expect([res.headers.get('x-content-type-options'), res.headers.get('cache-control')]).toEqual([
        'nosniff',
        'no-store',
      ]);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(SECRETS.filter((s) => bytes.includes(Buffer.from(s, 'latin1')))).toEqual([]);
    }
  });

  it('when an image is too large, gone from LINE, or not a picture, then the bot says so and keeps the step', async () => {
    bot = await startBot();
    await toEvidenceStep(bot);
    serveContent('900011', 200, Buffer.alloc(10 * 1024 * 1024 + 1, 0xff));
    serveContent('900012', 410, 'gone');
    serveContent('900013', 200, '<svg onload=alert(1)>');
    await bot.send(imageEvent('900011'));
    expect(lastReply(bot)[0]!.text).toContain('10 MB');
    await bot.send(imageEvent('900012'));
    expect(lastReply(bot)[0]!.text).toContain('ไม่สำเร็จ');
    await bot.send(imageEvent('900013'));
    expect(lastReply(bot)[0]!.text).toContain('JPEG หรือ PNG');
    expect(lastReply(bot).at(-1)!.text).toContain('ข้อ 5/5');
    expect(await fs.readdir(path.join(bot.dataDir, 'tips', 'files')).catch(() => [])).toEqual([]);
    expect(JSON.stringify(bot.logs)).not.toContain('svg');
  });

  it('when a sixth image comes, then it is not downloaded and the bot says five is the limit', async () => {
    bot = await startBot();
    await toEvidenceStep(bot);
    for (let i = 1; i <= 5; i++) {
      serveContent(`90002${i}`, 200, jpegWithMetadata());
      await bot.send(imageEvent(`90002${i}`));
    }
    await bot.send(imageEvent('900026'));
    expect(lastReply(bot)[0]!.text).toContain('ครบ 5 รูป');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('when the reporter cancels after sending images, then the image files are deleted too', async () => {
    bot = await startBot();
    await toEvidenceStep(bot);
    serveContent('900031', 200, jpegWithMetadata());
    await bot.send(imageEvent('900031'));
    expect(await fs.readdir(path.join(bot.dataDir, 'tips', 'files'))).toHaveLength(1);
    await say(bot, USER, 'ยกเลิก');
    expect(await fs.readdir(path.join(bot.dataDir, 'tips', 'files'))).toEqual([]);
  });
});
