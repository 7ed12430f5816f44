import express from 'express';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuestionLog } from '../../src/content/question-log.js';
import { reportCsv } from '../../src/console/report-csv.js';
import { fiscalQuarter } from '../../src/staff/fiscal-quarter.js';
import {
  computeReport,
  GONE_ITEM,
  publicFigures,
  smallCount,
  type ReportSources,
} from '../../src/staff/report-figures.js';
import { createStatsRouter } from '../../src/staff/stats-route.js';
import type { FriendRepo } from '../../src/subscriptions/store/friend-repo.js';
import { tempDir } from '../helpers/temp-dir.js';
import { asked } from '../helpers/console-seed.js';

async function sources(): Promise<ReportSources> {
  const questions = await QuestionLog.open(
    path.join(await tempDir(), 'q.jsonl'),
    Buffer.alloc(32, 7),
    () => new Date('2026-03-20T03:00:00Z'),
  );
  for (const q of [
    asked('2026-01-02T03:00:00Z', 'ita', { id: 'ita-1', kind: 'ita' }),
    asked('2026-01-03T03:00:00Z', '=HYPERLINK("http://evil")', null),
    asked('2026-02-03T03:00:00Z', 'ร้านกาแฟ', null),
  ])
    await questions.record(q);
  return {
    questions,
    friends: () => ({ following: 10, blocked: 2 }),
    subscribers: () => 9,
    subscribersByTopic: () => ({ news: 9, report: 4 }),
    people: () => ({ friendsGained: 6, friendsLost: 1, subscribersGained: 5, subscribersLost: 2 }),
    itemTitle: (id) => (id === 'ita-1' ? 'ผล ITA' : undefined),
    tips: () => ({
      received: 7,
      closed: 3,
      open: 4,
      overdue: 0,
      byStatus: { received: 2, closed: 3, investigating: 2 },
    }),
    publications: () => [
      {
        id: 'p1',
        title: 'ข่าว',
        topic: 'news',
        state: 'sent',
        at: '2026-01-10T03:00:00Z',
        recipients: 9,
        accepted: 8,
        failed: 1,
        pending: 0,
      },
    ],
  };
}

describe('report figures', () => {
  it('when tip counts are 1 to 4, then the report, the CSV and the API show "<5"; zero shows as 0 and larger counts as they are', async () => {
    expect([0, 1, 4, 5, 12].map(smallCount)).toEqual([0, '<5', '<5', 5, 12]);
    const q = fiscalQuarter(2569, 2);
    const f = await computeReport(await sources(), q.from, q.to);
    expect(publicFigures(f).tips).toEqual({
      received: 7,
      closed: '<5',
      open: '<5',
      overdue: 0,
      byStatus: { received: '<5', closed: '<5', investigating: '<5' },
    });
    const csv = reportCsv(q, f);
    expect(csv).toContain('"เบาะแส","รับเรื่อง","7",""');
    expect(csv).toContain('"เบาะแส","ปิดเรื่อง","<5",""');
    expect(csv).toContain('"เบาะแส","เกินกำหนด","0",""');
    expect(csv).toContain('"เบาะแส","สถานะส่งต่อหน่วยงานอื่น","0",""');
  });

  it('when the CSV is made, then its dates are Bangkok dates in the Buddhist era and states are in Thai, with no UTC time and no raw id', async () => {
    const q = fiscalQuarter(2569, 2);
    const s = await sources();
    // Sent at 23:30 on 9 January, Bangkok time: still the 9th on the screen and in the CSV
    s.publications = () => [
      {
        id: 'p1',
        title: 'ข่าว',
        topic: 'news',
        state: 'sent',
        at: '2026-01-09T16:30:00Z',
        recipients: 9,
        accepted: 8,
        failed: 1,
        pending: 0,
      },
    ];
    const csv = reportCsv(q, await computeReport(s, q.from, q.to));
    expect(csv).toContain('"รายงาน","ไตรมาสที่ 2 ปีงบประมาณ พ.ศ. 2569","1 ม.ค. 2569 – 31 มี.ค. 2569"');
    expect(csv).toContain(
      '"การเผยแพร่","ข่าว","8","ข่าวประชาสัมพันธ์; 9 ม.ค. 2569 23:30 น.; สถานะ ส่งแล้ว; ผู้รับ 9; ไม่สำเร็จ 1; รอส่ง 0"',
    );
    expect(csv).toContain('"คำถามรายสัปดาห์","สัปดาห์ที่ 1 (1 ม.ค. 2569)","2","ตอบได้ 1"');
    expect(csv).not.toMatch(/\d{4}-\d\d-\d\dT|UTC|"sent"|ita-1/);
  });

  it('when the range is 400 Bangkok days or less, then it has a weekly chart; a moment longer, then none', async () => {
    const s = await sources();
    const from = new Date('2025-09-30T17:00:00.000Z'); // midnight 1 October 2025 in Bangkok
    const last = new Date('2026-11-04T17:00:00.000Z'); // midnight 5 November 2026, 400 days on
    expect((await computeReport(s, from, last)).weekly.length).toBe(58);
    expect((await computeReport(s, from, new Date(last.getTime() + 1))).weekly).toEqual([]);
  });

  it('when an asked item is no longer in the system, then "most asked" names it in Thai instead of showing its id', async () => {
    const q = fiscalQuarter(2569, 2);
    const s = await sources();
    s.itemTitle = () => undefined;
    const f = await computeReport(s, q.from, q.to);
    expect(f.mostAsked).toEqual([{ id: 'ita-1', title: GONE_ITEM, count: 1 }]);
    expect(reportCsv(q, f)).toContain(`"เรื่องที่ถามมากที่สุด","${GONE_ITEM}","1",""`);
  });

  it('when a question looks like a spreadsheet formula, then the CSV cell is prefixed so it stays text', async () => {
    const q = fiscalQuarter(2569, 2);
    const csv = reportCsv(q, await computeReport(await sources(), q.from, q.to));
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")","1",""`);
    expect(csv).toContain('"เรื่องที่ถามมากที่สุด","ผล ITA","1",""');
  });

  it('when /staff/api/stats is asked for a fiscal quarter, then the old fields stay and the report figures come along', async () => {
    const s = await sources();
    const app = express().use(
      '/stats',
      createStatsRouter(
        {
          friends: { counts: s.friends } as unknown as FriendRepo,
          questions: s.questions,
          subscribers: s.subscribers,
          report: s,
        },
        () => new Date('2026-03-20T03:00:00Z'),
      ),
    );
    const server = app.listen(0);
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const body = (await (await fetch(`${base}/stats?fiscalYear=2569&quarter=2`)).json()) as Record<string, any>;
      expect(body).toMatchObject({
        subscribers: 9,
        questions: 3,
        unanswered: 2,
        tips: { open: 0, overdue: 0 },
        publications: 0,
      });
      expect(body.range).toEqual({ from: '2025-12-31T17:00:00.000Z', to: '2026-03-31T17:00:00.000Z' });
      expect(body.report.questions).toMatchObject({ asked: 3, answered: 1, unanswered: 2 });
      expect(body.report.friends).toMatchObject({ friendsGained: 6, friendsLost: 1 });
      expect(body.report.weekly).toHaveLength(14);
      expect(body.report.tips.closed).toBe('<5');
      const all = (await (await fetch(`${base}/stats`)).json()) as Record<string, any>;
      expect(all.report.weekly).toEqual([]); // since 1970: no weekly chart
    } finally {
      server.close();
    }
  });
});
