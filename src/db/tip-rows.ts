import type { TipRecord } from '../tips/tip-model.js';

/** A tips row as read back, with its status history gathered in order. */
export interface TipRow {
  id: string;
  number: string | null;
  receipt_hash: string | null;
  channel: string;
  identity: string;
  status: string;
  received_at: Date;
  updated_at: Date;
  acknowledged_at: Date | null;
  feedback_at: Date | null;
  closed_at: Date | null;
  purged_at: Date | null;
  content_sealed: string | null;
  reporter_sealed: string | null;
  outcome_sealed: string | null;
  attachments: unknown[];
  attachment_count: number;
  public_notes: unknown[];
  internal_notes: unknown[];
  history: Array<{ at: string; from: string; to: string; by: string }>;
}

export const SELECT_TIPS = `SELECT t.*, COALESCE((
    SELECT jsonb_agg(jsonb_build_object('at', h.at, 'from', h.from_status, 'to', h.to_status, 'by', h.by) ORDER BY h.seq)
    FROM tip_status_history h WHERE h.tenant_id = t.tenant_id AND h.tip_id = t.id), '[]') AS history
  FROM tips t`;

const COLUMNS = [
  'tenant_id',
  'id',
  'number',
  'receipt_hash',
  'channel',
  'identity',
  'status',
  'received_at',
  'updated_at',
  'acknowledged_at',
  'feedback_at',
  'closed_at',
  'purged_at',
  'content_sealed',
  'reporter_sealed',
  'outcome_sealed',
  'attachments',
  'attachment_count',
  'public_notes',
  'internal_notes',
];

export const UPSERT_TIP = `INSERT INTO tips (${COLUMNS.join(', ')})
  VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (tenant_id, id) DO UPDATE SET ${COLUMNS.slice(2)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

/** The parameters of UPSERT_TIP, in COLUMNS order. */
export function tipParams(tenantId: string, t: TipRecord): unknown[] {
  return [
    tenantId,
    t.id,
    t.number ?? null,
    t.receiptHash,
    t.channel,
    t.identity,
    t.status,
    t.receivedAt,
    t.updatedAt,
    t.acknowledgedAt,
    t.feedbackAt,
    t.closedAt,
    t.purgedAt,
    t.content,
    t.reporter ?? null,
    t.outcome,
    JSON.stringify(t.attachments),
    t.attachmentCount,
    JSON.stringify(t.publicNotes),
    JSON.stringify(t.internalNotes),
  ];
}
