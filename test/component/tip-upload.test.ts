import fs from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { storedTips } from '../helpers/tip-chat-helpers.js';
import { bigJpeg, upload, uploadAll, type StreamedFile } from '../helpers/upload-client.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const MB = 1024 * 1024;
const evidenceFiles = async (b: TestBot) =>
  (await fs.readdir(path.join(b.dataDir, 'tips', 'files')).catch(() => [])).length;

// A full collection before each sample, so the figure is what is held, not garbage not yet collected
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** The largest growth of live Buffer memory over the baseline while `work` runs, sampled every 200 ms after a full GC. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; arrayBuffers: number }> {
  gc();
  gc();
  const base = process.memoryUsage().arrayBuffers;
  let arrayBuffers = 0;
  const timer = setInterval(() => {
    // Twice: the second collection first finishes freeing what the first found dead
    gc();
    gc();
    arrayBuffers = Math.max(arrayBuffers, process.memoryUsage().arrayBuffers - base);
  }, 200);
  try {
    const result = await work();
    return { result, arrayBuffers };
  } finally {
    clearInterval(timer);
  }
}

describe('/tip uploads are streamed', () => {
  it(
    'when four 50 MB uploads arrive at once, then each is refused with the text kept, and the bot held far less than what was sent',
    { timeout: 120_000 },
    async () => {
      bot = await startBot();
      const url = bot.url;
      const { result, arrayBuffers } = await peakGrowth(() =>
        uploadAll(
          url,
          [1, 2, 3, 4].map((i) => ({
            path: '/tip',
            fields: { what: `เรื่องที่ ${i} เรียกรับเงิน` },
            files: [bigJpeg(`big-${i}.jpg`, 50 * MB)],
          })),
        ),
      );
      for (const [i, res] of result.entries()) {
        expect(res.status).toBe(400);
        expect(res.body).toContain(`ไฟล์ “big-${i + 1}.jpg” ใหญ่เกิน 10 MB`);
        expect(res.body).toContain(`เรื่องที่ ${i + 1} เรียกรับเงิน`);
      }
      // 200 MB were sent; each form holds at most one 10 MB part (see TIP_FORM_LIMITS)
      expect(arrayBuffers).toBeLessThan(4 * 26 * MB);
      expect(await evidenceFiles(bot)).toBe(0);
      expect(await storedTips(bot.dataDir).catch(() => [])).toEqual([]);
    },
  );

  it(
    'when a form carries five images of 9 MB, then it is filed with every image, and the bot held less than the images together',
    { timeout: 120_000 },
    async () => {
      bot = await startBot();
      const url = bot.url;
      const images = [1, 2, 3, 4, 5].map((i) => bigJpeg(`p${i}.jpg`, 9 * MB));
      const { result, arrayBuffers } = await peakGrowth(() =>
        upload(url, { path: '/tip', fields: { what: 'ห้ารูป' }, files: images }),
      );
      expect(result.status).toBe(200);
      // Held whole, the 45 MB of images would be in memory at least once (Request.formData() held them twice);
      // streamed, one image and its cleaned copy are (2 × 9 MB)
      expect(arrayBuffers).toBeLessThan(24 * MB);
      const { tips } = (await (await bot.staff('GET', '/tips')).json()) as { tips: Array<{ id: string }> };
      const record = (await (await bot.staff('GET', `/tips/${tips[0]!.id}`)).json()) as {
        attachments: Array<{ url: string }>;
      };
      expect(record.attachments).toHaveLength(5);
      const image = Buffer.from(
        await (await bot.staff('GET', record.attachments[4]!.url.replace('/staff/api', ''))).arrayBuffer(),
      );
      expect(image.length).toBeGreaterThan(9 * MB - 2048);
      expect([image[0], image[1]]).toEqual([0xff, 0xd8]);
      expect(await evidenceFiles(bot)).toBe(5);
    },
  );
});

describe('/tip upload refusals', () => {
  const small = (name: string): StreamedFile => bigJpeg(name, 4096);

  it(
    'when a body without a length runs past the cap, then it is read to its end, refused with 413, the text kept, and no image left',
    { timeout: 60_000 },
    async () => {
      bot = await startBot();
      const files = [1, 2, 3, 4, 5, 6].map((i) => bigJpeg(`p${i}.jpg`, 9 * MB));
      const res = await upload(bot.url, { path: '/tip', fields: { what: 'ข้อความที่พิมพ์ไว้' }, files, chunked: true });
      expect(res.status).toBe(413);
      expect(res.body).toContain('ไฟล์ที่ส่งรวมกันใหญ่เกินไป');
      expect(res.body).toContain('ข้อความที่พิมพ์ไว้');
      expect(await evidenceFiles(bot)).toBe(0);
    },
  );

  it('when six images are chosen, then none is kept and the form says five at most, with the text kept', async () => {
    bot = await startBot();
    const res = await upload(bot.url, {
      path: '/tip',
      fields: { what: 'หกรูป' },
      files: [1, 2, 3, 4, 5, 6].map((i) => small(`s${i}.jpg`)),
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain('ส่งรูปได้ไม่เกิน 5 รูป (เลือกมา 6 รูป)');
    expect(res.body).toContain('หกรูป');
    expect(await evidenceFiles(bot)).toBe(0);
  });

  it('when the text is refused, then the images that arrived with it are deleted', async () => {
    bot = await startBot();
    const res = await upload(bot.url, { path: '/tip', fields: { what: '' }, files: [small('a.jpg'), small('b.jpg')] });
    expect(res.status).toBe(400);
    expect(await evidenceFiles(bot)).toBe(0);
  });

  it('when a body is declared far past the cap, then it is refused at once without being read', async () => {
    bot = await startBot();
    const res = await upload(bot.url, {
      path: '/tip',
      fields: { what: 'x' },
      files: [small('a.jpg')],
      declare: 1024 * MB,
    });
    expect(res.status).toBe(413);
    expect(res.body).toContain('ไฟล์ที่ส่งรวมกันใหญ่เกินไป');
  });

  it('when the connection is cut in the middle of an image, then nothing is kept and the form still works', async () => {
    bot = await startBot();
    const cut = await upload(bot.url, {
      path: '/tip',
      fields: { what: 'ตัด' },
      files: [small('first.jpg'), bigJpeg('cut.jpg', 5 * MB)],
      cutAfter: 2 * MB,
    });
    expect(cut.status).toBe(0);
    // The server sees the cut a moment after the sender does
    await new Promise((r) => setTimeout(r, 200));
    expect(await evidenceFiles(bot)).toBe(0);
    expect(
      (await upload(bot.url, { path: '/tip', fields: { what: 'หลังจากตัด' }, files: [small('ok.jpg')] })).status,
    ).toBe(200);
    expect(await evidenceFiles(bot)).toBe(1);
  });
});
