import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../src/line/inbox.js';
import type { LineEvent } from '../../src/line/event-schema.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import type { AppendLog } from '../../src/storage/append-log.js';
import { textEvent, userId } from '../helpers/events.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = Buffer.alloc(32, 1);
const now = new Date('2026-11-26T03:00:00Z');
const one = (text: string) => {
  const event = textEvent(userId(1), text) as unknown as LineEvent & { webhookEventId: string };
  return { id: event.webhookEventId, event };
};
const size = async (file: string) => (await fs.stat(file)).size;

describe('Inbox compaction while running', () => {
  it('when many events are handled, then the file is compacted in the background and stays small', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, KEY, now, { maxRemembered: 100, compactAfterBytes: 64 * 1024 });
    const open: string[] = [];
    let largest = 0;
    for (let i = 0; i < 2000; i += 1) {
      const [entry] = await inbox.admit([one(`คำถามที่ ${i} `.repeat(20))], now);
      if (i % 100 === 0) open.push(entry!.id);
      else await inbox.done(entry!.id, now);
      if (i % 50 === 0) largest = Math.max(largest, await size(file));
    }
    // Without compaction: 2,000 sealed events of about 1 kB each.
    expect(largest).toBeLessThan(250_000);
    expect(inbox.rememberedCount).toBe(100);
    await inbox.close();
    const again = await Inbox.open(file, KEY, now);
    expect(again.pending().map((e) => e.id)).toEqual(open);
    await again.close();
  });

  it('when a burst waited in the inbox and has been handled, then the file is compacted again without waiting for more traffic', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, KEY, now, { compactAfterBytes: 64 * 1024 });
    const burst = [];
    for (let i = 0; i < 300; i += 1) burst.push(...(await inbox.admit([one(`คำถามที่ ${i} `.repeat(20))], now)));
    await vi.waitFor(async () => expect(await size(file)).toBeGreaterThan(250_000));
    for (const entry of burst) await inbox.done(entry.id, now);
    // 300 handled ids remain to be remembered: about 20 kB.
    await vi.waitFor(async () => expect(await size(file)).toBeLessThan(40_000));
    await inbox.close();
  });

  it('when events come and go while a compaction is under way, then none is lost or revived', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, KEY, now);
    const before = await inbox.admit([one('a'), one('b'), one('c')], now);
    await inbox.replying(before[0]!.id, now);
    // Once the snapshot is taken, while it is being written: one handled, one marked, new ones stored.
    const log = (inbox as unknown as { log: AppendLog }).log;
    const rewrite = log.rewriteInBackground.bind(log);
    let meanwhile: Promise<unknown[]> | undefined;
    vi.spyOn(log, 'rewriteInBackground').mockImplementationOnce((records) => {
      const written = rewrite(records);
      meanwhile = Promise.all([
        inbox.admit([one('d'), one('e')], now),
        inbox.done(before[1]!.id, now),
        inbox.replying(before[2]!.id, now),
      ]);
      return written;
    });
    await inbox.compact(now);
    const [added] = (await meanwhile!) as [Array<{ id: string }>];
    await inbox.close();
    const again = await Inbox.open(file, KEY, now);
    expect(again.pending().map((e) => [e.id, e.replied])).toEqual([
      [before[0]!.id, true],
      [before[2]!.id, true],
      [added[0]!.id, false],
      [added[1]!.id, false],
    ]);
    expect(await again.admit([{ id: before[1]!.id, event: one('b').event }], now)).toEqual([]);
    await again.close();
  });

  it('when a background compaction fails, then it is logged, the old file stays and nothing is lost', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const logger = createMemoryLogger();
    const inbox = await Inbox.open(file, KEY, now, { logger, compactAfterBytes: 1 });
    const log = (inbox as unknown as { log: { rewriteInBackground: () => Promise<void> } }).log;
    const failing = vi
      .spyOn(log, 'rewriteInBackground')
      .mockRejectedValueOnce(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    const [kept] = await inbox.admit([one('kept')], now);
    await vi.waitFor(() =>
      expect(logger.lines.find((l) => l.msg === 'inbox compaction failed')).toMatchObject({
        where: 'Inbox.compact',
        code: 'ENOSPC',
      }),
    );
    failing.mockRestore();
    const [later] = await inbox.admit([one('later')], now);
    await inbox.close();
    const again = await Inbox.open(file, KEY, now);
    expect(again.pending().map((e) => e.id)).toEqual([kept!.id, later!.id]);
    await again.close();
  });
});

describe('Inbox.compact on request', () => {
  it('when a handled event is compacted away, then the file keeps its id and no longer its sealed content', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, KEY, now);
    const [handled, waiting] = await inbox.admit([one('handled'), one('waiting')], now);
    await inbox.done(handled!.id, now);
    await inbox.compact(now);
    const lines = (await fs.readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { op: string; id: string });
    expect(lines.map((l) => [l.op, l.id])).toEqual([
      ['seen', handled!.id],
      ['in', waiting!.id],
    ]);
    await inbox.close();
  });
});

describe('Inbox id memory', () => {
  it('when more events are handled than it remembers, then the oldest ids go first, also after a reopen', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, KEY, now, { maxRemembered: 100 });
    const events = Array.from({ length: 250 }, (_, i) => one(String(i)));
    for (const e of events) {
      await inbox.admit([e], now);
      await inbox.done(e.id, now);
    }
    expect(inbox.rememberedCount).toBe(100);
    expect(await inbox.admit([events[249]!], now)).toEqual([]);
    await inbox.close();
    const again = await Inbox.open(file, KEY, now, { maxRemembered: 100 });
    expect(again.rememberedCount).toBe(100);
    expect(await again.admit([events[200]!], now)).toEqual([]);
    expect(await again.admit([events[0]!], now)).toHaveLength(1);
    await again.close();
  });
});

describe('Inbox admission', () => {
  it('when storing fails, then the ids are not seen: the same events are stored on the next try', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, KEY, now);
    const probe = await fs.open(file, 'r');
    const sync = vi
      .spyOn(Object.getPrototypeOf(probe) as fs.FileHandle, 'datasync')
      .mockRejectedValueOnce(new Error('i/o error'));
    await probe.close();
    const batch = [one('a'), one('b')];
    const first = inbox.admit(batch, now);
    // The same body at the same moment waits for the first write and fails with it.
    const second = inbox.admit(batch, now);
    await expect(first).rejects.toThrow('i/o error');
    await expect(second).rejects.toThrow('i/o error');
    sync.mockRestore();
    expect(inbox.pending()).toEqual([]);
    expect((await inbox.admit(batch, now)).map((e) => e.id)).toEqual(batch.map((e) => e.id));
    await inbox.close();
  });

  it('when an older version stored an event that fails the schema, then reopening drops it with a log line', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, KEY, now);
    const { postback: _none, ...poison } = { ...one('x').event, type: 'postback', postback: {} };
    await inbox.admit([{ id: 'poison', event: poison }, one('good')], now);
    await inbox.close();
    const logger = createMemoryLogger();
    const again = await Inbox.open(file, KEY, now, { logger });
    expect(again.pending()).toHaveLength(1);
    expect(logger.lines.find((l) => l.msg === 'stored event dropped: not a valid event')).toMatchObject({
      eventId: 'poison',
      type: 'postback',
    });
    await again.close();
  });
});
