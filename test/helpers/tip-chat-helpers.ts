import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { encodePostback } from '../../src/bot/postback.js';
import type { TestBot } from './bot.js';
import { postbackEvent, textEvent } from './events.js';

/** A LINE message as the tests read it. */
export type Msg = {
  type: string;
  text?: string;
  altText?: string;
  contents?: unknown;
  quickReply?: {
    items: Array<{ action: { type: string; label: string; text?: string; data?: string; mode?: string } }>;
  };
};

export function lastReply(bot: TestBot): Msg[] {
  const replies = bot.line.replies();
  expect(replies.length).toBeGreaterThan(0);
  return replies.at(-1)!.body.messages as Msg[];
}

/** Everything the last reply shows, as one string. */
export const shown = (bot: TestBot) => JSON.stringify(lastReply(bot));

export const quickLabels = (messages: Msg[]) => (messages.at(-1)!.quickReply?.items ?? []).map((i) => i.action.label);

/** Sends a text and returns the reply. */
export async function say(bot: TestBot, user: string, text: string): Promise<Msg[]> {
  await bot.send(textEvent(user, text));
  return lastReply(bot);
}

/** The 16 digits of the receipt in a reply ("1234 5678 9012 3456" as its own text message). */
export function receiptIn(messages: Msg[]): string {
  const text = messages.map((m) => m.text ?? '').find((t) => /^\d{4} \d{4} \d{4} \d{4}$/.test(t));
  expect(text, 'a text message holding only the receipt in four groups of four').toBeDefined();
  return text!.replace(/ /g, '');
}

export interface TipAnswers {
  what: string | string[];
  who?: string;
  when?: string | { datetime: string };
  where?: string;
  identity?: 'anonymous' | 'confidential';
}

/** Walks the whole chat flow and returns the receipt. */
export async function fileTipInChat(bot: TestBot, user: string, answers: TipAnswers): Promise<string> {
  await say(bot, user, 'แจ้งเบาะแส');
  for (const part of [answers.what].flat()) await say(bot, user, part);
  await say(bot, user, 'เล่าครบแล้ว');
  await say(bot, user, answers.who ?? 'ข้าม');
  if (typeof answers.when === 'object')
    await bot.send(postbackEvent(user, encodePostback({ a: 'tip-when' }), answers.when));
  else await say(bot, user, answers.when ?? 'ข้าม');
  await say(bot, user, answers.where ?? 'ข้าม');
  await say(bot, user, 'ข้าม');
  await say(bot, user, answers.identity === 'confidential' ? 'รับแจ้งความคืบหน้า' : 'ไม่ระบุตัวตน');
  return receiptIn(await say(bot, user, 'ยืนยัน'));
}

/** Every file under a folder, recursively, with its bytes. */
export async function allFiles(dir: string): Promise<Array<{ file: string; bytes: Buffer }>> {
  const out: Array<{ file: string; bytes: Buffer }> = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.push({ file, bytes: await fs.readFile(file) });
  }
  return out;
}

/** Files under `dir` that contain any of `needles` (as UTF-8), as "file: needle". */
export async function filesContaining(dir: string, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const { file, bytes } of await allFiles(dir)) {
    for (const needle of needles)
      if (bytes.includes(Buffer.from(needle, 'utf8'))) hits.push(`${path.relative(dir, file)}: ${needle}`);
  }
  return hits;
}

/** A tip as the file stores it: its id in clear, the rest as written (sealed parts still sealed). */
export type StoredTip = Record<string, unknown> & { id: string };

/** The tips file's records, as stored (sealed parts still sealed). */
export async function storedTips(dataDir: string): Promise<StoredTip[]> {
  const text = await fs.readFile(path.join(dataDir, 'tips', 'tips.jsonl'), 'utf8');
  const byKey = new Map<string, StoredTip | null>();
  for (const line of text.split('\n').filter(Boolean)) {
    const { k, v } = JSON.parse(line) as { k: string; v: StoredTip | null };
    byKey.set(k, v);
  }
  return [...byKey.values()].filter((v): v is StoredTip => v !== null);
}
