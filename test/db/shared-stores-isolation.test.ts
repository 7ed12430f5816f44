import { describe, it } from 'vitest';
import { postgresStores } from '../../src/db/postgres-stores.js';
import { FormNonces } from '../../src/tips/web/form-nonces.js';
import { userId } from '../helpers/events.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { expectTenantWall } from '../helpers/postgres-isolation.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';

const now = new Date('2026-03-20T03:00:00.000Z');
const clock = () => now;
const TABLES = [
  'question_log',
  'question_dismissals',
  'staff_line_links',
  'staff_link_codes',
  'tip_attachments',
  'limit_hits',
  'form_nonces',
];

describe.skipIf(!hasPostgres)("the database's wall around each tenant's questions, links, images and limits", () => {
  const db = useMigratedDatabase();

  it.each(TABLES)(
    "when tenant a's code queries %s with its filter wrong, then b's rows stay unseen and unchanged",
    async (table) => {
      const [a, b] = [
        postgresStores(await db().newTenant(), { clock }),
        postgresStores(await db().newTenant(), { clock }),
      ];
      for (const stores of [a, b]) {
        await stores.questions.record({
          at: now.toISOString(),
          intent: 'search',
          text: 'ถามเรื่องภาษี',
          match: null,
          kind: null,
          score: null,
        });
        await stores.questions.dismiss('ถามเรื่องภาษี', now);
        await stores.lineLinks.redeem(userId(3), (await stores.lineLinks.issue('somsri')).code);
        await stores.lineLinks.issue('malee');
        await stores.evidence.put(Buffer.from('image bytes'));
        await stores.limits.limiter('console-login', 20, 60_000).count('10.0.0.1');
        const forms = new FormNonces(stores.limits.oneTime('tip-form', 60_000));
        await forms.markUsed(forms.issue(), now);
        await stores.questions.close();
      }
      await expectTenantWall(db(), table, a.scope.tenantId, b.scope.tenantId);
    },
  );
});
