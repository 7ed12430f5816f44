import type { AppendLog } from '../storage/append-log.js';
import { CHUNK, chunkLine, deletionLine, recordLine, type QuestionFileLine } from './question-log-file.js';
import type { QuestionRecord } from './question-record.js';

/** What a snapshot of the question log reads. */
export interface SnapshotSource {
  file: AppendLog;
  key: Buffer;
  /** Every record kept now (questions and dismissals), oldest first: its ref and where it is held. */
  refs(): Array<[string, number]>;
  /** A record as it is now (with its event while that is remembered), or undefined once gone; `at` is a hint. */
  current(ref: string, at?: number): QuestionRecord | undefined;
  /** The refs written since the snapshot began; from this call on, appends go to the new file. */
  takeChanged(): string[];
}

/**
 * Rewrites the question log's file as sealed chunks of what is kept, a chunk per turn of the
 * event loop so the bot keeps answering while 100,000 records are sealed. Records written
 * meanwhile follow the chunks as they are then (a deletion when they are gone), and appends
 * made after that go on into the new file (AppendLog.rewriteInBackground). A record dropped
 * while sealing may sit in a chunk; the deletion line after it removes it.
 */
export async function writeQuestionSnapshot(source: SnapshotSource): Promise<void> {
  const refs = source.refs();
  const lines: QuestionFileLine[] = [];
  for (let i = 0; i < refs.length; i += CHUNK) {
    const entries: Array<[string, QuestionRecord]> = [];
    for (const [ref, at] of refs.slice(i, i + CHUNK)) {
      const record = source.current(ref, at);
      if (record) entries.push([ref, record]);
    }
    if (entries.length > 0) lines.push(chunkLine(source.key, entries));
    await new Promise((resolve) => setImmediate(resolve));
  }
  // Same turn as the rewrite call: later appends land in the new file, earlier ones are covered.
  for (const ref of source.takeChanged()) {
    const record = source.current(ref);
    lines.push(record ? recordLine(source.key, ref, record) : deletionLine(ref));
  }
  await source.file.rewriteInBackground(lines);
}
