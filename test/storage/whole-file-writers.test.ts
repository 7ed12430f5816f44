import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeContentDocument, readContentDocuments } from '../../src/content/content-files.js';
import { SearchIndex } from '../../src/content/search-index.js';
import { contentItems } from '../../src/content/search-items.js';
import { PhraseAliases } from '../../src/console/tuning/phrase-aliases.js';
import { addSynonymGroup } from '../../src/console/tuning/synonym-additions.js';
import { loadOrCreateDemoKey } from '../../src/crypto/key-file.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { SHIPPED_DATA_DIR } from '../../src/paths.js';
import { BOT_MARK, PublishSpool, spoolDir } from '../../src/publications/publish-spool.js';
import { requestPublication } from '../../src/publications/spool-client.js';
import { saveMenuImage } from '../../src/richmenu/menu-image-file.js';
import { AccountStore, type Account } from '../../src/staff/account-store.js';
import { AuditLog, headFile } from '../../src/staff/audit-log.js';
import { AppendLog } from '../../src/storage/append-log.js';
import { tempDir } from '../helpers/temp-dir.js';
import { durableWrites, modeOf, probeFlushes } from './flush-probe.js';

afterEach(() => vi.restoreAllMocks());

const AT = '2026-01-15T03:00:00.000Z';
const account: Account = {
  name: 'somchai',
  role: 'editor',
  hash: 'h',
  mustChange: false,
  generation: 0,
  disabled: false,
  createdAt: AT,
  changedAt: AT,
  failures: 0,
};
const docs = await readContentDocuments(SHIPPED_DATA_DIR);

/** Runs `write` under the probe; returns what it recorded. */
async function flushesOf(write: () => unknown): Promise<string[]> {
  const steps = await probeFlushes();
  await write();
  vi.restoreAllMocks();
  return steps;
}

describe('every whole-file writer is durable (flush, rename, flush the folder) and writes 0600', () => {
  it('when a staff account is saved, then the accounts file is replaced durably', async () => {
    const file = path.join(await tempDir('writers-'), 'state', 'staff-accounts.json');
    expect(await flushesOf(() => new AccountStore(file).update('somchai', () => account))).toEqual(durableWrites(1));
    expect(modeOf(file)).toBe(0o600);
    expect(new AccountStore(file).get('somchai')).toEqual(account);
  });

  it('when an audit entry is added, then the head is replaced durably and names that entry', async () => {
    const file = path.join(await tempDir('writers-'), 'audit.jsonl');
    const audit = await AuditLog.open(file, Buffer.alloc(32, 1));
    expect(await flushesOf(() => audit.append(new Date(AT), 'somchai', 'login'))).toEqual(durableWrites(1));
    await audit.close();
    expect(JSON.parse(fs.readFileSync(headFile(file), 'utf8'))).toMatchObject({ seq: 1 });
    expect([modeOf(file), modeOf(headFile(file))]).toEqual([0o600, 0o600]);
  });

  it('when a content document, a synonym group, a phrase alias and the menu image are written, then each is durable', async () => {
    const dir = await tempDir('writers-');
    const items = docs.flatMap(contentItems);
    const index = new SearchIndex(items);
    const item = items[0]!.id;
    const steps = await flushesOf(async () => {
      await writeContentDocument(dir, docs[0]!);
      await addSynonymGroup(dir, ['ก่อสร้าง', 'สร้าง']);
      new PhraseAliases(dir, index).add({ phrase: 'ขอดูผลคะแนน', item, at: AT, by: 'somchai' });
      await saveMenuImage(dir, { data: Buffer.from([137, 80, 78, 71]), contentType: 'image/png' });
    });
    expect(steps).toEqual(durableWrites(5));
    const written = [
      `content/${docs[0]!.id}.json`,
      'synonyms.json',
      'phrase-aliases.json',
      'richmenu/rich-menu.png',
      'richmenu/rich-menu.json',
    ];
    expect(written.map((f) => modeOf(path.join(dir, f)))).toEqual(written.map(() => 0o600));
    expect(fs.readdirSync(path.join(dir, 'content'))).toEqual([`${docs[0]!.id}.json`]);
  });

  it('when a command leaves a publication request and the bot answers it, then request, mark and receipt are durable', async () => {
    const stateDir = path.join(await tempDir('writers-'), 'state');
    const request = {
      v: 1 as const,
      id: 'pub-test-1',
      input: { title: 'x' },
      author: { actor: 'cli:test', source: 'cli' as const },
      requestedAt: AT,
    };
    expect(await flushesOf(() => requestPublication(stateDir, request, { waitMs: 0 }))).toEqual(durableWrites(1));
    const refuse = () => Promise.reject(new Error('refused for the test'));
    const spool = new PublishSpool(
      stateDir,
      {
        create: refuse,
        describe: () => {
          throw new Error('unused');
        },
      },
      createMemoryLogger(),
    );
    expect(await flushesOf(() => spool.start())).toEqual(durableWrites(2));
    const receipt = path.join(spoolDir(stateDir), 'done', 'pub-test-1.json');
    expect(JSON.parse(fs.readFileSync(receipt, 'utf8'))).toMatchObject({ id: 'pub-test-1', error: expect.any(String) });
    expect([modeOf(receipt), modeOf(path.join(spoolDir(stateDir), BOT_MARK))]).toEqual([0o600, 0o600]);
    await spool.close();
  });

  it('when the append log is compacted, then the new file is durable and appends go on into it', async () => {
    const file = path.join(await tempDir('writers-'), 'log.jsonl');
    const { log } = await AppendLog.open(file);
    await log.append({ n: 1 });
    expect(await flushesOf(() => log.rewrite([{ n: 2 }]))).toEqual(durableWrites(1));
    await log.append({ n: 3 });
    await log.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('{"n":2}\n{"n":3}\n');
    expect(modeOf(file)).toBe(0o600);
  });
});

describe('damaged documents stop with their name and are never replaced', () => {
  it('when the accounts file is damaged, then opening it names the file', async () => {
    const file = path.join(await tempDir('writers-'), 'staff-accounts.json');
    fs.writeFileSync(file, '{"v":1,"accounts":[');
    expect(() => new AccountStore(file)).toThrow(/staff-accounts\.json: not valid JSON/);
  });

  it('when the phrase-alias file has the wrong shape, then opening it names the file', async () => {
    const dir = await tempDir('writers-');
    fs.writeFileSync(path.join(dir, 'phrase-aliases.json'), '{"v":2}');
    expect(() => new PhraseAliases(dir, new SearchIndex())).toThrow(/phrase-aliases\.json: not in the expected shape/);
  });

  it('when the staff synonyms file is damaged, then adding a group is refused and the file is left as it was', async () => {
    const dir = await tempDir('writers-');
    fs.writeFileSync(path.join(dir, 'synonyms.json'), '{"groups": [["a"');
    await expect(addSynonymGroup(dir, ['ก่อสร้าง', 'สร้าง'])).rejects.toThrow(/synonyms\.json: not valid JSON/);
    expect(fs.readFileSync(path.join(dir, 'synonyms.json'), 'utf8')).toBe('{"groups": [["a"');
  });
});

describe('the demo key', () => {
  it('when five starts create it at once, then all get the same key, written create-only and durably, 0600 in a 0700 folder', async () => {
    const dir = await tempDir('writers-');
    const steps = await probeFlushes();
    const keys = await Promise.all(Array.from({ length: 5 }, () => loadOrCreateDemoKey(dir)));
    vi.restoreAllMocks();
    expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(1);
    expect(steps.slice(0, 3)).toEqual(durableWrites(1, 'link'));
    expect(fs.readdirSync(path.join(dir, 'keys'))).toEqual(['demo-data.key']);
    expect([modeOf(path.join(dir, 'keys', 'demo-data.key')), modeOf(path.join(dir, 'keys'))]).toEqual([0o600, 0o700]);
    expect((await loadOrCreateDemoKey(dir)).equals(keys[0]!)).toBe(true);
  });

  it('when the key file holds no key, then the start stops naming it', async () => {
    const dir = await tempDir('writers-');
    fs.mkdirSync(path.join(dir, 'keys'));
    fs.writeFileSync(path.join(dir, 'keys', 'demo-data.key'), '');
    await expect(loadOrCreateDemoKey(dir)).rejects.toThrow(/demo-data\.key: not a 32-byte base64 key/);
  });
});
