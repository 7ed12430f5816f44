import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tightenPrivateTree } from '../../src/storage/private-tree.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { followEvent, textEvent, userId } from '../helpers/events.js';
import { tempDir } from '../helpers/temp-dir.js';
import { jpegWithMetadata } from '../helpers/tip-fixtures.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/** Every file and folder under `root` (itself included) whose mode is not 0600 / 0700. */
function loosePaths(root: string): string[] {
  const loose: string[] = [];
  const visit = (entry: string) => {
    const stat = fs.lstatSync(entry);
    const mode = stat.mode & 0o777;
    if (stat.isDirectory()) {
      if (mode !== 0o700) loose.push(`${path.relative(root, entry) || '.'}/ ${mode.toString(8)}`);
      for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
    } else if (mode !== 0o600) loose.push(`${path.relative(root, entry)} ${mode.toString(8)}`);
  };
  visit(root);
  return loose;
}

function countFiles(root: string): number {
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

/** A DATA_DIR as an older version left it: world-readable folders and files. */
async function looseDataDir(): Promise<string> {
  const dir = await tempDir('modes-');
  fs.mkdirSync(path.join(dir, 'state'), { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'state', 'questions.jsonl'), '', { mode: 0o644 });
  fs.writeFileSync(path.join(dir, 'synonyms.json'), '{"groups":[]}\n', { mode: 0o644 });
  fs.chmodSync(dir, 0o755);
  return dir;
}

describe('files under DATA_DIR are private', () => {
  it('when the bot has run (a friend, a question, a web tip with an image, a publication), then every file is 0600 and every folder 0700', async () => {
    const dataDir = await looseDataDir();
    bot = await startBot({ dataDir });
    await bot.send(followEvent(userId(1)), textEvent(userId(1), 'ผล ITA ปีล่าสุด'));
    const tip = new FormData();
    tip.append('what', 'มีการเรียกรับเงินค่าขออนุญาต');
    tip.append('evidence', new Blob([jpegWithMetadata()], { type: 'image/jpeg' }), 'photo.jpg');
    expect((await fetch(`${bot.url}/tip`, { method: 'POST', body: tip })).status).toBe(200);
    const published = await bot.staff('POST', '/publications', { title: 'ประกาศทดสอบ', body: 'เนื้อหา', topic: 'news' });
    expect(published.status).toBe(201);
    await bot.settle();
    await bot.close();
    bot = undefined;
    expect(countFiles(dataDir)).toBeGreaterThan(8);
    expect(loosePaths(dataDir)).toEqual([]);
  });

  it('when a tree is tightened, then loose modes are fixed, symbolic links are left alone, and a second pass changes nothing', async () => {
    const dir = await looseDataDir();
    const outside = path.join(await tempDir('modes-outside-'), 'shared.txt');
    fs.writeFileSync(outside, 'x', { mode: 0o644 });
    fs.symlinkSync(outside, path.join(dir, 'link'));
    expect(await tightenPrivateTree(dir)).toEqual({ changed: 4, refused: 0 });
    expect(loosePaths(dir).filter((p) => !p.startsWith('link'))).toEqual([]);
    expect(fs.statSync(outside).mode & 0o777).toBe(0o644);
    expect(await tightenPrivateTree(dir)).toEqual({ changed: 0, refused: 0 });
    expect(await tightenPrivateTree(path.join(dir, 'absent'))).toEqual({ changed: 0, refused: 0 });
  });
});
