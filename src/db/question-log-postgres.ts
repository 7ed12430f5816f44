import { createHmac } from 'node:crypto';
import type { QuestionLogOptions } from '../content/question-log.js';
import { MAX_QUESTION_RECORDS, QUESTION_RETENTION_DAYS, questionLogKey } from '../content/question-log.js';
import { QuestionRecordSchema, sanitize, type QuestionRecord } from '../content/question-record.js';
import type { QuestionStore } from '../content/question-store.js';
import { openSealedText, seal } from '../crypto/sealed.js';
import type { Logger } from '../logger.js';
import { BackgroundTask, fallbackLogger } from '../storage/background-task.js';
import { inTenant, type TenantScope } from './tenant-scope.js';

interface Row {
  id: string;
  /** Milliseconds since 1970: node-postgres's parsing of a timestamptz costs more than the rest of the row. */
  at_ms: number;
  intent: string;
  text_sealed: string | null;
  match: string | null;
  kind: string | null;
  score: number | null;
  vote: 'up' | 'down' | null;
}

const COLUMNS = 'id, asked_at, intent, text_sealed, match, kind, score, vote';
const READ =
  'id, (extract(epoch FROM asked_at) * 1000)::float8 AS at_ms, intent, text_sealed, match, kind, score, vote';

/** INSERT of one question (ten parameters, see questionValues); a row already there is left as it is. */
export const INSERT_QUESTION = `INSERT INTO question_log (tenant_id, ${COLUMNS}, event_hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`;

/** A keyed hash under the question-log key: a replayed event and a dismissed group are found by it. */
export const questionHash = (key: Buffer, kind: 'event' | 'group', value: string): string =>
  createHmac('sha256', key).update(`${kind}:${value}`).digest('base64url');

/** The parameters of INSERT_QUESTION for a sanitized record: its words sealed, its event hashed. */
export function questionValues(key: Buffer, tenantId: string, r: QuestionRecord): unknown[] {
  return [
    tenantId,
    r.id,
    r.at,
    r.intent,
    r.text === undefined ? null : seal(key, r.text),
    r.match,
    r.kind,
    r.score,
    r.vote ?? null,
    r.event === undefined ? null : questionHash(key, 'event', r.event),
  ];
}
const DAY_MS = 86_400_000;
/** Old questions are looked for this often (and when a question comes after as long). */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * One tenant's question log in PostgreSQL (question_log, question_dismissals), shared by every
 * bot process. The question's words and a dismissed group's words are sealed under the
 * question-log key, as in the town's file; a webhook event and a group are found by a keyed
 * hash. Reads go to the database, so a vote taken by one process counts on the console served
 * by another. Rows past the retention, and the oldest past the most kept, are deleted by a
 * sweep every hour.
 */
export class PostgresQuestionLog implements QuestionStore {
  private readonly key: Buffer;
  private readonly retentionMs: number;
  private readonly maxRecords: number;
  private readonly logger: Logger;
  private readonly sweeping: BackgroundTask;
  private readonly sweeper: NodeJS.Timeout;
  private lastSweep: number;

  constructor(
    private readonly scope: TenantScope,
    private readonly clock: () => Date,
    opts: QuestionLogOptions = {},
  ) {
    this.key = questionLogKey(scope.keys.people);
    this.retentionMs = (opts.retentionDays ?? QUESTION_RETENTION_DAYS) * DAY_MS;
    this.maxRecords = opts.maxRecords ?? MAX_QUESTION_RECORDS;
    this.logger = opts.logger ?? fallbackLogger;
    this.lastSweep = clock().getTime();
    this.sweeping = new BackgroundTask(
      'sweep of the question log',
      () => this.sweep(this.clock()).then(() => {}),
      this.logger,
    );
    this.sweeper = setInterval(() => this.sweeping.request(), SWEEP_EVERY_MS).unref();
  }

  /** Records a question; a replayed event is ignored. A database that refuses it costs the resident nothing. */
  async record(entry: QuestionRecord): Promise<void> {
    const r = QuestionRecordSchema.parse(sanitize(entry));
    const now = this.clock().getTime();
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      this.sweeping.request();
    }
    await inTenant(this.scope, (c) => c.query(INSERT_QUESTION, questionValues(this.key, this.scope.tenantId, r))).catch(
      (err: Error & { code?: string }) => {
        // Statistics: the answer goes out even when the question could not be written
        this.logger.warn('question not written', { where: 'question_log insert', error: err.code ?? err.name });
      },
    );
  }

  async get(id: string): Promise<QuestionRecord | undefined> {
    const rows = await this.select('AND id = $2', [id]);
    return rows[0];
  }

  async vote(id: string, helpful: boolean): Promise<boolean> {
    const { rowCount } = await inTenant(this.scope, (c) =>
      c.query('UPDATE question_log SET vote = $3 WHERE tenant_id = $1 AND id = $2', [
        this.scope.tenantId,
        id,
        helpful ? 'up' : 'down',
      ]),
    );
    return (rowCount ?? 0) > 0;
  }

  between(from: Date, to: Date): Promise<QuestionRecord[]> {
    return this.select('AND asked_at >= $2 AND asked_at < $3', [from, to]);
  }

  all(): Promise<QuestionRecord[]> {
    return this.select('', []);
  }

  async dismiss(group: string, at: Date): Promise<void> {
    await inTenant(this.scope, (c) =>
      c.query(
        `INSERT INTO question_dismissals (tenant_id, group_hash, group_sealed, dismissed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, group_hash) DO UPDATE SET group_sealed = EXCLUDED.group_sealed, dismissed_at = EXCLUDED.dismissed_at`,
        [this.scope.tenantId, questionHash(this.key, 'group', group), seal(this.key, group), at],
      ),
    );
  }

  async dismissed(): Promise<ReadonlyMap<string, string>> {
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<{ group_sealed: string; dismissed_at: Date }>(
        'SELECT group_sealed, dismissed_at FROM question_dismissals WHERE tenant_id = $1',
        [this.scope.tenantId],
      ),
    );
    return new Map(rows.map((r) => [openSealedText(this.key, r.group_sealed), r.dismissed_at.toISOString()]));
  }

  /** Deletes questions and dismissals past the retention, then the oldest questions past the most kept. */
  sweep(now: Date): Promise<number> {
    const t = this.scope.tenantId;
    const cutoff = new Date(now.getTime() - this.retentionMs);
    return inTenant(this.scope, async (c) => {
      const old = await c.query('DELETE FROM question_log WHERE tenant_id = $1 AND asked_at < $2', [t, cutoff]);
      const gone = await c.query('DELETE FROM question_dismissals WHERE tenant_id = $1 AND dismissed_at < $2', [
        t,
        cutoff,
      ]);
      const over = await c.query(
        `DELETE FROM question_log WHERE tenant_id = $1 AND id IN (SELECT id FROM question_log WHERE tenant_id = $1
           ORDER BY asked_at DESC, seq DESC OFFSET $2)`,
        [t, this.maxRecords],
      );
      return (old.rowCount ?? 0) + (gone.rowCount ?? 0) + (over.rowCount ?? 0);
    });
  }

  private async select(where: string, params: unknown[]): Promise<QuestionRecord[]> {
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<Row>(`SELECT ${READ} FROM question_log WHERE tenant_id = $1 ${where} ORDER BY asked_at, seq`, [
        this.scope.tenantId,
        ...params,
      ]),
    );
    return rows.map((r) => this.recordOf(r));
  }

  private recordOf(r: Row): QuestionRecord {
    return {
      id: r.id,
      at: new Date(Math.round(r.at_ms)).toISOString(),
      intent: r.intent,
      ...(r.text_sealed === null ? {} : { text: openSealedText(this.key, r.text_sealed) }),
      match: r.match,
      kind: r.kind,
      score: r.score,
      ...(r.vote === null ? {} : { vote: r.vote }),
    };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.sweeping.close();
  }
}
