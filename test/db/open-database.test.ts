import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import { createMemoryLogger } from '../../src/logger.js';
import { freshDatabase, hasPostgres } from '../helpers/postgres-database.js';

const SERVICE_KEY = Buffer.alloc(32, 5);

describe.skipIf(!hasPostgres)('opening the database at start', () => {
  it('when the database is empty, then the schema is migrated once, logged without the URL, and the tenants are usable', async () => {
    const { url } = await freshDatabase();
    const first = createMemoryLogger();
    const db = await openDatabase({ url, serviceKey: SERVICE_KEY }, first);
    await db.tenants.add({ id: 'phonsai', name: 'โพนทราย', channelSecret: 's', accessToken: 't' });
    await db.close();
    expect(first.lines).toEqual([expect.objectContaining({ level: 'info', msg: 'database migrated', applied: '1764979200000_tenants-and-row-security' })]);
    expect(JSON.stringify(first.lines)).not.toContain(url);

    const second = createMemoryLogger();
    const again = await openDatabase({ url, serviceKey: SERVICE_KEY }, second);
    expect((await again.tenants.list()).map((t) => t.id)).toEqual(['phonsai']);
    await again.close();
    expect(second.lines).toEqual([]);
  });
});
