import path from 'node:path';
import type { Router } from 'express';
import { createApp, type BotApp } from './app.js';
import type { Config } from './config.js';
import { Dispatcher, type DispatcherDeps } from './bot/dispatcher.js';
import type { QuestionStore } from './content/question-log.js';
import type { TenantScope } from './db/tenant-scope.js';
import type { InboxEntry } from './line/inbox.js';
import { understand } from './bot/understand.js';
import { readContentDocuments } from './content/content-files.js';
import { ContentLibrary } from './content/library.js';
import type { ContentDocument } from './content/model.js';
import { SearchIndex } from './content/search-index.js';
import { contentItems } from './content/search-items.js';
import { loadSynonyms } from './content/synonyms.js';
import { FeatureRegistry } from './bot/feature-registry.js';
import { browse, officialAnnouncementCard } from './handlers/browse.js';
import { answersFeature } from './handlers/answers-feature.js';
import { createRouteHandler } from './handlers/handle-route.js';
import { subscriptionFeature } from './subscriptions/subscription-feature.js';
import { feedbackFeature } from './feedback/feedback-feature.js';
import { SAY, say } from './handlers/replies.js';
import { createLineGateway, type LineGateway } from './line/line-gateway.js';
import { pacedGateway, type LineLimits } from './line/line-pacing.js';
import { WebhookIntake } from './line/webhook-intake.js';
import { createLogger, type Logger } from './logger.js';
import type { FanOutOptions } from './publications/fan-out.js';
import { publicationFeature } from './publications/publication-feature.js';
import { Publishing } from './publications/publishing.js';
import { realTimers, type Timers } from './timers.js';
import { SHIPPED_DATA_DIR } from './paths.js';
import type { Awaitable } from './storage/awaitable.js';
import { makeDataDirPrivate } from './storage/private-tree.js';
import type { AuditLog } from './staff/audit-log.js';
import type { AuditTrail } from './staff/audit-trail.js';
import { openStores } from './stores/open-stores.js';
import type { FriendStore } from './subscriptions/store/friend-store.js';
import { createStaffApiRouter } from './staff/staff-api.js';
import { statsFeature } from './staff/stats-route.js';
import { openConsole } from './console/console-wiring.js';
import { lineLinkFeature } from './staff/line-link-chat.js';
import { openTipChannel, type TipChannel } from './tips/tip-channel.js';

export interface LineChannel {
  channelSecret: string;
  channelAccessToken: string;
  apiBaseUrl: string;
  dataApiBaseUrl: string;
}

export interface RuntimeOptions {
  config: Config;
  /** The channel to use: the configured one in live mode, the stand-in's in demo mode. */
  channel: LineChannel;
  clock?: () => Date;
  /** Timers for scheduled publishing and delivery retries (tests pass a manual clock's). */
  timers?: Timers;
  /** Delivery tuning (rate, timeout, retries); the defaults follow LINE's limits. */
  publishing?: Partial<FanOutOptions>;
  /** Reply retry and push tuning, and the wait for any LINE call (tests shorten them). */
  replies?: DispatcherDeps['replies'] & { lineTimeoutMs?: number };
  logger?: Logger;
  routers?: Array<{ path: string; router: Router }>;
  /** A tenant of the shared service (its key, its PostgreSQL rows); absent: the single town. */
  tenant?: TenantScope;
  /** LINE's rate limits shared with the channel's other senders (the shared service's processes); absent: none. */
  lineLimits?: LineLimits;
  /**
   * The municipality's name for its pages and chat texts, read each time (a tenant's, from the
   * tenants table); absent: the single town's, as its imported ITA report writes it.
   */
  townName?: () => string;
}

export interface Runtime {
  app: BotApp;
  dispatcher: Dispatcher;
  library: ContentLibrary;
  index: SearchIndex;
  friends: FriendStore;
  questions: QuestionStore;
  audit: AuditLog;
  line: LineGateway;
  publishing: Publishing;
  tips: TipChannel;
  /** The features the bot is made of (their intents, buttons, flows and routes). */
  features: FeatureRegistry;
  /** Handles the events acknowledged before the last stop (after a crash). */
  replayPending(): Awaitable<number>;
  close(): Promise<void>;
}

/** Everything the bot is made of, built from the configuration; nothing listens yet. */
export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { config, channel } = opts;
  const clock = opts.clock ?? (() => new Date());
  const logger = opts.logger ?? createLogger({ level: config.logLevel });

  const docs = await loadContent(config.dataDir);
  const library = new ContentLibrary(docs);
  const synonyms = await loadSynonyms(SHIPPED_DATA_DIR, config.dataDir);
  const index = new SearchIndex(docs.flatMap(contentItems), synonyms);

  const stores = await openStores({
    config,
    clock,
    logger,
    ...(opts.tenant ? { tenant: opts.tenant } : {}),
    ...(opts.publishing?.claimLeaseMs ? { claimLeaseMs: opts.publishing.claimLeaseMs } : {}),
  });
  const { keys, inbox, friends, conversations, questions, audit, auditFile, lineLinks, tenantStores } = stores;
  // A tenant's trail is its rows in PostgreSQL; the single town's the file chain
  const trail: AuditTrail = tenantStores?.audit ?? audit;
  const gateway = createLineGateway({
    channelAccessToken: channel.channelAccessToken,
    apiBaseUrl: channel.apiBaseUrl,
    dataApiBaseUrl: channel.dataApiBaseUrl,
    ...(opts.replies?.lineTimeoutMs ? { timeoutMs: opts.replies.lineTimeoutMs } : {}),
  });
  const line = opts.lineLimits ? pacedGateway(gateway, opts.lineLimits) : gateway;
  const agencyName = opts.townName ?? (() => library.agencyName());
  const tips = await openTipChannel({
    dataDir: config.dataDir,
    key: keys.tips,
    rules: config.tips,
    line,
    conversations,
    inbox,
    audit: trail,
    ...(tenantStores ? { store: tenantStores.tips, files: tenantStores.evidence } : {}),
    limits: stores.limits,
    clock,
    logger,
    publicUrl: () => config.publicBaseUrl,
    town: agencyName,
  });
  const publishing = await Publishing.open({
    stateDir: path.join(config.dataDir, 'state'),
    friends,
    line,
    index,
    clock,
    timers: opts.timers ?? realTimers,
    logger,
    agencyName,
    ...(opts.publishing ? { options: opts.publishing } : {}),
    ...(tenantStores
      ? { stores: { publications: tenantStores.publications, batches: tenantStores.deliveryBatches } }
      : {}),
  });
  const staffConsole = await openConsole({
    config,
    clock,
    logger,
    audit: trail,
    ...(tenantStores
      ? { accounts: tenantStores.accounts, sessions: tenantStores.sessions, people: tenantStores.people }
      : {}),
    limits: stores.limits,
    auditFile,
    auditKey: keys.audit,
    friends,
    questions,
    index,
    library,
    town: agencyName,
    tips,
    publishing,
    lineLinks,
  });
  // The bot's features; each owns its intents, buttons, flows and routes (a second claim throws here)
  const features = new FeatureRegistry([
    lineLinkFeature(lineLinks, trail),
    answersFeature({ library, questions, docs, synonyms, index, published: publishing }),
    tips.feature,
    subscriptionFeature({
      friends,
      feed: publishing,
      agencyName,
      announcement: () => browse(library, { a: 'announcement' }),
      announcementCard: () => officialAnnouncementCard(library),
      clock,
      timers: opts.timers ?? realTimers,
      logger,
    }),
    feedbackFeature({ questions }),
    publicationFeature({ publishing, audit: trail, clock }),
    statsFeature(
      {
        friends,
        questions,
        subscribers: () => friends.subscriberCount(),
        publications: (from, to) => publishing.countPublished(from, to),
        tips: (from, to) => tips.stats(from, to),
        report: staffConsole.report,
      },
      clock,
    ),
  ]);
  const handle = createRouteHandler({
    registry: features,
    library,
    townName: agencyName,
    questions,
    understand: (text) => understand(text, index),
  });
  const dispatcher = new Dispatcher({
    inbox,
    line,
    conversations,
    logger,
    clock,
    handle,
    parsePostback: features.parsePostback,
    apology: () => say(SAY.apology),
    say,
    ...(opts.replies ? { replies: opts.replies } : {}),
  });
  const staffApi = createStaffApiRouter({
    staffTokens: config.staffTokens,
    logger,
    audit: trail,
    clock,
    routes: features.routes().filter((r) => r.mount === 'staff-api'),
    limits: stores.limits,
  });
  const intake = new WebhookIntake(inbox, (entry) => void dispatcher.enqueue(entry), logger, clock);
  const app = createApp({
    channelSecret: channel.channelSecret,
    intake,
    logger,
    mode: config.mode,
    trustProxy: config.trustProxy,
    routers: [
      { path: '/staff/api', router: staffApi },
      { path: '/staff', router: staffConsole.router },
      ...features.routes().filter((r) => r.mount === 'public'),
      ...(opts.routers ?? []),
    ],
  });
  logger.info('content loaded', { documents: docs.length, searchItems: index.size });
  logger.info('stores opened', { ...stores.backends });
  await features.start();
  await makeDataDirPrivate(config.dataDir, logger);

  return {
    app,
    dispatcher,
    library,
    index,
    friends,
    questions,
    audit,
    line,
    publishing,
    tips,
    features,
    replayPending() {
      const replay = (pending: InboxEntry[]) => {
        pending.forEach((entry) => void dispatcher.enqueue(entry));
        if (pending.length > 0)
          logger.info('replaying events acknowledged before the last stop', { count: pending.length });
        return pending.length;
      };
      // The file inbox answers at once (tests read the count); PostgreSQL's after a query
      const pending = inbox.pending();
      return Array.isArray(pending) ? replay(pending) : pending.then(replay);
    },
    async close() {
      await dispatcher.idle();
      await features.close();
      await Promise.all([stores.close(), staffConsole.close()]);
    },
  };
}

/** The shipped content, with documents imported into DATA_DIR added (same id: DATA_DIR wins). */
async function loadContent(dataDir: string): Promise<ContentDocument[]> {
  const byId = new Map<string, ContentDocument>();
  for (const doc of await readContentDocuments(SHIPPED_DATA_DIR)) byId.set(doc.id, doc);
  if (path.resolve(dataDir) !== path.resolve(SHIPPED_DATA_DIR)) {
    for (const doc of await readContentDocuments(dataDir)) byId.set(doc.id, doc);
  }
  return [...byId.values()];
}
