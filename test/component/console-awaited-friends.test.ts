import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { ConsoleClient, createReadyAccount } from '../helpers/console-client.js';
import { followEvent, textEvent, unfollowEvent, userId } from '../helpers/events.js';

/**
 * The friends' figures answered a moment later, as a tenant's PostgreSQL FriendStore answers:
 * every page and API that shows them must await them, and a failing store must not be shown
 * as a figure.
 */
let bot: TestBot;
const admin = new ConsoleClient('');
const editor = new ConsoleClient('');
let failing = false;

/** Makes runtime.friends' figure methods answer with a promise, after a timer tick (or fail). */
function answerLater(friends: TestBot['runtime']['friends']): void {
  const later = <T>(read: () => T) =>
    new Promise<T>((resolve, reject) =>
      setTimeout(() => (failing ? reject(new Error('database unavailable')) : resolve(read())), 5),
    );
  const { counts, subscriberCount, topicCounts } = {
    counts: friends.counts.bind(friends),
    subscriberCount: friends.subscriberCount.bind(friends),
    topicCounts: friends.topicCounts.bind(friends),
  };
  Object.assign(friends, {
    counts: () => later(counts),
    subscriberCount: () => later(subscriberCount),
    topicCounts: () => later(topicCounts),
  });
}

beforeAll(async () => {
  bot = await startBot({ clock: () => new Date('2026-03-20T03:00:00Z') });
  Object.assign(admin, { baseUrl: bot.url });
  Object.assign(editor, { baseUrl: bot.url });
  await bot.send(followEvent(userId(1)), followEvent(userId(2)), followEvent(userId(3)), followEvent(userId(4)));
  // userId(3) stops every topic; userId(4) blocks: 3 following, 1 blocked, 2 subscribers
  await bot.send(textEvent(userId(3), 'ยกเลิกรับข่าวสาร'));
  await bot.send(unfollowEvent(userId(4)));
  answerLater(bot.runtime.friends);
  await admin.login('boonmee', await createReadyAccount(bot.dataDir, 'boonmee', 'admin'));
  await editor.login('somsri', await createReadyAccount(bot.dataDir, 'somsri', 'editor'));
});
afterAll(async () => {
  await bot.close();
});

describe('the friends figures answered later (a PostgreSQL friends store)', () => {
  it('when the dashboard, the quarterly report and its CSV are opened, then they show the awaited figures', async () => {
    failing = false;
    expect((await admin.get('/staff/')).status).toBe(200);
    expect(admin.last).toContain('data-figure="friends">3</span><span class="sub">บล็อกแล้ว 1</span>');
    expect(admin.last).toContain('data-figure="subscribers">2</span>');
    expect(admin.last).toContain('data-topic="news">2</td>');
    expect((await admin.get('/staff/report')).status).toBe(200);
    expect(admin.last).toContain('data-figure="friends-now">3</td>');
    expect(admin.last).toContain('data-figure="topic-news">2</td>');
    const csv = await admin.get('/staff/report.csv');
    expect(csv.status).toBe(200);
    expect(admin.last).not.toContain('[object Promise]');
    expect(admin.last).toContain('"3"');
  });

  it('when /staff/api/stats is asked, then friends, subscribers and the report figures are the awaited ones', async () => {
    failing = false;
    const res = await bot.staff('GET', '/stats?fiscalYear=2569&quarter=2');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body.friends).toEqual({ following: 3, blocked: 1 });
    expect(body.subscribers).toBe(2);
    expect(body.report.friends).toMatchObject({ following: 3, blocked: 1 });
    expect(body.report.subscribers).toEqual({ total: 2, byTopic: expect.objectContaining({ news: 2 }) });
  });

  it('when an editor presses publish, then the confirmation counts the awaited recipients (a topic, then everyone)', async () => {
    failing = false;
    const news = { topic: 'news', title: 'ประกาศรับสมัครงาน', body: 'รับสมัครพนักงาน 2 ตำแหน่ง' };
    await editor.get('/staff/publications/new');
    expect((await editor.post('/staff/publications', news)).status).toBe(200);
    expect(editor.last).toContain('ส่งถึง <strong data-figure="recipients">2</strong> คน');
    await editor.post('/staff/publications', { ...news, urgent: '1' });
    expect(editor.last).toContain('ส่งถึง <strong data-figure="recipients">3</strong> คน');
  });

  it('when the friends store fails, then the pages and the API answer an error, never a figure', async () => {
    failing = true;
    try {
      const page = await admin.get('/staff/');
      expect(page.status).toBe(500);
      expect(admin.last).not.toContain('data-figure="friends"');
      const api = await bot.staff('GET', '/stats');
      expect(api.status).toBe(500);
      expect(((await api.json()) as { error: { code: string } }).error.code).toBeTruthy();
    } finally {
      failing = false;
    }
  });
});
