import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/crypto/keys.js';
import { parseEvent } from '../../src/line/event-schema.js';
import { Inbox } from '../../src/line/inbox.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { followEvent, userId } from '../helpers/events.js';
import { tempDir } from '../helpers/temp-dir.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

/** The bot's inbox as a crash left it: events acknowledged (stored), none handled, no reply started. */
async function crashedWith(events: unknown[], at: Date): Promise<string> {
  const dataDir = await tempDir();
  // startBot's TIP_ENCRYPTION_KEY is 32 bytes of 7.
  const inbox = await Inbox.open(path.join(dataDir, 'state', 'inbox.jsonl'), deriveKeys(Buffer.alloc(32, 7)).inbox, at);
  const parsed = events
    .map((raw) => parseEvent(raw))
    .flatMap((p) => (p.ok ? [{ id: p.event.webhookEventId!, event: p.event }] : []));
  await inbox.admit(parsed, at);
  await inbox.close();
  return dataDir;
}

describe('restart over the same DATA_DIR', () => {
  it('when an acknowledged event was not replied to before the stop, then the next start replies once and later starts not at all', async () => {
    const user = userId(8);
    const dataDir = await crashedWith([followEvent(user)], new Date());
    bot = await startBot({ dataDir });
    expect(bot.runtime.replayPending()).toBe(1);
    await bot.settle();
    expect(bot.line.replies()).toHaveLength(1);
    expect(bot.runtime.friends.get(user)?.status).toBe('following');
    await bot.close();
    bot = await startBot({ dataDir });
    expect(bot.runtime.replayPending()).toBe(0);
    await bot.settle();
    expect(bot.line.calls).toEqual([]);
  });

  it('when the replayed event waited more than a minute, then its state change happens and no reply is tried', async () => {
    const user = userId(9);
    const dataDir = await crashedWith([followEvent(user)], new Date());
    const later = new Date(Date.now() + 2 * 60_000);
    bot = await startBot({ dataDir, clock: () => later });
    await bot.runtime.replayPending();
    await bot.settle();
    expect(bot.line.calls).toEqual([]);
    expect(bot.runtime.friends.get(user)?.status).toBe('following');
    expect(bot.logs.find((l) => l.msg === 'event')?.outcome).toContain('reply-expired');
  });
});
