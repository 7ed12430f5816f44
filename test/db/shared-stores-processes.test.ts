import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postbackEvent, textEvent, userId } from '../helpers/events.js';
import { ConsoleClient } from '../helpers/console-client.js';
import { expectLineValid } from '../helpers/line-contract.js';
import { mockLine } from '../helpers/line-nock.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { migratedDatabase, type TestDatabase } from '../helpers/postgres-tenant.js';
import { startServiceProcess, type ServiceProcess } from '../helpers/service-process.js';
import { jpegWithMetadata } from '../helpers/tip-fixtures.js';

const TOWN = {
  id: 'khok-si',
  name: 'เทศบาลตำบลโคกสี',
  channelSecret: 'khok-si-channel-secret-0123456789',
  accessToken: 'khok-si-access-token',
};
const BASE = `/t/${TOWN.id}`;
const STAFF_TOKEN = 'khok-si-staff-token-0123456789abcdef';
const STAFF_ENV = { STAFF_TOKENS: `${TOWN.id}/somchai:${STAFF_TOKEN}` };

const tipForm = (nonce: string) => {
  const data = new FormData();
  for (const [k, v] of Object.entries({
    what: 'เจ้าหน้าที่เรียกเงินค่าเซ็นใบอนุญาตก่อสร้าง',
    who: '',
    when: '',
    where: '',
    n: nonce,
  }))
    data.append(k, v);
  data.append('evidence', new Blob([jpegWithMetadata()], { type: 'image/jpeg' }), 'photo.jpg');
  return data;
};
const nonceOf = (page: string) => /name="n" value="([^"]+)"/.exec(page)![1]!;

describe.skipIf(!hasPostgres)(
  'two processes of the shared service share the questions, images, limits and form values of a tenant',
  () => {
    let db!: TestDatabase;
    const processes: ServiceProcess[] = [];
    /** What beforeAll got to open, closed after the tests even when it failed halfway. */
    const opened: { db?: TestDatabase; line?: ReturnType<typeof mockLine> } = {};
    const [a, b] = [() => processes[0]!, () => processes[1]!];

    beforeAll(async () => {
      db = opened.db = await migratedDatabase();
      await db.tenants.add(TOWN);
      opened.line = mockLine();
      processes.push(await startServiceProcess(db, db.pool, TOWN, STAFF_ENV));
      processes.push(await startServiceProcess(db, db.secondPool(), TOWN, STAFF_ENV));
    }, 60_000);
    afterEach(() => {
      for (const call of opened.line!.calls) expectLineValid(call.path, call.body, call.headers);
    });
    afterAll(async () => {
      for (const p of processes) await p.stop();
      opened.line?.done();
      await opened.db?.close();
    });

    it('when a tip form is filed with an image through one process, then reposting it to the other is refused, and the other shows the image', async () => {
      const page = await (await fetch(`${a().url}${BASE}/tip`)).text();
      const nonce = nonceOf(page);
      const filed = await fetch(`${a().url}${BASE}/tip`, { method: 'POST', body: tipForm(nonce) });
      expect(filed.status).toBe(200);
      const again = await fetch(`${b().url}${BASE}/tip`, { method: 'POST', body: tipForm(nonce) });
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('แบบฟอร์มนี้ส่งเรื่องไปแล้ว');

      const desk = (await b().runtime()).tips.desk;
      const [tip] = await desk.list({}, new Date());
      expect(await db.dumpWhere('tips', TOWN.id)).toHaveLength(1);
      const attachment = (await desk.read(tip!.id, new Date()))!.attachments[0]!;
      const shown = await desk.attachment(tip!.id, attachment.id);
      expect(shown?.type).toBe('image/jpeg');
      expect(shown!.bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      expect(await db.dumpWhere('tip_attachments', TOWN.id)).toHaveLength(1);
    });

    it('when receipt lookups are used up through one process, then the other refuses the next (429)', async () => {
      const lookup = (p: ServiceProcess, n: number) =>
        fetch(`${p.url}${BASE}/tip/status?receipt=${String(1000_0000_0000_0000 + n)}`);
      for (let n = 0; n < 10; n++) expect((await lookup(n % 2 ? a() : b(), n)).status).toBe(404);
      expect((await lookup(b(), 10)).status).toBe(429);
      expect((await lookup(a(), 11)).status).toBe(429);
    });

    it('when failed console logins from one address reach 20 across both processes, then both refuse the next one before any password is checked', async () => {
      const clients = [new ConsoleClient(a().url + BASE), new ConsoleClient(b().url + BASE)];
      for (const c of clients) await c.get('/staff/login');
      for (let i = 0; i < 20; i++)
        expect(
          (await clients[i % 2]!.post('/staff/login', { name: 'nobody', password: 'wrong-password' })).status,
        ).toBe(401);
      for (const c of clients) {
        const res = await c.post('/staff/login', { name: 'nobody', password: 'wrong-password' });
        expect(res.status).toBe(429);
        expect(c.last).toContain('กรุณารอ 15 นาที');
      }
    });

    it('when wrong staff tokens reach five across both processes, then both brake the client, even with the right token (429)', async () => {
      const tips = (p: ServiceProcess, token: string) =>
        fetch(`${p.url}${BASE}/staff/api/tips`, { headers: { authorization: `Bearer ${token}` } });
      expect((await tips(a(), STAFF_TOKEN)).status).toBe(200);
      for (let i = 0; i < 5; i++)
        expect((await tips(i % 2 ? a() : b(), `wrong-token-${i}-0123456789abcdef`)).status).toBe(401);
      for (const p of [a(), b()]) {
        const res = await tips(p, STAFF_TOKEN);
        expect(res.status).toBe(429);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(800);
      }
    });

    it('when a resident asks through one process and votes through the other, then both logs are the one log', async () => {
      const resident = userId(41);
      expect(await a().webhook(textEvent(resident, 'ผลคะแนนความโปร่งใสปีนี้'))).toBe(200);
      const [asked] = await (await b().runtime()).questions.all();
      expect(asked).toMatchObject({ intent: 'search', kind: 'ita' });
      expect(await b().webhook(postbackEvent(resident, `a=fb&q=${asked!.id}&v=0`))).toBe(200);
      expect((await (await a().runtime()).questions.get(asked!.id!))?.vote).toBe('down');
      const dump = await db.dump(['question_log']);
      expect(dump).toContain(asked!.id);
      expect(dump).not.toContain('ความโปร่งใส');
    });
  },
);
