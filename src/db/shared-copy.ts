import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { QuestionLog, questionLogKey, type QuestionRecord } from '../content/question-log.js';
import type { DataKeys } from '../crypto/keys.js';
import { LineLinks } from '../staff/line-link.js';
import { EVIDENCE_ID } from '../tips/evidence-store.js';
import type { PostgresStores } from './postgres-stores.js';
import { INSERT_QUESTION, questionValues } from './question-log-postgres.js';
import { inTenant } from './tenant-scope.js';

/** What a copy compares: the records of the files and of the database (each in one order), and how many were written now. */
export interface Copied {
  files: unknown[];
  database: unknown[];
  copied: number;
}

/** A question as both stores give it back: the webhook event is kept only as a hash in the database. */
const comparable = ({ event: _event, ...rest }: QuestionRecord) => rest;
const BATCH = 1000;

/**
 * The town's question log (state/questions.jsonl) and its dismissed groups into the tenant's
 * rows: the words sealed again under the same question-log key, the event hashed as the bot
 * does. A question already there is left alone, so a second run copies none.
 */
export async function copyQuestions(dataDir: string, keys: DataKeys, to: PostgresStores): Promise<Copied> {
  const file = path.join(dataDir, 'state', 'questions.jsonl');
  if (!fs.existsSync(file)) return { files: [], database: await questionsOf(to), copied: 0 };
  const log = await QuestionLog.open(file, questionLogKey(keys.people), () => new Date());
  try {
    const records = log.all();
    const key = questionLogKey(to.scope.keys.people);
    let copied = 0;
    for (let i = 0; i < records.length; i += BATCH)
      copied += await inTenant(to.scope, async (c) => {
        let n = 0;
        for (const r of records.slice(i, i + BATCH))
          n += (await c.query(INSERT_QUESTION, questionValues(key, to.scope.tenantId, r))).rowCount ?? 0;
        return n;
      });
    const there = await to.questions.dismissed();
    for (const [group, at] of log.dismissed())
      if (there.get(group) !== at) {
        await to.questions.dismiss(group, new Date(at));
        copied += 1;
      }
    return {
      files: [...records.map(comparable), ...sortedDismissals(log.dismissed())],
      database: await questionsOf(to),
      copied,
    };
  } finally {
    await log.close();
  }
}

const sortedDismissals = (m: ReadonlyMap<string, string>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

async function questionsOf(to: PostgresStores): Promise<unknown[]> {
  return [...(await to.questions.all()).map(comparable), ...sortedDismissals(await to.questions.dismissed())];
}

/** The staff members' linked LINE accounts (state/staff-line-links.jsonl); codes in flight are not moved. */
export async function copyLineLinks(dataDir: string, keys: DataKeys, to: PostgresStores): Promise<Copied> {
  const file = path.join(dataDir, 'state', 'staff-line-links.jsonl');
  if (!fs.existsSync(file)) return { files: [], database: await to.lineLinks.list(), copied: 0 };
  const links = await LineLinks.open(file, keys.people, () => new Date());
  try {
    const files = links.list();
    const copied = await to.lineLinks.copyIn(files);
    return { files, database: await to.lineLinks.list(), copied };
  } finally {
    await links.close();
  }
}

/**
 * Evidence images (tips/files/*.bin), copied sealed as they are (the same layout and tips
 * key) and compared by id and the SHA-256 of the sealed bytes; a file's time becomes the row's.
 */
export async function copyAttachments(dataDir: string, to: PostgresStores): Promise<Copied> {
  const dir = path.join(dataDir, 'tips', 'files');
  const names = (await fs.promises.readdir(dir).catch(() => [] as string[]))
    .map((name) => name.replace(/\.bin$/, ''))
    .filter((id) => EVIDENCE_ID.test(id))
    .sort();
  const files: Array<[string, string]> = [];
  let copied = 0;
  for (const id of names) {
    const file = path.join(dir, `${id}.bin`);
    const [sealed, stat] = await Promise.all([fs.promises.readFile(file), fs.promises.stat(file)]);
    files.push([id, createHash('sha256').update(sealed).digest('hex')]);
    if (await to.evidence.copyIn(id, sealed, stat.mtime)) copied += 1;
  }
  return { files, database: await to.evidence.digests(), copied };
}
