import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busiestWindow, countingLine, type CountingLine } from '../helpers/counting-line.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { migratedDatabase, type TestDatabase } from '../helpers/postgres-tenant.js';
import { startServiceProcess, type ServiceProcess } from '../helpers/service-process.js';
import { newTown } from './service-harness.js';

const USER = `U${'2'.repeat(32)}`;
const TEXT = [{ type: 'text' as const, text: 'ประกาศ' }];

describe.skipIf(!hasPostgres)(
  "the shared service's processes keep one municipality's LINE channel within its limit",
  () => {
    let db: TestDatabase;
    let stand: CountingLine;
    const processes: ServiceProcess[] = [];
    const town = newTown('limit-town');
    beforeAll(async () => {
      db = await migratedDatabase();
      stand = await countingLine();
      await db.tenants.add(town);
      const env = { LINE_API_BASE_URL: stand.url };
      for (const pool of [db.pool, db.secondPool()])
        processes.push(await startServiceProcess(db, pool, { id: town.id, channelSecret: town.channelSecret }, env));
    }, 60_000);
    afterAll(async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await stand.close();
      await db.close();
    });

    it("when both processes' bots multicast for the tenant as fast as they can for 2 s, then LINE sees at most 200 in any second", async () => {
      const sent = await Promise.all(
        processes.map(async (p) => {
          const { line } = await p.runtime();
          const until = performance.now() + 2000;
          let n = 0;
          await Promise.all(
            Array.from({ length: 16 }, async () => {
              for (; performance.now() < until; n += 1) await line.multicast([USER], TEXT, randomUUID());
            }),
          );
          return n;
        }),
      );
      const arrivals = (await stand.arrivals()).filter((a) => a.path === '/v2/bot/message/multicast');
      expect(arrivals).toHaveLength(sent[0]! + sent[1]!);
      expect(arrivals.every((a) => a.token === town.accessToken)).toBe(true);
      expect(busiestWindow(arrivals)).toBeLessThanOrEqual(200);
      expect(Math.min(...sent)).toBeGreaterThan(0.25 * (sent[0]! + sent[1]!));
      expect(await db.dumpWhere('line_rate_limits', town.id)).toEqual([
        expect.stringMatching(new RegExp(`^\\(${town.id},multicast,`)),
      ]);
    });
  },
);
