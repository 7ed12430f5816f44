import path from 'node:path';
import type { webhook } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { ConversationRepo, ConversationStateSchema } from '../../src/bot/conversation.js';
import { Dispatcher, type HandleRoute } from '../../src/bot/dispatcher.js';
import { UserFacingError } from '../../src/bot/errors.js';
import { deriveKeys } from '../../src/crypto/keys.js';
import { Inbox } from '../../src/line/inbox.js';
import type { LineGateway } from '../../src/line/line-gateway.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { PrivateStore } from '../../src/storage/private-store.js';
import { textEvent, userId } from '../helpers/events.js';
import { tempDir } from '../helpers/temp-dir.js';

async function setup(
  handle: HandleRoute,
  loadingAfterMs?: number,
  maxHandling?: number,
  behindAt?: number,
  replyGate?: (token: string) => Promise<void>,
) {
  const dir = await tempDir();
  const keys = deriveKeys(Buffer.alloc(32, 1));
  const now = new Date('2026-11-26T03:00:00Z');
  const inbox = await Inbox.open(path.join(dir, 'inbox.jsonl'), keys.inbox, now);
  const conversations = new ConversationRepo(
    await PrivateStore.open(path.join(dir, 'conv.jsonl'), keys.people, ConversationStateSchema),
    keys,
  );
  const sent: Array<{ token: string; messages: unknown[] }> = [];
  const loading: string[] = [];
  const line = {
    reply: async (token: string, messages: unknown[]) => {
      await replyGate?.(token);
      sent.push({ token, messages });
      return { requestId: null };
    },
    showLoading: async (user: string) => {
      loading.push(user);
    },
  } as unknown as LineGateway;
  const logger = createMemoryLogger();
  const say = (text: string) => [{ type: 'text' as const, text }];
  const dispatcher = new Dispatcher({
    inbox,
    line,
    conversations,
    logger,
    clock: () => now,
    handle,
    apology: () => say('apology'),
    say,
    ...(loadingAfterMs !== undefined ? { loadingAfterMs } : {}),
    ...(maxHandling !== undefined ? { maxHandling } : {}),
    ...(behindAt !== undefined ? { behindAt } : {}),
  });
  const run = async (event: ReturnType<typeof textEvent>) => {
    const [entry] = await inbox.admit([{ id: event.webhookEventId, event: event as unknown as webhook.Event }], now);
    await dispatcher.enqueue(entry!);
  };
  return { inbox, conversations, sent, loading, logger, run, now, dispatcher, dir, keys };
}

const state = (step: string) => ({
  v: 1 as const,
  flow: 'test',
  step,
  draft: {},
  updatedAt: '2026-11-26T03:00:00.000Z',
});

describe('Dispatcher', () => {
  it('when the handler succeeds, then its replies go once and its state is saved', async () => {
    const t = await setup(async (ctx) => {
      ctx.reply({ type: 'text', text: 'hello' });
      ctx.setState(state('one'));
    });
    await t.run(textEvent(userId(1), 'x'));
    expect(t.sent).toHaveLength(1);
    expect(t.conversations.get(userId(1))?.step).toBe('one');
    expect(t.inbox.pending()).toEqual([]);
  });

  it('when the handler throws, then the state is not saved, the user gets an apology and the bug is logged without content', async () => {
    const t = await setup(async (ctx) => {
      ctx.setState(state('half-done'));
      ctx.reply({ type: 'text', text: 'partial' });
      throw new TypeError('secret detail from ' + ctx.userId);
    });
    await t.run(textEvent(userId(2), 'private words'));
    expect(t.conversations.get(userId(2))).toBeUndefined();
    expect(t.sent[0]!.messages).toEqual([{ type: 'text', text: 'apology' }]);
    const logged = JSON.stringify(t.logger.lines);
    expect(logged).toContain('handler failed');
    expect(logged).not.toContain(userId(2));
    expect(logged).not.toContain('private words');
    expect(t.inbox.pending()).toEqual([]);
  });

  it('when the handler refuses with a user-facing error, then that sentence is the reply', async () => {
    const t = await setup(async () => {
      throw new UserFacingError('ข้อความยาวเกินไป', 'too-long');
    });
    await t.run(textEvent(userId(3), 'x'));
    expect(t.sent[0]!.messages).toEqual([{ type: 'text', text: 'ข้อความยาวเกินไป' }]);
    expect(t.logger.lines.find((l) => l.msg === 'event')?.outcome).toBe('refused:too-long');
  });

  it('when many events come at once, then at most maxHandling are handled at a time, started in the order they came', async () => {
    let running = 0;
    let most = 0;
    const started: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const t = await setup(
      async (ctx) => {
        running += 1;
        most = Math.max(most, running);
        started.push(ctx.userId!);
        await gate;
        running -= 1;
        ctx.reply({ type: 'text', text: 'ok' });
      },
      undefined,
      4,
    );
    const events = Array.from({ length: 10 }, (_, i) => textEvent(userId(100 + i), 'x'));
    const all = Promise.all(events.map((e) => t.run(e)));
    await new Promise((r) => setTimeout(r, 50));
    expect(running).toBe(4);
    let idle = false;
    const idled = t.dispatcher.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(idle).toBe(false);
    open();
    await all;
    await idled;
    expect(most).toBe(4);
    expect(started).toEqual(events.map((e) => e.source.userId));
    expect(t.sent).toHaveLength(10);
    expect(t.inbox.pending()).toEqual([]);
  });

  it('when events pile up past the warning mark, then one warning tells how many wait and how long, without ids or text', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const t = await setup(
      async (ctx) => {
        await gate;
        ctx.reply({ type: 'text', text: 'ok' });
      },
      undefined,
      1,
      5,
    );
    const events = Array.from({ length: 8 }, (_, i) => textEvent(userId(200 + i), 'ข้อความส่วนตัว'));
    const all = Promise.all(events.map((e) => t.run(e)));
    await new Promise((r) => setTimeout(r, 50));
    const warnings = t.logger.lines.filter((l) => l.msg === 'handling is behind');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 'warn', waiting: 5 });
    expect(typeof warnings[0]!.oldestWaitedMs).toBe('number');
    expect(JSON.stringify(warnings)).not.toMatch(/ข้อความ|U[0-9a-f]{32}/);
    open();
    await all;
    expect(t.sent).toHaveLength(8);
  });

  it("when one user's event fails, then another user's event is still handled", async () => {
    const t = await setup(async (ctx) => {
      if (ctx.userId === userId(4)) throw new Error('boom');
      ctx.reply({ type: 'text', text: 'ok' });
    });
    await Promise.all([t.run(textEvent(userId(4), 'x')), t.run(textEvent(userId(5), 'y'))]);
    expect(t.sent.map((s) => s.messages)).toContainEqual([{ type: 'text', text: 'ok' }]);
    expect(t.sent).toHaveLength(2);
  });

  it('when a handler is slow, then the loading animation is shown once before the reply; a quick one shows none', async () => {
    const slow = await setup(async (ctx) => {
      await new Promise((r) => setTimeout(r, 60));
      ctx.reply({ type: 'text', text: 'done' });
    }, 10);
    await slow.run(textEvent(userId(6), 'x'));
    expect(slow.loading).toEqual([userId(6)]);
    expect(slow.sent).toHaveLength(1);
    const quick = await setup(async (ctx) => ctx.reply({ type: 'text', text: 'done' }), 200);
    await quick.run(textEvent(userId(7), 'x'));
    await new Promise((r) => setTimeout(r, 250));
    expect(quick.loading).toEqual([]);
  });

  it("when LINE hangs on one user's reply, then the work slot is free: another user is handled and answered meanwhile", async () => {
    let release!: () => void;
    const hung = new Promise<void>((r) => (release = r));
    const first = textEvent(userId(300), 'x');
    const handled: string[] = [];
    const t = await setup(
      async (ctx) => {
        handled.push(ctx.userId!);
        ctx.reply({ type: 'text', text: 'ok' });
      },
      undefined,
      1,
      undefined,
      (token) => (token === first.replyToken ? hung : Promise.resolve()),
    );
    const a = t.run(first);
    const second = textEvent(userId(301), 'y');
    await t.run(second);
    expect(handled).toEqual([userId(300), userId(301)]);
    expect(t.sent.map((s) => s.token)).toEqual([second.replyToken]);
    release();
    await a;
    expect(t.sent.map((s) => s.token)).toEqual([second.replyToken, first.replyToken]);
  });

  it("when one user's first reply is slow, then their second event is handled meanwhile but its reply waits its turn", async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const first = textEvent(userId(310), 'one');
    const second = textEvent(userId(310), 'two');
    const steps: string[] = [];
    const t = await setup(
      async (ctx) => {
        steps.push((ctx.event as { message: { text: string } }).message.text);
        ctx.reply({ type: 'text', text: 'ok' });
      },
      undefined,
      undefined,
      undefined,
      (token) => (token === first.replyToken ? slow : Promise.resolve()),
    );
    const both = Promise.all([t.run(first), t.run(second)]);
    await new Promise((r) => setTimeout(r, 50));
    expect(steps).toEqual(['one', 'two']);
    expect(t.sent).toEqual([]);
    release();
    await both;
    expect(t.sent.map((s) => s.token)).toEqual([first.replyToken, second.replyToken]);
  });

  it('when an event is replayed whose reply was already started before a crash, then it is neither handled nor replied to again', async () => {
    let calls = 0;
    const t = await setup(async (ctx) => {
      calls += 1;
      ctx.reply({ type: 'text', text: 'ok' });
    });
    const event = textEvent(userId(320), 'x');
    const [entry] = await t.inbox.admit(
      [{ id: event.webhookEventId, event: event as unknown as webhook.Event }],
      t.now,
    );
    await t.inbox.replying(entry!.id, t.now);
    await t.inbox.close();
    const reopened = await Inbox.open(path.join(t.dir, 'inbox.jsonl'), t.keys.inbox, t.now);
    const [replayed] = reopened.pending();
    expect(replayed?.replied).toBe(true);
    await t.dispatcher.enqueue(replayed!);
    expect(calls).toBe(0);
    expect(t.sent).toEqual([]);
    expect(t.logger.lines.find((l) => l.msg === 'event')).toMatchObject({
      eventId: event.webhookEventId,
      outcome: 'already-replied',
    });
  });

  it('when a handler replies, then the inbox marks the event replying before the reply leaves', async () => {
    let markedFirst: boolean | undefined;
    const event = textEvent(userId(330), 'x');
    const t = await setup(
      async (ctx) => ctx.reply({ type: 'text', text: 'ok' }),
      undefined,
      undefined,
      undefined,
      async () => {
        markedFirst = t.inbox.pending().find((e) => e.id === event.webhookEventId)?.replied;
      },
    );
    await t.run(event);
    expect(markedFirst).toBe(true);
    expect(t.inbox.pending()).toEqual([]);
  });

  it('when a reply may be pushed (essential), then its mark is flushed to the disk; an ordinary reply is only written', async () => {
    const t = await setup(async (ctx) =>
      ctx.event.type === 'message' && (ctx.event.message as { text?: string }).text === 'essential'
        ? ctx.replyEssential({ type: 'text', text: 'receipt' })
        : ctx.reply({ type: 'text', text: 'ok' }),
    );
    const marks: Array<[string, boolean]> = [];
    const original = t.inbox.replying.bind(t.inbox);
    t.inbox.replying = (id, at, opts) => (marks.push([id, opts?.durable === true]), original(id, at, opts));
    const [plain, essential] = [textEvent(userId(331), 'x'), textEvent(userId(332), 'essential')];
    await t.run(plain);
    await t.run(essential);
    expect(marks).toEqual([
      [plain.webhookEventId, false],
      [essential.webhookEventId, true],
    ]);
    expect(t.sent.map((s) => s.messages)).toEqual([
      [{ type: 'text', text: 'ok' }],
      [{ type: 'text', text: 'receipt' }],
    ]);
  });

  it('when the event cannot even be prepared (its stored state is unreadable), then it is logged, left pending for the next start, and the queue goes on', async () => {
    const t = await setup(async (ctx) => ctx.reply({ type: 'text', text: 'ok' }));
    const broken = textEvent(userId(340), 'x');
    const original = t.conversations.get.bind(t.conversations);
    t.conversations.get = (user: string) => {
      if (user === userId(340)) throw new SyntaxError('damaged record');
      return original(user);
    };
    await t.run(broken);
    await t.run(textEvent(userId(341), 'y'));
    expect(t.logger.lines.find((l) => l.msg === 'event not handled')).toMatchObject({
      eventId: broken.webhookEventId,
      error: 'SyntaxError',
    });
    expect(t.inbox.pending().map((e) => e.id)).toEqual([broken.webhookEventId]);
    expect(t.sent).toHaveLength(1);
  });
});
