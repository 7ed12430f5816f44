import fs from 'node:fs/promises';
import path from 'node:path';
import type { webhook } from '@line/bot-sdk';
import { describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../src/line/inbox.js';
import { textEvent, userId } from '../helpers/events.js';
import { tempDir } from '../helpers/temp-dir.js';

const now = new Date('2026-11-26T03:00:00Z');
const event = (text: string) => textEvent(userId(1), text) as unknown as webhook.Event & { webhookEventId: string };

describe('Inbox', () => {
  it('when an event is admitted, then the file holds it sealed: no message text, no user id', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, Buffer.alloc(32, 1), now);
    const e = event('เจ้าหน้าที่เรียกเงินใต้โต๊ะ');
    await inbox.admit([{ id: e.webhookEventId, event: e }], now);
    await inbox.close();
    const text = await fs.readFile(file, 'utf8');
    expect(text).toContain(e.webhookEventId);
    expect(text).not.toContain('ใต้โต๊ะ');
    expect(text).not.toContain(userId(1));
  });

  it('when the same id is admitted twice, even at once, then it is admitted once', async () => {
    const inbox = await Inbox.open(path.join(await tempDir(), 'inbox.jsonl'), Buffer.alloc(32, 1), now);
    const e = event('x');
    const [a, b] = await Promise.all([
      inbox.admit([{ id: e.webhookEventId, event: e }], now),
      inbox.admit([{ id: e.webhookEventId, event: e }], now),
    ]);
    expect(a.length + b.length).toBe(1);
    await inbox.close();
  });

  it('when reopened, then unhandled events are pending and handled ones are remembered for a day', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, Buffer.alloc(32, 1), now);
    const [done, open] = [event('one'), event('two')];
    await inbox.admit(
      [
        { id: done.webhookEventId, event: done },
        { id: open.webhookEventId, event: open },
      ],
      now,
    );
    await inbox.done(done.webhookEventId, now);
    await inbox.close();
    const again = await Inbox.open(file, Buffer.alloc(32, 1), now);
    expect(again.pending().map((p) => p.id)).toEqual([open.webhookEventId]);
    expect(await again.admit([{ id: done.webhookEventId, event: done }], now)).toEqual([]);
    await again.close();
    const dayLater = await Inbox.open(file, Buffer.alloc(32, 1), new Date(now.getTime() + 25 * 3600_000));
    expect(await dayLater.admit([{ id: done.webhookEventId, event: done }], now)).toHaveLength(1);
    await dayLater.close();
  });

  it('when opened with another key, then the start fails with a clear message', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, Buffer.alloc(32, 1), now);
    const e = event('x');
    await inbox.admit([{ id: e.webhookEventId, event: e }], now);
    await inbox.close();
    await expect(Inbox.open(file, Buffer.alloc(32, 2), now)).rejects.toThrow(
      /cannot be read with this TIP_ENCRYPTION_KEY/,
    );
  });
});

describe('Inbox.replying', () => {
  it('when a reply was started and the inbox is reopened, then the pending entry says replied', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, Buffer.alloc(32, 1), now);
    const [started, untouched] = [event('one'), event('two')];
    const admitted = await inbox.admit(
      [
        { id: started.webhookEventId, event: started },
        { id: untouched.webhookEventId, event: untouched },
      ],
      now,
    );
    expect(admitted.map((e) => e.replied)).toEqual([false, false]);
    await inbox.replying(started.webhookEventId, now);
    await inbox.close();
    const again = await Inbox.open(file, Buffer.alloc(32, 1), now);
    expect(again.pending().map((p) => [p.id, p.replied])).toEqual([
      [started.webhookEventId, true],
      [untouched.webhookEventId, false],
    ]);
    // Reopening compacts the file; the mark survives that too.
    await again.close();
    const third = await Inbox.open(file, Buffer.alloc(32, 1), now);
    expect(third.pending().find((p) => p.id === started.webhookEventId)?.replied).toBe(true);
    await third.close();
  });

  it('when a durable mark cannot be flushed, then replying rejects and the entry is not marked', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, Buffer.alloc(32, 1), now);
    const e = event('x');
    await inbox.admit([{ id: e.webhookEventId, event: e }], now);
    const probe = await fs.open(file, 'r');
    const sync = vi
      .spyOn(Object.getPrototypeOf(probe) as fs.FileHandle, 'datasync')
      .mockRejectedValueOnce(new Error('i/o error'));
    await probe.close();
    await expect(inbox.replying(e.webhookEventId, now, { durable: true })).rejects.toThrow('i/o error');
    sync.mockRestore();
    expect(inbox.pending()[0]?.replied).toBe(false);
    await inbox.close();
  });

  it('when a plain mark shares a write with events being flushed, then it resolves once written, before their fdatasync ends, and is in the file', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, Buffer.alloc(32, 1), now);
    const [marked, next] = [event('one'), event('two')];
    await inbox.admit([{ id: marked.webhookEventId, event: marked }], now);
    const probe = await fs.open(file, 'r');
    let release!: () => void;
    const sync = vi
      .spyOn(Object.getPrototypeOf(probe) as fs.FileHandle, 'datasync')
      .mockImplementation(() => new Promise<void>((r) => (release = r)));
    await probe.close();
    // The next event's 'in' record and the mark go out in one write; only the event needs the flush.
    const admitting = inbox.admit([{ id: next.webhookEventId, event: next }], now);
    await inbox.replying(marked.webhookEventId, now);
    expect(sync).toHaveBeenCalledTimes(1);
    const written = (await fs.readFile(file, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { op: string; id: string });
    expect(written.at(-1)).toEqual(expect.objectContaining({ op: 'replying', id: marked.webhookEventId }));
    release();
    await admitting;
    sync.mockRestore();
    await inbox.close();
  });

  it('when a mark is durable, then it is flushed before replying resolves; a plain one is not flushed at all', async () => {
    const file = path.join(await tempDir(), 'inbox.jsonl');
    const inbox = await Inbox.open(file, Buffer.alloc(32, 1), now);
    const [plain, durable] = [event('one'), event('two')];
    await inbox.admit(
      [
        { id: plain.webhookEventId, event: plain },
        { id: durable.webhookEventId, event: durable },
      ],
      now,
    );
    const probe = await fs.open(file, 'r');
    const sync = vi.spyOn(Object.getPrototypeOf(probe) as fs.FileHandle, 'datasync');
    await probe.close();
    await inbox.replying(plain.webhookEventId, now);
    expect(sync).not.toHaveBeenCalled();
    await inbox.replying(durable.webhookEventId, now, { durable: true });
    expect(sync).toHaveBeenCalledTimes(1);
    sync.mockRestore();
    await inbox.close();
  });
});
