import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { BotApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/open-database.js';
import { installRenderedMenu } from './demo/demo-rich-menu.js';
import { createDemoRouter } from './demo/demo-router.js';
import { addDemoStaffToken, demoStaffTokenHelp } from './demo/demo-staff-token.js';
import { startLineStandIn, type LineStandIn } from './demo/line-stand-in.js';
import { createLogger } from './logger.js';
import { createRuntime, type LineChannel } from './runtime.js';
import { createSharedService } from './service/shared-service.js';

/**
 * Starts the bot: the only place that reads process.env and listens. With no LINE
 * credentials it runs in demo mode, talking to an in-process LINE stand-in on loopback.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  // The shared service's database: its schema brought up to date before anything listens.
  // Each tenant's bot is made on its first request (src/service/); the single town below is unchanged.
  const database = config.database ? await openDatabase(config.database, logger) : null;
  const { channel, standIn } = await resolveChannel(config);
  // Demo mode: a staff token (unless STAFF_TOKENS are set) and the menu `npm run richmenu` rendered
  const demoToken = standIn ? addDemoStaffToken(config.staffTokens) : null;
  const demoMenu = standIn ? await installRenderedMenu(standIn, channel.channelAccessToken, config.dataDir) : null;
  let port = config.port;
  // Demo mode: the chat page sends signed webhooks to this same server, like LINE would.
  const routers = standIn
    ? [
        {
          path: '/',
          router: createDemoRouter({
            standIn,
            channelSecret: channel.channelSecret,
            webhookUrl: () => `http://127.0.0.1:${port}/webhook`,
            botName: 'เทศบาลตำบลโพนทราย',
          }),
        },
      ]
    : [];
  const runtime = await createRuntime({ config, channel, logger, routers });
  const service = database ? createSharedService({ config, database, town: runtime.app, logger }) : null;
  const server = await listen(service?.app ?? runtime.app, config.port);
  port = (server.address() as { port: number }).port;
  // Demo mode on a port the system chose: chat links point at the port actually used
  if (config.publicBaseUrl === 'http://localhost:0') config.publicBaseUrl = `http://localhost:${port}`;
  // Awaited: PostgreSQL's inbox answers after a query, and a failure must stop the start, not float
  await runtime.replayPending();
  logger.info('listening', { port, mode: config.mode });
  // The shared service: each active tenant's bot is started in the background (a request comes first if it must)
  service?.tenants.watch();
  service?.tenants.warm().then(
    (started) => logger.info('tenant bots started', { started }),
    (err: Error) => logger.error('tenant bots not started', { error: err.name }),
  );
  if (!config.publicBaseUrl)
    logger.warn('PUBLIC_BASE_URL is not set: the tip channel in chat cannot link to the /tip web form');
  if (config.mode === 'demo') printDemoHelp(port, demoToken, demoMenu);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping');
    server.close();
    server.closeAllConnections();
    await service?.close();
    await runtime.close();
    await standIn?.close();
    await database?.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

async function resolveChannel(config: Config): Promise<{ channel: LineChannel; standIn: LineStandIn | null }> {
  if (config.line) return { channel: config.line, standIn: null };
  // Demo mode: a private channel secret and token shared only with the in-process stand-in.
  const token = randomBytes(24).toString('base64url');
  const standIn = await startLineStandIn({ token });
  return {
    channel: {
      channelSecret: randomBytes(16).toString('hex'),
      channelAccessToken: token,
      apiBaseUrl: standIn.url,
      dataApiBaseUrl: standIn.url,
    },
    standIn,
  };
}

function listen(app: BotApp, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, undefined, () => resolve(server));
    server.once('error', reject);
  });
}

function printDemoHelp(port: number, staffToken: string | null, richMenu: string | null): void {
  process.stdout.write(
    [
      '',
      `Demo mode (no LINE credentials): the bot answers a LINE stand-in on this machine; nothing leaves it.`,
      `  Chat with the bot: http://localhost:${port}/`,
      `  Health:  http://localhost:${port}/healthz`,
      `  Webhook: http://localhost:${port}/webhook`,
      ...(richMenu ? [`  Rich menu: ${richMenu}`] : []),
      ...(staffToken ? demoStaffTokenHelp(staffToken, port) : []),
      'Set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN (and TIP_ENCRYPTION_KEY) to connect a real LINE channel.',
      '',
    ].join('\n') + '\n',
  );
}

main().catch((err: unknown) => {
  // One line, never a stack trace or a secret: the variable or file and what is wrong.
  const message =
    err instanceof ConfigError
      ? `configuration error: ${err.message}`
      : `cannot start: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(message + '\n');
  process.exit(1);
});
