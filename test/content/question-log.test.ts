import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuestionLog } from '../../src/content/question-log.js';
import { AppendLog } from '../../src/storage/append-log.js';
import { tempDir } from '../helpers/temp-dir.js';

const question = (event: string) => ({ id: 'abcdefghijkl', event, at: '2026-12-06T03:00:00.000Z', intent: 'search', match: null, kind: null, score: null });

describe('QuestionLog replays', () => {
  it('when the same webhook event is recorded again, also after a restart, then it is counted once', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const first = await AppendLog.open(file);
    const log = new QuestionLog(first.log, []);
    await log.record(question('ev-1'));
    await log.record(question('ev-1'));
    expect(log.all()).toHaveLength(1);
    await first.log.close();

    const again = await AppendLog.open(file);
    const reopened = new QuestionLog(again.log, again.records as never);
    await reopened.record(question('ev-1'));
    await reopened.record(question('ev-2'));
    expect(reopened.all().map((q) => q.event)).toEqual(['ev-1', 'ev-2']);
    await again.log.close();
  });
});
