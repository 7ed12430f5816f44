import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tenantDataDir } from '../../src/service/tenant-runtimes.js';
import type { TestBot } from '../helpers/bot.js';
import { followEvent, userId } from '../helpers/events.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { fileTipInChat } from '../helpers/tip-chat-helpers.js';
import { TOKENS, TOWNS, useService, type TestService } from './service-harness.js';

const STORY = 'เจ้าหน้าที่กองช่างเรียกเงินสามพันบาทเพื่อเร่งใบอนุญาต';
const WHO = 'หัวหน้าฝ่ายโยธา';

/** The chat of tenant A's LINE channel, as the tip chat helpers drive a bot. */
const chatOfA = (s: TestService) =>
  ({
    send: (...events: unknown[]) => s.webhook(`/webhook/${TOWNS.a.id}`, TOWNS.a.secret, ...events),
    line: s.line,
  }) as unknown as TestBot;

describe.skipIf(!hasPostgres)("a tenant's tips in PostgreSQL, through the shared service", () => {
  let s!: TestService;
  useService((started) => (s = started));

  it('when a resident files a tip in chat, then staff read it through the API and the database holds it sealed', async () => {
    const user = userId(301);
    await s.webhook(`/webhook/${TOWNS.a.id}`, TOWNS.a.secret, followEvent(user));
    const receipt = await fileTipInChat(chatOfA(s), user, { what: STORY, who: WHO, identity: 'confidential' });

    const listed = await s.call('GET', `/t/${TOWNS.a.id}/staff/api/tips`, TOKENS.a);
    expect(listed.status).toBe(200);
    const { tips } = (await listed.json()) as { tips: Array<{ id: string; number: string }> };
    expect(tips).toHaveLength(1);
    const read = await s.call('GET', `/t/${TOWNS.a.id}/staff/api/tips/${tips[0]!.id}`, TOKENS.a);
    expect(((await read.json()) as { content: { what: string } }).content.what).toBe(STORY);

    // In the tenant's rows, sealed: no story, no name, no receipt, no LINE user id
    const rows = await s.db.dumpWhere('tips', TOWNS.a.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(tips[0]!.id);
    for (const secret of [STORY, WHO, receipt, user]) expect(rows[0]).not.toContain(secret);
    // Nothing of it in the tenant's folder
    expect(fs.existsSync(path.join(tenantDataDir(s.dataDir, TOWNS.a.id), 'tips', 'tips.jsonl'))).toBe(false);
    // The reads are in the tenant's audit trail in the database
    const audit = (await s.db.dumpWhere('audit_entries', TOWNS.a.id)).join('\n');
    expect(audit).toContain('tips.list');
    expect(audit).toContain('tip.read');
  });

  it("when tenant B's staff list tips, then A's tip is not among them", async () => {
    const res = await s.call('GET', `/t/${TOWNS.b.id}/staff/api/tips`, TOKENS.b);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { tips: unknown[] }).tips).toEqual([]);
  });
});
