import path from 'node:path';
import type { BatchSender, SenderHooks } from './batch-sender.js';
import { ClaimLoop } from './claim-loop.js';
import { ClaimedSender } from './claimed-sender.js';
import type { DeliveryBatchStore } from './delivery-batch-store.js';
import { FAN_OUT_DEFAULTS, type SendingDeps } from './fan-out-options.js';
import { FanOut } from './fan-out.js';
import { Outbox } from './outbox.js';
import { fileSnapshot, PublicationMirror, type PublicationSnapshot } from './publication-mirror.js';
import { PublicationRepo } from './publication-repo.js';
import type { PublicationStore } from './publication-store.js';

/**
 * Requests a tenant's deliveries have on their way at once in one process: at 100–200 ms a
 * request, 40–80 a second; the channel's limits shared by every process (src/line/line-pacing.ts,
 * in the gateway) keep the sum under LINE's 200 multicasts a second.
 */
const CLAIM_WORKERS = 8;

/** Where Publishing keeps its publications and batches, and how it sends them. */
export interface PublishingStores {
  store: PublicationStore;
  batches: DeliveryBatchStore;
  /** What the chat and the console read at once. */
  snapshot: PublicationSnapshot;
  sender(hooks: SenderHooks): BatchSender;
  /** The longest the schedule waits before looking again (another process may have added to it). */
  dueWaitMs: number;
  /** How often the snapshot is read again; null when it never goes stale (one process owns the files). */
  refreshMs: number | null;
  close(): Promise<void>;
}

/** The town's files under `stateDir`, sent by FanOut from this process's memory. */
export async function openFileStores(stateDir: string, deps: SendingDeps): Promise<PublishingStores> {
  // Background failures of these stores (compaction) are reported in the bot's own log.
  const opts = { logger: deps.logger };
  const [repo, outbox] = await Promise.all([
    PublicationRepo.open(path.join(stateDir, 'publications.jsonl'), opts),
    Outbox.open(stateDir, opts),
  ]);
  return {
    store: repo,
    batches: outbox,
    snapshot: fileSnapshot(repo, outbox),
    sender: (hooks) => new FanOut({ ...hooks, ...deps, outbox, ...(deps.options ? { options: deps.options } : {}) }),
    dueWaitMs: 60_000,
    refreshMs: null,
    close: async () => {
      await Promise.all([repo.close(), outbox.close()]);
    },
  };
}

/**
 * A tenant's rows in PostgreSQL, shared by every process serving it: batches are claimed
 * (ClaimLoop), due publications too (PublicationStore.claimDue), and each process looks for
 * others' work every `pollMs`. A LINE call without an answer is abandoned after the gateway's
 * own timeout (which starts once the channel's limits let it go); its batch is let go and tried
 * again with the same key after its backoff, by whichever process claims it first.
 */
export function sharedStores(
  stores: { publications: PublicationStore; batches: DeliveryBatchStore },
  deps: SendingDeps,
): PublishingStores {
  const opts = { ...FAN_OUT_DEFAULTS, ...deps.options };
  const { publications: store, batches } = stores;
  return {
    store,
    batches,
    snapshot: new PublicationMirror(store, batches),
    sender: (hooks) => {
      const { line, clock, logger, random } = deps;
      // A batch let go after a failed attempt wakes this process's loop when its backoff ends
      const wake = { loop: null as ClaimLoop | null };
      const sender = new ClaimedSender({
        ...hooks,
        batches,
        line,
        clock,
        logger,
        random,
        retry: opts,
        onRetryLater: (ms) => wake.loop?.wakeIn(ms),
      });
      wake.loop = new ClaimLoop(sender, deps.timers, logger, opts.pollMs, CLAIM_WORKERS, clock);
      return wake.loop;
    },
    dueWaitMs: opts.pollMs,
    refreshMs: opts.pollMs,
    close: async () => {
      await Promise.all([store.close(), batches.close()]);
    },
  };
}
