import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadConfig } from '../../src/config.js';
import { createDemoRouter } from '../../src/demo/demo-router.js';
import { addDemoStaffToken } from '../../src/demo/demo-staff-token.js';
import { startLineStandIn, type LineStandIn } from '../../src/demo/line-stand-in.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { tempDir } from '../helpers/temp-dir.js';

export const DEMO_TOKEN = 'real-bot-demo-token';
export const DEMO_SECRET = 'real-bot-demo-secret';
export const DEMO_TIP_KEY = Buffer.alloc(32, 7).toString('base64');

export interface DemoBot {
  standIn: LineStandIn;
  runtime: Runtime;
  url: string;
  dataDir: string;
  /** The staff API token demo mode prints at start (for the name "demo"). */
  staffToken: string;
  /** Calls /staff/api with that token. */
  staff(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The whole bot in demo mode, as server.ts wires it: the LINE stand-in (reply tokens must be
 * ones it issued, bodies checked against the contract), the runtime, the demo router on `/`.
 * Started again with the same `dataDir` and `port`, it is the same bot after a restart. Like
 * `npm start` in demo mode, it has a staff API token for "demo".
 */
export async function startDemoBot(
  opts: { env?: Record<string, string>; dataDir?: string; port?: number } = {},
): Promise<DemoBot> {
  const standIn = await startLineStandIn({ token: DEMO_TOKEN, replyTokens: { requireIssued: true } });
  let url = '';
  const router = createDemoRouter({
    standIn,
    channelSecret: DEMO_SECRET,
    webhookUrl: () => `${url}/webhook`,
    botName: 'เทศบาลตำบลโพนทราย',
  });
  const dataDir = opts.dataDir ?? (await tempDir('demo-bot-'));
  const config = loadConfig({ DATA_DIR: dataDir, TIP_ENCRYPTION_KEY: DEMO_TIP_KEY, ...opts.env });
  const staffToken = addDemoStaffToken(config.staffTokens) ?? '';
  const runtime = await createRuntime({
    config,
    channel: {
      channelSecret: DEMO_SECRET,
      channelAccessToken: DEMO_TOKEN,
      apiBaseUrl: standIn.url,
      dataApiBaseUrl: standIn.url,
    },
    logger: createMemoryLogger(),
    routers: [{ path: '/', router }],
  });
  const server: Server = await new Promise((resolve) => {
    const s = runtime.app.listen(opts.port ?? 0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    standIn,
    runtime,
    url,
    dataDir,
    staffToken,
    staff: (method, path, body) =>
      fetch(`${url}/staff/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${staffToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await runtime.close();
      await standIn.close();
    },
  };
}
