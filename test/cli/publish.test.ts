import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main as importMain } from '../../src/cli/import.js';
import { main, type CliIo } from '../../src/cli/publish.js';
import { SEED_PATH } from '../content/document-fixtures.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { userId } from '../helpers/events.js';
import { manualTime } from '../helpers/manual-time.js';
import { tempDir } from '../helpers/temp-dir.js';
import { multicasts } from '../helpers/publication-chat.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

const KEY = Buffer.alloc(32, 7).toString('base64');

async function bodyFile(
  text = 'ขอเชิญประชาชนร่วมประชุมประชาคมหมู่บ้าน วันที่ 5 ธันวาคม เวลา 13.00 น. ณ ศาลาประชาคม',
): Promise<string> {
  const file = path.join(await tempDir('publish-cli-'), 'body.txt');
  await writeFile(file, text);
  return file;
}

async function publish(args: string[], dataDir: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd: PROJECT_ROOT };
  const code = await main(['--', ...args], { DATA_DIR: dataDir, TIP_ENCRYPTION_KEY: KEY }, io, { waitMs: 10_000 });
  return { code, out, err };
}

async function runningBot() {
  const time = manualTime(new Date());
  const b = await startBot({ clock: time.now, timers: time });
  bot = b;
  await Promise.all([1, 2].map((n) => b.runtime.friends.follow(userId(n), time.now(), ['news', 'announcement'])));
  return { b, run: () => time.advance(2_000, () => b.runtime.publishing.idle()) };
}

describe('npm run publish', () => {
  it('when the input is good and the bot runs, then it publishes through the same use case and says to how many', async () => {
    const { b, run } = await runningBot();
    const file = await bodyFile();
    const { code, out, err } = await publish(
      [
        '--topic',
        'announcement',
        '--title',
        'เชิญประชุมประชาคมหมู่บ้าน',
        '--body-file',
        file,
        '--url',
        'https://phonsai.go.th/a/1',
      ],
      b.dataDir,
    );
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toHaveLength(1);
    const id = /^published (pub-[a-z0-9-]+): sending to 2 subscriber\(s\)/.exec(out[0]!)?.[1];
    expect(id).toBeDefined();
    await run();
    expect(multicasts(b)).toHaveLength(1);
    expect(JSON.stringify(multicasts(b)[0]!.body.messages)).toContain('เชิญประชุมประชาคมหมู่บ้าน');
    const view = (await (await b.staff('GET', `/publications/${id}`)).json()) as {
      source: string;
      createdBy: string;
      status: string;
    };
    expect(view).toMatchObject({ source: 'cli', status: 'sent' });
    expect(view.createdBy).toMatch(/^cli:/);
  });

  it('when --at is later, then it is scheduled and the line gives the Bangkok time in the Buddhist era', async () => {
    const { b } = await runningBot();
    const at = new Date(Date.now() + 3 * 3600_000 + 7 * 3600_000).toISOString().slice(0, 16);
    const { code, out } = await publish(
      ['--topic', 'news', '--title', 'ข่าวตั้งเวลา', '--body-file', await bodyFile(), '--at', at],
      b.dataDir,
    );
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^scheduled pub-[a-z0-9-]+ for \d{1,2} \S+ 25\d\d \d\d:\d\d น\. \(Asia\/Bangkok\)$/);
    expect(multicasts(b)).toHaveLength(0);
  });

  it.each([
    [['--title', 'x', '--body-file', 'f.txt'], 1, 'publish refused: --topic is required'],
    [
      ['--topic', 'news', '--title', 'x', '--body-file', 'f.txt', '--colour', 'red'],
      1,
      'publish refused: unknown argument "--colour"',
    ],
    [['--topic', 'news', '--title', '--body-file', 'f.txt'], 1, 'publish refused: --title needs a value'],
    [
      ['--topic', 'weather', '--title', 'x', '--body-file', 'BODY'],
      1,
      'publish refused: --topic: must be one of news, announcement, procurement, measure, report',
    ],
    [
      ['--topic', 'news', '--title', 'x', '--body-file', 'missing.txt'],
      1,
      'publish refused: --body-file: no such file (missing.txt)',
    ],
    [
      ['--topic', 'news', '--title', 'x', '--body-file', 'BODY', '--at', '2020-01-01T09:00'],
      1,
      'publish refused: --at: is in the past',
    ],
    [
      ['--topic', 'news', '--title', 'x', '--body-file', 'BODY', '--at', 'next week'],
      1,
      'publish refused: --at: must be an ISO 8601',
    ],
    [
      ['--topic', 'news', '--title', ' ', '--body-file', 'BODY', '--url', 'phonsai.go.th'],
      1,
      'publish refused: --title: is empty; --url:',
    ],
  ])('when the arguments are %j, then exit %i with one clear line', async (args, expectedCode, line) => {
    const dataDir = await tempDir('publish-bad-');
    const file = await bodyFile();
    const { code, out, err } = await publish(
      args.map((a) => (a === 'BODY' ? file : a)),
      dataDir,
    );
    expect(code).toBe(expectedCode);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]!.split('\n')[0]).toContain(line);
  });

  it('when the bot is not running, then the request waits and the bot publishes it when it starts', async () => {
    const dataDir = await tempDir('publish-queued-');
    const { code, out } = await publish(
      ['--topic', 'news', '--title', 'ข่าวรอส่ง', '--body-file', await bodyFile()],
      dataDir,
    );
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^queued pub-[a-z0-9-]+: the bot is not running; it will be published when the bot starts$/);
    bot = await startBot({ dataDir });
    const published = bot.runtime.publishing.list();
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ title: 'ข่าวรอส่ง', source: 'cli', status: 'sent' });
  });

  it('when a document is imported with --publish, then its announcement goes to the topic’s subscribers, and importing it again sends nothing more', async () => {
    const { b, run } = await runningBot();
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd: PROJECT_ROOT };
    expect(await importMain([SEED_PATH, '--publish'], { DATA_DIR: b.dataDir }, io)).toBe(0);
    expect(out[0]).toMatch(/^imported 000_71193bff46793098\.txt → doc-939d533d8bc0/);
    expect(out[1]).toBe('published pub-doc-939d533d8bc0: sending to 2 subscriber(s)');
    // The town's other spelling in the announcement is a warning on stderr, not a failure
    expect(err.every((line) => line.startsWith('warning: '))).toBe(true);
    await run();
    expect(multicasts(b)).toHaveLength(1);
    expect(JSON.stringify(multicasts(b)[0]!.body.messages)).toContain('[ประกาศ] ประกาศเทศบาล');
    expect(await importMain([SEED_PATH, '--publish'], { DATA_DIR: b.dataDir }, io)).toBe(0);
    await run();
    expect(multicasts(b)).toHaveLength(1);
  });
});
