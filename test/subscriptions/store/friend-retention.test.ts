import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKeys, userRef } from '../../../src/crypto/keys.js';
import { createMemoryLogger } from '../../helpers/memory-logger.js';
import { FriendRepo, FriendSchema } from '../../../src/subscriptions/store/friend-repo.js';
import { PrivateStore } from '../../../src/storage/private-store.js';
import { startFriendRetention } from '../../../src/subscriptions/store/friend-retention.js';
import { userId } from '../../helpers/events.js';
import { manualTime } from '../../helpers/manual-time.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('friend retention', () => {
  it('when a friend blocked more than 365 days ago, then the record is forgotten; erased records leave the file', async () => {
    const file = path.join(await tempDir('retention-'), 'friends.jsonl');
    const keys = deriveKeys(Buffer.alloc(32, 4));
    const store = await PrivateStore.open(file, keys.people, FriendSchema);
    const friends = new FriendRepo(store, keys);
    const time = manualTime('2026-11-26T00:00:00Z');
    const [old, recent, erased, active] = [1, 2, 3, 4].map((n) => userId(n));
    await friends.unfollow(old!, new Date('2025-11-01T00:00:00Z'));
    await friends.unfollow(recent!, new Date('2026-11-01T00:00:00Z'));
    await friends.follow(erased!, new Date('2026-10-01T00:00:00Z'), ['news']);
    await friends.follow(active!, new Date('2026-10-01T00:00:00Z'), ['news']);
    await friends.erase(erased!);
    const erasedRef = userRef(keys, erased!);
    expect(await fs.readFile(file, 'utf8')).toContain(erasedRef);

    const retention = startFriendRetention({ friends, clock: time.now, timers: time, logger: createMemoryLogger() });
    await retention.settled();
    await retention.close();
    expect(friends.get(old!)).toBeUndefined();
    expect(friends.get(recent!)?.status).toBe('blocked');
    expect(friends.get(active!)?.status).toBe('following');
    await store.close();
    expect(await fs.readFile(file, 'utf8')).not.toContain(erasedRef);
  });
});
