import fs from 'node:fs/promises';
import path from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { messageEvent, userId } from '../helpers/events.js';
import { LINE_BASE } from '../helpers/line-nock.js';
import { fileTipInChat, say, storedTips } from '../helpers/tip-chat-helpers.js';
import { jpegWithMetadata } from '../helpers/tip-fixtures.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

const DAY = 24 * 60 * 60 * 1000;
const START = new Date('2025-02-03T02:00:00Z');
type Summary = {
  id: string;
  status: string;
  statusName: string;
  overdue: { acknowledge: boolean; feedback: boolean; any: boolean };
  purged: boolean;
};
type Stats = {
  tips: {
    open: number;
    overdue: number;
    overdueAcknowledge: number;
    overdueFeedback: number;
    received: number;
    closed: number;
  };
};

async function json<T>(res: Response | Promise<Response>): Promise<T> {
  return (await (await res).json()) as T;
}
const list = (b: TestBot, query = '') => json<{ tips: Summary[]; count: number }>(b.staff('GET', `/tips${query}`));

describe('/staff/api/tips', () => {
  it('when no token or a wrong one is given, then every tip route answers 401', async () => {
    bot = await startBot();
    for (const [method, route] of [
      ['GET', '/tips'],
      ['GET', '/tips/abcdefghijkm'],
      ['PATCH', '/tips/abcdefghijkm'],
      ['POST', '/tips/abcdefghijkm/notes'],
    ] as const) {
      expect((await bot.staff(method, route, method === 'GET' ? undefined : {}, {})).status).toBe(401);
      expect(
        (
          await bot.staff(method, route, method === 'GET' ? undefined : {}, {
            authorization: 'Bearer wrong-token-000000000000000000000000',
          })
        ).status,
      ).toBe(401);
    }
  });

  it('when tips move through the statuses, then the list filters by status, closing needs an outcome, and the reporter sees public notes but never internal ones', async () => {
    bot = await startBot();
    const receiptA = await fileTipInChat(bot, userId(71), { what: 'เรื่อง ก' });
    await fileTipInChat(bot, userId(72), { what: 'เรื่อง ข' });
    const [b, a] = (await list(bot)).tips;
    expect(a!.statusName).toBe('รับเรื่อง');

    expect(
      (await bot.staff('PATCH', `/tips/${a!.id}`, { status: 'investigating', publicNote: 'กำลังตรวจสอบเอกสาร' })).status,
    ).toBe(200);
    expect((await bot.staff('POST', `/tips/${a!.id}/notes`, { text: 'บันทึกภายใน: ผู้ถูกกล่าวหาคือนาย ก.' })).status).toBe(
      201,
    );
    expect((await list(bot, '?status=investigating')).tips.map((t) => t.id)).toEqual([a!.id]);
    expect((await list(bot, '?status=received')).tips.map((t) => t.id)).toEqual([b!.id]);
    expect((await bot.staff('GET', '/tips?status=done')).status).toBe(400);

    const noOutcome = await bot.staff('PATCH', `/tips/${a!.id}`, { status: 'closed' });
    expect(noOutcome.status).toBe(400);
    expect(JSON.stringify(await noOutcome.json())).toContain('outcome');
    expect((await bot.staff('PATCH', `/tips/${a!.id}`, { status: 'assessing', outcome: 'x' })).status).toBe(400);
    expect((await bot.staff('PATCH', `/tips/${a!.id}`, { status: 'referred', extra: 1 })).status).toBe(400);
    expect(
      (await bot.staff('PATCH', `/tips/${a!.id}`, { status: 'closed', outcome: 'ส่งเรื่องให้ ป.ป.ช. ดำเนินการแล้ว' })).status,
    ).toBe(200);

    const detail = await json<{
      status: string;
      internalNotes: Array<{ by: string; text: string }>;
      history: Array<{ from: string; to: string; by: string }>;
    }>(bot.staff('GET', `/tips/${a!.id}`));
    expect(detail.status).toBe('closed');
    expect(detail.internalNotes).toEqual([
      expect.objectContaining({ by: 'tester', text: 'บันทึกภายใน: ผู้ถูกกล่าวหาคือนาย ก.' }),
    ]);
    expect(detail.history.map((h) => `${h.from}>${h.to}:${h.by}`)).toEqual([
      'received>investigating:tester',
      'investigating>closed:tester',
    ]);

    const status = JSON.stringify(await say(bot, userId(71), `สถานะ ${receiptA}`));
    expect(status).toContain('ปิดเรื่อง');
    expect(status).toContain('กำลังตรวจสอบเอกสาร');
    expect(status).toContain('ส่งเรื่องให้ ป.ป.ช. ดำเนินการแล้ว');
    expect(status).not.toContain('บันทึกภายใน');
  });

  it('when an id is unknown or malformed, then 404 in the error format', async () => {
    bot = await startBot();
    for (const id of ['abcdefghijkm', '../../etc', 'ABC']) {
      const res = await bot.staff('GET', `/tips/${encodeURIComponent(id)}`);
      expect(res.status).toBe(404);
      expect((await json<{ error: { code: string } }>(res)).error.code).toBe('not_found');
    }
    expect((await bot.staff('PATCH', '/tips/abcdefghijkm', { status: 'assessing' })).status).toBe(404);
  });

  it('when the clock passes 7 and then 90 days, then untouched tips are flagged overdue in the list, the filter and the stats', async () => {
    let now = START;
    bot = await startBot({ clock: () => now });
    await fileTipInChat(bot, userId(73), { what: 'เรื่องที่ไม่มีใครแตะ' });
    await fileTipInChat(bot, userId(74), { what: 'เรื่องที่ตอบรับแล้ว' });
    const [handled] = (await list(bot)).tips;
    await bot.staff('PATCH', `/tips/${handled!.id}`, { status: 'assessing' });
    expect((await json<Stats>(bot.staff('GET', '/stats'))).tips).toMatchObject({ open: 2, overdue: 0 });

    now = new Date(START.getTime() + 8 * DAY);
    const week = (await list(bot)).tips;
    expect(week.filter((t) => t.overdue.acknowledge)).toHaveLength(1);
    expect((await list(bot, '?overdue=true')).count).toBe(1);
    expect((await list(bot, '?overdue=false')).tips.map((t) => t.id)).toEqual([handled!.id]);
    expect((await json<Stats>(bot.staff('GET', '/stats'))).tips).toMatchObject({
      open: 2,
      overdue: 1,
      overdueAcknowledge: 1,
      overdueFeedback: 0,
    });

    now = new Date(START.getTime() + 91 * DAY);
    expect((await json<Stats>(bot.staff('GET', '/stats'))).tips).toMatchObject({
      open: 2,
      overdue: 2,
      overdueAcknowledge: 1,
      overdueFeedback: 2,
    });
    await bot.staff('PATCH', `/tips/${handled!.id}`, { status: 'assessing', publicNote: 'ตรวจสอบต่อ' });
    expect((await json<Stats>(bot.staff('GET', '/stats'))).tips).toMatchObject({ overdue: 1, overdueFeedback: 1 });
  });

  it('when TIP_ACK_DAYS is set, then the acknowledgement deadline follows it', async () => {
    let now = START;
    bot = await startBot({ clock: () => now, env: { TIP_ACK_DAYS: '2' } });
    await fileTipInChat(bot, userId(75), { what: 'เรื่องกำหนดเวลาสั้น' });
    now = new Date(START.getTime() + 3 * DAY);
    expect((await list(bot)).tips[0]!.overdue.acknowledge).toBe(true);
  });

  it('when staff read and change tips, then each call is in the audit trail with who and which tip, and no tip content', async () => {
    bot = await startBot();
    await fileTipInChat(bot, userId(76), { what: 'ข้อความลับในเรื่องที่ต้องไม่อยู่ในบันทึก' });
    const [tip] = (await list(bot)).tips;
    await bot.staff('GET', `/tips/${tip!.id}`);
    await bot.staff('PATCH', `/tips/${tip!.id}`, { status: 'assessing', publicNote: 'โน้ตสาธารณะที่ต้องไม่อยู่ในบันทึก' });
    await bot.staff('POST', `/tips/${tip!.id}/notes`, { text: 'โน้ตภายในที่ต้องไม่อยู่ในบันทึก' });
    const entries = bot.runtime.audit.list().filter((e) => e.action.startsWith('tip'));
    expect(entries.map((e) => `${e.actor} ${e.action} ${e.target ?? ''}`)).toEqual([
      'tester tips.list ',
      `tester tip.read tip:${tip!.id}`,
      `tester tip.status tip:${tip!.id}`,
      `tester tip.note tip:${tip!.id}`,
    ]);
    expect(entries[2]!.details).toMatchObject({ from: 'received', to: 'assessing', publicNote: true, outcome: false });
    const trail = await fs.readFile(path.join(bot.dataDir, 'state', 'audit.jsonl'), 'utf8');
    expect(trail).not.toContain('ต้องไม่อยู่ในบันทึก');
  });
});

describe('retention', () => {
  it('when a closed tip passes the retention period, then its content, notes and evidence are deleted from disk, the receipt stops working, and the counts remain', async () => {
    let now = START;
    bot = await startBot({ clock: () => now, env: { TIP_RETENTION_DAYS: '30' } });
    const user = userId(77);
    await say(bot, user, 'แจ้งเบาะแส');
    await say(bot, user, 'เรื่องที่จะถูกลบตามกำหนดเก็บรักษา');
    for (const answer of ['เล่าครบแล้ว', 'ข้าม', 'ข้าม', 'ข้าม']) await say(bot, user, answer);
    nock(LINE_BASE).get('/v2/bot/message/920001/content').reply(200, jpegWithMetadata());
    await bot.send(messageEvent(user, { id: '920001', type: 'image', contentProvider: { type: 'line' } }));
    await say(bot, user, 'เสร็จแล้ว');
    await say(bot, user, 'รับแจ้งความคืบหน้า');
    const receipt = (await say(bot, user, 'ยืนยัน'))
      .map((m) => m.text ?? '')
      .find((t) => /^\d{4} /.test(t))!
      .replace(/ /g, '');
    const [tip] = (await list(bot)).tips;
    await bot.staff('POST', `/tips/${tip!.id}/notes`, { text: 'โน้ตที่จะถูกลบ' });
    await bot.staff('PATCH', `/tips/${tip!.id}`, { status: 'closed', outcome: 'ผลที่จะถูกลบ' });

    now = new Date(START.getTime() + 29 * DAY);
    await bot.runtime.tips.sweep();
    expect((await storedTips(bot.dataDir))[0]!.content).not.toBeNull();

    now = new Date(START.getTime() + 31 * DAY);
    await bot.runtime.tips.sweep();
    const [record] = await storedTips(bot.dataDir);
    expect(record).toMatchObject({
      content: null,
      receiptHash: null,
      outcome: null,
      attachments: [],
      internalNotes: [],
      publicNotes: [],
      attachmentCount: 1,
      status: 'closed',
    });
    expect(record).not.toHaveProperty('reporter');
    // Compacted: one line, so no older line still holds the sealed content
    expect((await fs.readFile(path.join(bot.dataDir, 'tips', 'tips.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(
      1,
    );
    expect(await fs.readdir(path.join(bot.dataDir, 'tips', 'files'))).toEqual([]);
    expect((await say(bot, user, `สถานะ ${receipt}`))[0]!.text).toContain('ไม่พบ');
    const detail = await json<{ purged: boolean; content: unknown }>(bot.staff('GET', `/tips/${tip!.id}`));
    expect(detail).toMatchObject({ purged: true, content: null });
    expect((await bot.staff('PATCH', `/tips/${tip!.id}`, { status: 'assessing' })).status).toBe(409);
    expect((await json<Stats>(bot.staff('GET', '/stats'))).tips).toMatchObject({ open: 0, received: 1, closed: 1 });
  });

  it('when the bot starts, then the retention sweep runs at once', async () => {
    let now = START;
    bot = await startBot({ clock: () => now, env: { TIP_RETENTION_DAYS: '1' } });
    await fileTipInChat(bot, userId(78), { what: 'เรื่องสั้น' });
    const [tip] = (await list(bot)).tips;
    await bot.staff('PATCH', `/tips/${tip!.id}`, { status: 'closed', outcome: 'จบ' });
    await bot.close();
    now = new Date(START.getTime() + 2 * DAY);
    bot = await startBot({ dataDir: bot.dataDir, clock: () => now, env: { TIP_RETENTION_DAYS: '1' } });
    expect((await storedTips(bot.dataDir))[0]!.purgedAt).toBe(now.toISOString());
  });
});
