import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createMemoryLogger } from './memory-logger.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.js';
import { SECRET, TOKEN, sign, webhookBody } from './events.js';
import { expectLineValid } from './line-contract.js';
import { LINE_BASE, mockLine, type RecordedCall } from './line-nock.js';
import { tempDir } from './temp-dir.js';
import type { FriendRepo } from '../../src/subscriptions/store/friend-repo.js';

/** The single town's runtime: its friends are the file FriendRepo, which answers at once. */
export type TownRuntime = Omit<Runtime, 'friends'> & { friends: FriendRepo };

export interface TestBot {
  runtime: TownRuntime;
  url: string;
  dataDir: string;
  line: ReturnType<typeof mockLine>;
  logs: ReturnType<typeof createMemoryLogger>['lines'];
  /** Posts events as one signed webhook and waits until the bot has handled them. */
  send(...events: unknown[]): Promise<Response>;
  post(body: string, headers?: Record<string, string>): Promise<Response>;
  /** Calls the staff API with the test staff token (or the given headers). */
  staff(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  settle(): Promise<void>;
  /** Every LINE request so far passes ../shared/line-openapi/line-contract.mjs. */
  expectAllLineCallsValid(): void;
  /** Clears the recorded LINE calls and log lines (the bot's stores keep what they hold). */
  forget(): void;
  close(): Promise<void>;
  /** Stops listening without waiting for work in progress, as a crash would. */
  abandon(): Promise<void>;
}

/**
 * The whole bot on a free loopback port, with its own empty DATA_DIR, a LINE API mocked by
 * nock (no other network), and logs kept in memory.
 */
export const STAFF_TOKEN = 'staff-token-for-tests-0123456789abcdef';

export type StartBotOptions = {
  dataDir?: string;
  clock?: () => Date;
  respond?: (call: RecordedCall) => [number, unknown?];
  env?: Record<string, string>;
} & Pick<RuntimeOptions, 'timers' | 'publishing' | 'replies'>;

export async function startBot(opts: StartBotOptions = {}): Promise<TestBot> {
  const dataDir = opts.dataDir ?? (await tempDir());
  const line = mockLine(opts.respond);
  const logger = createMemoryLogger();
  const config = loadConfig({
    DATA_DIR: dataDir,
    TIP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    STAFF_TOKENS: `tester:${STAFF_TOKEN}`,
    ...opts.env,
  });
  const runtime = await createRuntime({
    config,
    channel: { channelSecret: SECRET, channelAccessToken: TOKEN, apiBaseUrl: LINE_BASE, dataApiBaseUrl: LINE_BASE },
    logger,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.timers ? { timers: opts.timers } : {}),
    ...(opts.publishing ? { publishing: opts.publishing } : {}),
    ...(opts.replies ? { replies: opts.replies } : {}),
  });
  const server: Server = await new Promise((resolve) => {
    const s = runtime.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const settle = async () => {
    // Handling starts on the turn after the 200; wait for it, then for the queue to drain.
    await new Promise((r) => setImmediate(r));
    await runtime.dispatcher.idle();
  };
  const post = (body: string, headers: Record<string, string> = { 'x-line-signature': sign(body) }) =>
    fetch(`${url}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return {
    // Without a tenant, openStores gives the town's FriendRepo (src/stores/open-stores.ts)
    runtime: runtime as TownRuntime,
    url,
    dataDir,
    line,
    logs: logger.lines,
    post,
    settle,
    staff(method, path, body, headers = { authorization: `Bearer ${STAFF_TOKEN}` }) {
      return fetch(`${url}/staff/api${path}`, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
    },
    async send(...events) {
      const res = await post(webhookBody(...events));
      await settle();
      return res;
    },
    expectAllLineCallsValid() {
      for (const call of line.calls) expectLineValid(call.path, call.body, call.headers);
    },
    forget() {
      line.calls.length = 0;
      logger.lines.length = 0;
    },
    async abandon() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      line.done();
    },
    async close() {
      // A browser's kept-alive or unanswered request must not hold the server open: idle sockets
      // close at once, busy ones after a short grace.
      const closed = new Promise((r) => server.close(r));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), 2_000);
      await closed;
      clearTimeout(grace);
      await runtime.close();
      line.done();
    },
  };
}

export { SECRET, TOKEN };

/**
 * One bot for every test of the enclosing describe (or file), handed to `use` before the first
 * test and closed after the last: starting a bot builds the search index of the shipped content,
 * most of a component test's time. Before each test the recorded LINE calls and log lines are
 * cleared; after each, every LINE call is checked against the schema. The bot's stores keep what
 * earlier tests left, so tests sharing a bot must not depend on it: each speaks as residents of
 * its own, and a test that needs an empty DATA_DIR, other LINE answers or its own clock starts
 * its own bot.
 */
export function shareBot(use: (bot: TestBot) => void, opts: StartBotOptions = {}): void {
  let bot: TestBot | undefined;
  beforeAll(async () => {
    bot = await startBot(opts);
    use(bot);
  });
  beforeEach(() => bot?.forget());
  afterEach(() => bot?.expectAllLineCallsValid());
  afterAll(async () => {
    await bot?.close();
  });
}
