import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BotContext } from '../../src/bot/context.js';
import type { ConversationState } from '../../src/bot/conversation.js';
import { postback, type ActiveRoute, type Feature } from '../../src/bot/feature.js';
import { FeatureRegistry } from '../../src/bot/feature-registry.js';
import { routeEvent } from '../../src/bot/router.js';
import type { Understanding } from '../../src/bot/understand.js';
import { ContentLibrary } from '../../src/content/library.js';
import type { QuestionLog } from '../../src/content/question-log.js';
import { createRouteHandler } from '../../src/handlers/handle-route.js';
import { SAY } from '../../src/handlers/replies.js';
import { parseEvent } from '../../src/line/event-schema.js';
import { followEvent, messageEvent, postbackEvent, textEvent, unfollowEvent, userId } from '../helpers/events.js';

const USER = userId(1);
const NOW = new Date('2026-12-06T03:00:00Z');

/** Features that each note what reached them, as "feature:key:payload". */
function features(seen: string[]): Feature[] {
  const note = (s: string) => async () => void seen.push(s);
  return [
    { name: 'linker', claimText: async (_ctx, text) => text === 'รหัส 123456' && (seen.push('linker:text'), true) },
    {
      name: 'news',
      intents: { subscribe: async (_ctx, _u, text) => void seen.push(`news:subscribe:${text}`) },
      postbacks: {
        topic: postback(z.object({ id: z.enum(['news', 'report']), on: z.enum(['0', '1']) }), async (_c, data, p) => {
          seen.push(`news:topic:${data.id}/${data.on}/${p.datetime ?? '-'}`);
        }),
      },
      events: { follow: note('news:follow'), unfollow: note('news:unfollow') },
    },
    {
      name: 'reports',
      intents: { tip: async (_ctx, _u, text) => void seen.push(`reports:tip:${text}`) },
      flows: {
        report: {
          handle: async (_ctx, route: ActiveRoute) => {
            seen.push(
              `reports:flow:${route.to === 'media' && route.kind === 'location' ? route.location.latitude : route.to}`,
            );
            return true;
          },
        },
      },
    },
  ];
}

const INTENTS: Record<string, Understanding['intent']> = { รับข่าว: 'subscribe', แจ้งเบาะแส: 'tip', สวัสดี: 'greeting' };

async function run(event: unknown, state?: ConversationState) {
  const seen: string[] = [];
  const registry = new FeatureRegistry(features(seen));
  const logged: string[] = [];
  const handle = createRouteHandler({
    registry,
    library: new ContentLibrary([]),
    questions: { record: async (r: { intent: string }) => void logged.push(r.intent) } as unknown as QuestionLog,
    understand: (text) => ({ intent: INTENTS[text] ?? 'greeting' }) as Understanding,
  });
  const parsed = parseEvent(event);
  if (!parsed.ok) throw new Error(parsed.problem);
  const ctx = new BotContext(parsed.event as never, USER, NOW, state);
  const route = routeEvent(parsed.event, registry.parsePostback);
  if (route.to === 'ignore') throw new Error(route.reason);
  await handle(ctx, route);
  return { seen, logged, ctx, texts: ctx.replies.map((m) => (m.type === 'text' ? m.text : m.type)) };
}

describe('the route handler asks the registry', () => {
  it("when a text names a feature's intent, then that feature answers with the text as typed, and the intent is logged", async () => {
    expect(await run(textEvent(USER, 'รับข่าว'))).toMatchObject({
      seen: ['news:subscribe:รับข่าว'],
      logged: ['subscribe'],
    });
    expect(await run(textEvent(USER, 'แจ้งเบาะแส'))).toMatchObject({ seen: ['reports:tip:แจ้งเบาะแส'], logged: ['tip'] });
  });

  it('when no feature owns the intent, then help is shown and the intent still logged', async () => {
    const { seen, logged, texts } = await run(textEvent(USER, 'สวัสดี'));
    expect(seen).toEqual([]);
    expect(logged).toEqual(['greeting']);
    expect(texts.length).toBeGreaterThan(0);
  });

  it('when a feature claims a text before it is understood, then nothing else sees it and nothing is logged', async () => {
    expect(await run(textEvent(USER, 'รหัส 123456'))).toMatchObject({ seen: ['linker:text'], logged: [] });
  });

  it("when a button's data fits its feature's schema, then that feature gets the parsed data and the params", async () => {
    const { seen, ctx } = await run(postbackEvent(USER, 'a=topic&id=news&on=1', { datetime: '2026-12-06T10:00' }));
    expect(seen).toEqual(['news:topic:news/1/2026-12-06T10:00']);
    expect(ctx.intent).toBe('postback:topic');
  });

  it.each(['a=topic&id=sports&on=1', 'a=topic&id=news&on=2', 'a=topic&id=news', 'a=nobody', 'id=news'])(
    'when a button carries data outside its schema (%s), then the friendly "button expired" answer comes',
    async (data) => {
      const { seen, ctx, texts } = await run(postbackEvent(USER, data));
      expect(seen).toEqual([]);
      expect(texts).toEqual([SAY.expiredButton]);
      expect(ctx.intent).toBe('postback:expired');
      expect(ctx.outcome).toBe('expired-button');
    },
  );

  it('when a friend follows or unfollows, then the owning feature hears it (the welcome comes first)', async () => {
    const follow = await run(followEvent(USER));
    expect(follow.seen).toEqual(['news:follow']);
    expect(follow.texts[0]).toBe('flex');
    expect((await run(unfollowEvent(USER))).seen).toEqual(['news:unfollow']);
  });

  it("when the user's state names a flow, then the flow gets the event first, with the shared place", async () => {
    const state = { v: 1, flow: 'report', step: 'where', draft: {}, updatedAt: NOW.toISOString() } as const;
    const location = { id: '1', type: 'location', title: 'ตลาด', latitude: 15.1, longitude: 104.2 };
    expect((await run(messageEvent(USER, location), state)).seen).toEqual(['reports:flow:15.1']);
    expect((await run(textEvent(USER, 'รับข่าว'), state)).seen).toEqual(['reports:flow:text']);
  });

  it('when media comes outside a flow, then the short friendly reply for its kind comes', async () => {
    const location = { id: '1', type: 'location', latitude: 15.1, longitude: 104.2 };
    expect((await run(messageEvent(USER, location))).texts).toEqual([SAY.location]);
  });
});
