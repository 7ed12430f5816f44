import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { textEvent, userId } from '../helpers/events.js';
import { ConsoleClient, createReadyAccount } from '../helpers/console-client.js';
import { escapeHtml } from '../../src/http/html.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const lastQuestion = async (b: TestBot) => (await b.runtime.questions.all()).at(-1)!;

async function editor(b: TestBot, role = 'editor'): Promise<ConsoleClient> {
  const password = await createReadyAccount(b.dataDir, role === 'editor' ? 'editor1' : 'auditor1', role);
  const c = new ConsoleClient(b.url);
  await c.login(role === 'editor' ? 'editor1' : 'auditor1', password);
  return c;
}

describe('staff console: questions residents asked', () => {
  it('when an editor points an unanswered question at an item, then the running bot answers it with that item at once', async () => {
    bot = await startBot();
    await bot.send(textEvent(userId(1), 'ขอดูใบเสร็จค่าน้ำ'));
    expect((await lastQuestion(bot)).match).toBeNull();
    const c = await editor(bot);
    await c.get('/staff/questions');
    expect(c.last).toContain('ขอดูใบเสร็จค่าน้ำ');
    const ita = bot.runtime.index.items().find((i) => i.kind === 'ita')!;
    const res = await c.post('/staff/questions/alias', { phrase: (await lastQuestion(bot)).text!, item: ita.id });
    expect(res.status).toBe(200);
    expect(c.last).toContain('มีผลทันที');

    await bot.send(textEvent(userId(1), 'ขอดูใบเสร็จค่าน้ำ'));
    expect((await lastQuestion(bot)).match).toBe(ita.id);
    expect(JSON.parse(fs.readFileSync(path.join(bot.dataDir, 'phrase-aliases.json'), 'utf8')).aliases).toHaveLength(1);
    expect(bot.runtime.audit.list().map((e) => `${e.actor} ${e.action} ${e.target}`)).toContain(
      `editor1 question.alias item:${ita.id}`,
    );
    bot.expectAllLineCallsValid();
  });

  it('when an editor adds a synonym, then DATA_DIR/synonyms.json holds it and the running search understands the word', async () => {
    bot = await startBot();
    await bot.send(textEvent(userId(1), 'กินสินบาตร'));
    expect((await lastQuestion(bot)).match).toBeNull();
    const c = await editor(bot);
    await c.get('/staff/questions');
    const res = await c.post('/staff/questions/synonym', { term: 'กินสินบาตร', same: 'ทุจริต' });
    expect(res.status).toBe(200);
    const file = JSON.parse(fs.readFileSync(path.join(bot.dataDir, 'synonyms.json'), 'utf8')) as { groups: string[][] };
    expect(file.groups).toEqual([['กินสินบาตร', 'ทุจริต']]);
    expect(bot.runtime.index.answer('กินสินบาตร').best).not.toBeNull();
    expect(bot.runtime.audit.list().at(-1)).toMatchObject({ actor: 'editor1', action: 'question.synonym' });
  });

  it('when the form is incomplete or the item unknown, then nothing changes and the page says why', async () => {
    bot = await startBot();
    const c = await editor(bot);
    await c.get('/staff/questions');
    expect((await c.post('/staff/questions/synonym', { term: 'ก', same: 'ทุจริต' })).status).toBe(400);
    expect((await c.post('/staff/questions/alias', { phrase: 'อะไรก็ได้', item: 'no-such-item' })).status).toBe(400);
    expect(fs.existsSync(path.join(bot.dataDir, 'synonyms.json'))).toBe(false);
    expect(fs.existsSync(path.join(bot.dataDir, 'phrase-aliases.json'))).toBe(false);
  });

  it('when an auditor opens the page, then questions show without forms and posting a change is refused', async () => {
    bot = await startBot();
    // The bot's normaliser drops markup characters; a record written another way must still be inert
    await bot.runtime.questions.record({
      at: new Date().toISOString(),
      intent: 'search',
      text: '<img src=x onerror=alert(1)>',
      match: null,
      kind: null,
      score: null,
    });
    const c = await editor(bot, 'auditor');
    await c.get('/staff/questions');
    expect(c.last).not.toContain('action="/staff/questions/alias"');
    expect(c.last).not.toContain('<img src=x');
    const text = (await lastQuestion(bot)).text!;
    expect(c.last).toContain(`<td class="question-text" data-label="คำถาม">${escapeHtml(text)}</td>`);
    const ita = bot.runtime.index.items().find((i) => i.kind === 'ita')!;
    expect((await c.post('/staff/questions/alias', { phrase: 'x y z', item: ita.id })).status).toBe(403);
  });
});
