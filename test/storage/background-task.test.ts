import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { deriveKeys } from '../../src/crypto/keys.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { FriendRepo, FriendSchema, friendCodec } from '../../src/subscriptions/store/friend-repo.js';
import { AppendLog } from '../../src/storage/append-log.js';
import { BackgroundTask } from '../../src/storage/background-task.js';
import { KeyedStore } from '../../src/storage/keyed-store.js';
import { PrivateStore } from '../../src/storage/private-store.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { textEvent, userId } from '../helpers/events.js';
import { tempDir } from '../helpers/temp-dir.js';

const SECRET_VALUE = 'เรื่องลับของผู้แจ้ง';
const Item = z.object({ note: z.string() });
const KEY = Buffer.alloc(32, 4);
const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
const lineCount = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length;

/** Unhandled rejections seen while a test runs (Node 20 would exit on the first). */
let unhandled: unknown[] = [];
const collect = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', collect);
});
afterEach(() => {
  process.off('unhandledRejection', collect);
  vi.restoreAllMocks();
});

describe('a failed background compaction is logged and retried, never thrown or swallowed', () => {
  it('when KeyedStore compaction fails, then no unhandled rejection, one log line with where and why, writes go on, and a retry compacts', async () => {
    const logger = createMemoryLogger();
    const file = path.join(await tempDir('bg-'), 'items.jsonl');
    const store = await KeyedStore.open(file, Item, { logger, retry: { firstRetryMs: 30 } });
    const rewrite = vi.spyOn(AppendLog.prototype, 'rewrite').mockRejectedValueOnce(diskFull());
    for (let i = 0; i < 1003; i += 1) await store.set('a', { note: `${SECRET_VALUE} ${i}` });
    await vi.waitFor(() =>
      expect(logger.lines.map((l) => l.msg)).toContain('background work failed; it will be tried again'),
    );
    expect(logger.lines[0]).toMatchObject({
      level: 'error',
      where: 'compacting items.jsonl',
      error: 'ENOSPC',
      attempt: 1,
      retryInMs: 30,
    });
    await store.set('b', { note: 'after the failure' });
    expect(store.get('b')).toEqual({ note: 'after the failure' });
    await vi.waitFor(() => expect(lineCount(file)).toBe(2));
    expect(rewrite).toHaveBeenCalledTimes(2);
    expect(logger.lines.at(-1)).toMatchObject({
      level: 'info',
      msg: 'background work succeeded after failing',
      where: 'compacting items.jsonl',
      failures: 1,
    });
    expect(JSON.stringify(logger.lines)).not.toContain(SECRET_VALUE);
    await store.close();
    expect(unhandled).toEqual([]);
  });

  it('when a PrivateStore snapshot fails, then it is logged (no refs, no content) and retried until the change lines are gone', async () => {
    const logger = createMemoryLogger();
    const file = path.join(await tempDir('bg-'), 'people.jsonl');
    const store = await PrivateStore.open(file, KEY, Item, undefined, { logger, retry: { firstRetryMs: 30 } });
    vi.spyOn(AppendLog.prototype, 'rewrite').mockRejectedValueOnce(diskFull()).mockRejectedValueOnce(diskFull());
    for (let i = 0; i < 1001; i += 1) await store.set(`ref-${i}`, { note: SECRET_VALUE });
    await vi.waitFor(() => expect(lineCount(file)).toBe(2), { timeout: 3000 });
    const failures = logger.lines.filter((l) => l.level === 'error');
    expect(failures.map((l) => [l.where, l.error, l.attempt, l.retryInMs])).toEqual([
      ['snapshot of people.jsonl', 'ENOSPC', 1, 30],
      ['snapshot of people.jsonl', 'ENOSPC', 2, 60],
    ]);
    expect(JSON.stringify(logger.lines)).not.toMatch(/ref-\d|เรื่องลับ/);
    await store.close();
    expect((await PrivateStore.open(file, KEY, Item)).size).toBe(1001);
    expect(unhandled).toEqual([]);
  });

  it('when a retry is due and the task is closed, then it does not run again', async () => {
    const logger = createMemoryLogger();
    const work = vi.fn().mockRejectedValue(diskFull());
    const task = new BackgroundTask('test work', work, logger, { firstRetryMs: 20 });
    task.request();
    task.request();
    await task.idle();
    expect(work).toHaveBeenCalledTimes(1);
    task.request(); // a retry is due: this asks for nothing more
    await task.close();
    await new Promise((r) => setTimeout(r, 60));
    expect(work).toHaveBeenCalledTimes(1);
    expect(logger.lines).toHaveLength(1);
  });
});

describe('the bot with a failing snapshot', () => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  /** A DATA_DIR whose friends file holds 1,001 change lines (more than a snapshot waits for). */
  async function friendsAwaitingSnapshot(): Promise<string> {
    const dataDir = await tempDir('bg-bot-');
    const keys = deriveKeys(Buffer.alloc(32, 7)); // the test bot's TIP_ENCRYPTION_KEY
    const rewrite = vi.spyOn(AppendLog.prototype, 'rewrite').mockRejectedValue(diskFull());
    const store = await PrivateStore.open(
      path.join(dataDir, 'state', 'friends.jsonl'),
      keys.people,
      FriendSchema,
      friendCodec,
      { logger: createMemoryLogger() },
    );
    const friends = new FriendRepo(store, keys);
    for (let i = 0; i < 1001; i += 1)
      await friends.follow(userId(1000 + i), new Date('2026-01-01T00:00:00Z'), ['news']);
    await store.close();
    rewrite.mockRestore();
    return dataDir;
  }

  it('when the snapshot at start fails, then the bot keeps answering, logs where it failed, and the retry succeeds', async () => {
    const dataDir = await friendsAwaitingSnapshot();
    const file = path.join(dataDir, 'state', 'friends.jsonl');
    const rewrite = vi.spyOn(AppendLog.prototype, 'rewrite').mockRejectedValueOnce(diskFull());
    bot = await startBot({ dataDir });
    await bot.send(textEvent(userId(1), 'ผล ITA'));
    expect(bot.line.replies()).toHaveLength(1);
    expect(bot.logs.find((l) => l.level === 'error')).toMatchObject({
      msg: 'background work failed; it will be tried again',
      where: 'snapshot of friends.jsonl',
      error: 'ENOSPC',
    });
    await vi.waitFor(() => expect(bot!.logs.map((l) => l.msg)).toContain('background work succeeded after failing'), {
      timeout: 5000,
    });
    expect(rewrite).toHaveBeenCalledTimes(2);
    expect(lineCount(file)).toBeLessThan(10);
    expect(JSON.stringify(bot.logs)).not.toMatch(/U[0-9a-f]{32}/);
    expect(unhandled).toEqual([]);
  });
});
