import { expect } from 'vitest';
import { startBot, type TestBot } from './bot.js';
import { userId } from './events.js';
import type { RecordedCall } from './line-nock.js';
import { manualTime, type ManualTime } from './manual-time.js';

/** The bot on a manual clock, with helpers to publish through the staff API and read deliveries. */
let current: TestBot | undefined;
export const currentBot = () => current;
export const forgetBot = () => (current = undefined);

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const NEWS = {
  topic: 'news',
  title: 'เทศบาลจัดกิจกรรมฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า',
  body: 'นำสุนัขและแมวมารับวัคซีนฟรีที่ศาลาประชาคมหมู่ที่ 1 วันเสาร์นี้ เวลา 09.00 น.',
};
export type View = {
  id: string;
  status: string;
  publishedAt: string | null;
  failure: string | null;
  delivery: {
    recipients: number;
    accepted: number;
    failed: number;
    dropped: number;
    pending: number;
    state: string;
    batches: Array<{
      recipients: number;
      state: string;
      attempts: number;
      lineRequestId: string | null;
      error: { status: number | null; message: string; details?: unknown } | null;
    }>;
  };
};

export async function started(
  opts: {
    respond?: (call: RecordedCall) => [number, unknown?];
    dataDir?: string;
    time?: ManualTime;
    burst?: number;
  } = {},
) {
  const time = opts.time ?? manualTime('2026-11-26T03:00:00Z');
  current = await startBot({
    clock: time.now,
    timers: time,
    publishing: { multicastBurst: opts.burst ?? 5 },
    ...(opts.respond ? { respond: opts.respond } : {}),
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
  });
  const b = current;
  /** Lets deliveries run: timers fire in order (pacing, retries) until `ms` has passed. */
  const run = (ms = 2_000) => time.advance(ms, () => b.runtime.publishing.idle());
  return { bot: b, time, run };
}

/** `count` friends who follow, with every topic, user ids from `first`. */
export async function friends(b: TestBot, count: number, first = 1000): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => userId(first + i));
  await Promise.all(
    ids.map((id) =>
      b.runtime.friends.follow(id, new Date('2026-11-01T00:00:00Z'), [
        'news',
        'announcement',
        'procurement',
        'measure',
        'report',
      ]),
    ),
  );
  return ids;
}

export async function publish(b: TestBot, body: unknown): Promise<View> {
  const res = await b.staff('POST', '/publications', body);
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return (await res.json()) as View;
}

export const view = async (b: TestBot, id: string) =>
  (await (await b.staff('GET', `/publications/${id}`)).json()) as View;
