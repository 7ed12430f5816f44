import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { postgresStores } from '../../src/db/postgres-stores.js';
import { PostgresTipStore } from '../../src/db/tip-store-postgres.js';
import { inboxEvent } from '../helpers/inbox-sample.js';
import { sampleAccount } from '../helpers/account-sample.js';
import { postgresBin } from '../helpers/postgres-cluster.js';
import { adminUrlOf, hasPostgres } from '../helpers/postgres-database.js';
import { TENANT_CHANNEL, useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { sampleTip } from '../helpers/tip-sample.js';

const run = promisify(execFile);
const clock = () => new Date('2026-03-01T02:00:00.000Z');
const REPORTER = 'U7f3a9c0d1e2b4a5968778695a4b3c2d1';
const RESIDENT = 'U00000000000000000000000000000abc';
/** What a resident or a reporter told the bot: none of it may be readable in a dump. */
const PRIVATE = [
  'นายกเทศมนตรีรับเงินใต้โต๊ะ',
  'ผู้รับเหมาบริษัทสมหวัง',
  'ข้างวัดโพนทราย',
  '089-765-4321',
  'ตอบกลับที่ไลน์',
  REPORTER,
  RESIDENT,
  'ถามเรื่องที่ดินของฉัน',
  'ร่างเรื่องที่จะแจ้งเบาะแส',
];

describe.skipIf(!hasPostgres)('a pg_dump of the shared database', () => {
  const db = useMigratedDatabase();

  it('when a town has tips, inbox events, audit entries, accounts, sessions, friends and a tip draft, then its dump shows no tip text, reporter contact, LINE user id, cookie or channel secret', async () => {
    const stores = postgresStores(await db().newTenant(), { clock });
    const tip = await sampleTip(stores.tips, {
      content: stores.tips.sealContent({
        what: PRIVATE[0]!,
        who: PRIVATE[1]!,
        when: null,
        where: PRIVATE[2]!,
        additions: [{ at: '2026-03-01T02:00:00.000Z', text: `โทร ${PRIVATE[3]}` }],
      }),
      reporter: stores.tips.sealText(REPORTER),
      internalNotes: [{ at: '2026-03-01T02:00:00.000Z', sealed: stores.tips.sealText(PRIVATE[4]!), by: 'malee' }],
    });
    await stores.tips.save(tip);
    const waiting = inboxEvent(PRIVATE[7]!, 0xabc);
    await stores.inbox.admit([waiting], clock());
    await stores.audit.append(clock(), 'malee', 'tip.view', `tip:${tip.id}`);
    await stores.accounts.update('malee', () => sampleAccount('malee'));
    const { id: cookie } = await stores.sessions.create('malee');
    await stores.friends.subscribe(RESIDENT, ['procurement'], clock());
    const draft = { what: PRIVATE[8]! };
    await stores.conversations.save(RESIDENT, {
      v: 1,
      flow: 'tip',
      step: 'what',
      draft,
      updatedAt: clock().toISOString(),
    });

    const { stdout: dump } = await run(
      path.join(postgresBin()!, 'pg_dump'),
      ['--data-only', `--dbname=${adminUrlOf(db().name)}`],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    // The dump holds the rows (their clear parts), so an absence below means something
    for (const shown of [stores.scope.tenantId, tip.id, waiting.id, 'tip.view', 'malee', 'procurement'])
      expect(dump).toContain(shown);
    for (const secret of [...PRIVATE, cookie, TENANT_CHANNEL.secret, TENANT_CHANNEL.token])
      expect(dump, secret).not.toContain(secret);
    expect(new PostgresTipStore(stores.scope).openContent((await stores.tips.get(tip.id))!)?.what).toBe(PRIVATE[0]);
  });
});
