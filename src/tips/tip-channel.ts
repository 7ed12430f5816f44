import path from 'node:path';
import type { ConversationStore } from '../bot/conversation.js';
import type { Feature } from '../bot/feature.js';
import { memoryLimits, type SharedLimits } from '../http/shared-limits.js';
import type { InboxStore } from '../line/inbox-store.js';
import type { LineGateway } from '../line/line-gateway.js';
import type { Logger } from '../logger.js';
import type { AuditTrail } from '../staff/audit-trail.js';
import { TIP_FLOW } from './chat/tip-draft.js';
import { createTipChat } from './chat/tip-flow.js';
import { tipStats, type TipRules } from './deadlines.js';
import { EvidenceFiles } from './evidence-files.js';
import type { EvidenceStore } from './evidence-store.js';
import { hashSlots } from './hash-slots.js';
import { sendProgressNotice } from './progress-notice.js';
import { receiptHasher } from './receipt-code.js';
import { createTipsStaffRouter } from './staff/tips-staff-router.js';
import { TipDesk } from './tip-desk.js';
import { TipFiling } from './tip-filing.js';
import { tipFigures } from './tip-figures.js';
import { TIP_LIMITS } from './tip-model.js';
import { TipRepo } from './tip-repo.js';
import type { TipStore } from './tip-store.js';
import { sweepTips } from './tip-sweep.js';
import { FormNonces, NONCE_KEEP_MS } from './web/form-nonces.js';
import { createTipWebRouter } from './web/tip-web-router.js';

export interface TipChannelDeps {
  dataDir: string;
  /** The tips subkey (DataKeys.tips). */
  key: Buffer;
  rules: TipRules;
  line: LineGateway;
  conversations: ConversationStore;
  inbox: InboxStore;
  audit: AuditTrail;
  /** Where the tips are kept (a tenant's PostgreSQL rows); absent: DATA_DIR/tips/tips.jsonl, opened and closed here. */
  store?: TipStore;
  /** Where evidence images are kept (a tenant's PostgreSQL rows); absent: DATA_DIR/tips/files/. */
  files?: EvidenceStore;
  /** Where abuse limits and the form's one-time values are counted (a tenant's rows, shared by its processes); absent: memory. */
  limits?: SharedLimits;
  clock: () => Date;
  logger: Logger;
  /** The bot's public address (links to the /tip form in chat), read when a reply is built; null: no links. */
  publicUrl?: () => string | null;
  /** The municipality's name the /tip pages show, read for each page. */
  town: () => string;
}

export interface TipChannel {
  /** The chat flow, its intents and buttons, the /tip form, /staff/api/tips and the sweep timer. */
  feature: Feature;
  /** The staff's side (list, read, status, notes, evidence), for the console's tip pages. */
  desk: TipDesk;
  /** The content-free progress notice to an opted-in reporter, after a status change. */
  notify: (userId: string) => Promise<'sent' | 'failed'>;
  stats(from: Date, to: Date): ReturnType<typeof tipStats>;
  sweep(): Promise<void>;
}

const MINUTE = 60_000;
const SWEEP_EVERY_MS = 10 * MINUTE;
/** Receipt lookups one client may make: 10 per 15 minutes (960 a day). */
export const LOOKUPS = { limit: 10, windowMs: 15 * MINUTE } as const;

/**
 * The confidential tip channel, built from its parts: storage under DATA_DIR/tips/, the
 * chat flow, the /tip web form, the staff API and the housekeeping sweep (run when the
 * feature starts and every ten minutes). Abuse limits live in memory for one town, in the
 * tenant's rows for the shared service (`limits`).
 */
export async function openTipChannel(deps: TipChannelDeps): Promise<TipChannel> {
  const dir = path.join(deps.dataDir, 'tips');
  const store = deps.store ?? (await TipRepo.open(path.join(dir, 'tips.jsonl'), deps.key));
  const figures = tipFigures(store);
  const repo = figures.watch(store);
  const files = deps.files ?? new EvidenceFiles(path.join(dir, 'files'), deps.key);
  const limits = deps.limits ?? memoryLimits(deps.clock);
  const filing = new TipFiling(repo, hashSlots(receiptHasher(deps.key)));
  const desk = new TipDesk(repo, files, deps.rules);
  // Receipt lookups per client only (a LINE user, a web address): see README, "Receipt lookups"
  const lookups = limits.limiter('tip-lookups', LOOKUPS.limit, LOOKUPS.windowMs);
  const forget = async (userId: string, now: Date) => {
    await deps.conversations.forget(userId);
    // Handled webhook events (sealed, with the user id) keep only their ids from here on.
    await deps.inbox.compact(now);
  };
  const chat = createTipChat({
    line: deps.line,
    files,
    logger: deps.logger,
    key: deps.key,
    filing,
    rules: deps.rules,
    quota: limits.limiter('tip-quota', TIP_LIMITS.tipsPerUserPerDay, 'bangkok-day'),
    lookups,
    forget,
    publicUrl: deps.publicUrl ?? (() => null),
  });
  const webRouter = createTipWebRouter({
    town: deps.town,
    filing,
    files,
    rules: deps.rules,
    clock: deps.clock,
    logger: deps.logger,
    limits: {
      attempts: limits.limiter('tip-form-posts', 30, 60 * MINUTE),
      filings: limits.limiter('tip-form-filings', TIP_LIMITS.tipsPerUserPerDay, 24 * 60 * MINUTE),
      lookups,
    },
    nonces: new FormNonces(limits.oneTime('tip-form', NONCE_KEEP_MS)),
  });
  const notify = (userId: string) => sendProgressNotice(deps.line, userId, deps.logger);
  const staffRouter = createTipsStaffRouter({ desk, audit: deps.audit, clock: deps.clock, notify });

  const sweep = async () => {
    const done = await sweepTips(
      { repo, files, conversations: deps.conversations, key: deps.key, rules: deps.rules },
      deps.clock(),
    );
    if (done.purged + done.drafts + done.files > 0) deps.logger.info('tip sweep', done);
    await figures.refresh();
  };
  let timer: NodeJS.Timeout | undefined;
  const feature: Feature = {
    name: 'tips',
    flows: { [TIP_FLOW]: chat.flow },
    intents: chat.intents,
    postbacks: chat.postbacks,
    routes: [
      { mount: 'public', path: '/tip', router: webRouter },
      { mount: 'staff-api', path: '/tips', router: staffRouter },
    ],
    async start() {
      await sweep();
      timer = setInterval(
        () => void sweep().catch((err: Error) => deps.logger.error('tip sweep failed', { error: err.name })),
        SWEEP_EVERY_MS,
      );
      timer.unref();
    },
    async close() {
      clearInterval(timer);
      if (!deps.store) await store.close();
    },
  };
  return {
    feature,
    desk,
    notify,
    stats: (from, to) => tipStats(figures.tips(), deps.rules, deps.clock(), from, to),
    sweep,
  };
}
