import type { webhook } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { BotContext } from '../../src/bot/context.js';
import { PostgresFriendStore } from '../../src/db/friend-store-postgres.js';
import { subscriptionFeature } from '../../src/subscriptions/subscription-feature.js';
import { TOPIC_IDS } from '../../src/subscriptions/topics.js';
import { SUBSCRIPTION_SAY } from '../../src/subscriptions/wording.js';
import { followEvent, postbackEvent, unfollowEvent, userId } from '../helpers/events.js';
import { manualTime } from '../helpers/manual-time.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';

const now = new Date('2026-03-01T02:00:00.000Z');
const RESIDENT = userId(7);
const ctxOf = (event: unknown) => new BotContext(event as webhook.Event, RESIDENT, now, undefined);
/** How many topics the settings card in a reply shows as received. */
const shownOn = (ctx: BotContext) => JSON.stringify(ctx.replies).split('✅ รับอยู่').length - 1;

describe.skipIf(!hasPostgres)("the subscription feature on a tenant's PostgreSQL friends", () => {
  const db = useMigratedDatabase();

  it('when a resident follows, blocks, follows again and turns a topic off, then each reply and the rows agree', async () => {
    const friends = new PostgresFriendStore(await db().newTenant());
    const feature = subscriptionFeature({
      friends,
      feed: { latest: () => [], get: () => undefined },
      agencyName: () => 'เทศบาลตำบลโพนทราย',
      clock: () => now,
      timers: manualTime(now),
      logger: createMemoryLogger(),
    });
    const follow = ctxOf(followEvent(RESIDENT));
    await feature.events!.follow!(follow);
    expect(JSON.stringify(follow.replies)).toContain(SUBSCRIPTION_SAY.subscribedOnFollow);
    await feature.events!.unfollow!(ctxOf(unfollowEvent(RESIDENT)));
    expect(await friends.counts()).toEqual({ following: 0, blocked: 1 });
    const back = ctxOf(followEvent(RESIDENT));
    await feature.events!.follow!(back);
    expect(JSON.stringify(back.replies)).toContain(SUBSCRIPTION_SAY.welcomeBackSubscribed);

    const off = ctxOf(postbackEvent(RESIDENT, ''));
    await feature.postbacks!.topic!.handle(off, { a: 'topic', id: 'news', on: '0' }, {});
    expect(shownOn(off)).toBe(TOPIC_IDS.length - 1);
    const card = ctxOf(postbackEvent(RESIDENT, ''));
    await feature.postbacks!.topics!.handle(card, { a: 'topics' }, {});
    expect(shownOn(card)).toBe(TOPIC_IDS.length - 1);
    expect((await friends.get(RESIDENT))?.topics).toEqual(TOPIC_IDS.filter((t) => t !== 'news'));
  });
});
