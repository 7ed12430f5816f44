import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../src/line/inbox.js';
import { BadWebhookBody, WebhookIntake } from '../../src/line/webhook-intake.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { textEvent, userId } from '../helpers/events.js';
import { tempDir } from '../helpers/temp-dir.js';

// A bug on one event's path (here: the skip check throwing on a chosen text) stands for any bug.
vi.mock('../../src/line/skipped-events.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/line/skipped-events.js')>();
  return {
    ...real,
    skippedEvent: (event: Parameters<typeof real.skippedEvent>[0]) => {
      if ((event as { message?: { text?: string } }).message?.text === 'boom') throw new TypeError('bug');
      return real.skippedEvent(event);
    },
  };
});

const now = new Date('2026-11-26T03:00:00Z');

async function intake() {
  const inbox = await Inbox.open(path.join(await tempDir(), 'inbox.jsonl'), Buffer.alloc(32, 1), now);
  const logger = createMemoryLogger();
  const admitted: string[] = [];
  return {
    inbox,
    logger,
    admitted,
    intake: new WebhookIntake(
      inbox,
      (e) => admitted.push(e.id),
      logger,
      () => now,
    ),
  };
}

describe('WebhookIntake', () => {
  it('when handling one event throws at intake, then it alone is skipped and logged, and its neighbour is stored', async () => {
    const { inbox, logger, intake: subject } = await intake();
    const good = textEvent(userId(1), 'ผลคะแนน ITA');
    expect(await subject.accept({ events: [textEvent(userId(1), 'boom'), good] })).toBe(1);
    expect(inbox.pending().map((e) => e.id)).toEqual([good.webhookEventId]);
    expect(logger.lines.find((l) => l.msg === 'event skipped: intake failed')).toMatchObject({
      index: 0,
      error: 'TypeError',
    });
    await inbox.close();
  });

  it('when the body has no events array, then it is refused as a bad body and nothing is stored', async () => {
    const { inbox, intake: subject } = await intake();
    await expect(subject.accept({ destination: 'x' })).rejects.toBeInstanceOf(BadWebhookBody);
    expect(inbox.pending()).toEqual([]);
    await inbox.close();
  });
});
