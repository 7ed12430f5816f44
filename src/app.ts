import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import express, { type Router } from 'express';
import type { Logger } from './logger.js';
import type { WebhookIntake } from './line/webhook-intake.js';
import { createWebhookHandler, isWebhookRequest } from './line/webhook-route.js';

export interface AppDeps {
  channelSecret: string;
  intake: WebhookIntake;
  logger: Logger;
  mode: 'live' | 'demo';
  /** Express "trust proxy": which proxies may tell the client's address (TRUST_PROXY). */
  trustProxy?: boolean | number | string;
  /** Extra routers mounted at their paths (the demo chat page, the staff API ...). */
  routers?: Array<{ path: string; router: Router }>;
}

/** The bot's HTTP request listener; `listen` is for server.ts and tests, which own their servers. */
export interface BotApp {
  (req: IncomingMessage, res: ServerResponse): void;
  listen(port: number, host: string | undefined, onListening: () => void): Server;
}

/**
 * Builds the HTTP app: LINE's webhook on its own lean path (before any body parser, as the
 * SDK's middleware needs the raw bytes), every other route through express.
 */
export function createApp(deps: AppDeps): BotApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  for (const { path, router } of deps.routers ?? []) app.use(path, router);
  if (deps.mode === 'live') {
    app.get('/', (_req, res) => {
      res.type('html').send(LIVE_HOME);
    });
  }
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such route' } });
  });
  const webhook = createWebhookHandler({ channelSecret: deps.channelSecret, intake: deps.intake, logger: deps.logger });
  const listener = (req: IncomingMessage, res: ServerResponse) => (isWebhookRequest(req) ? webhook(req, res) : app(req, res));
  return Object.assign(listener, {
    listen: (port: number, host: string | undefined, onListening: () => void) => http.createServer(listener).listen(port, host, onListening),
  });
}

const LIVE_HOME = `<!doctype html><html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>ผู้ช่วยคุณธรรมและความโปร่งใส เทศบาลตำบลโพนทราย</title>
<style>body{font-family:sans-serif;font-size:1.25rem;line-height:1.6;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1F2933}h1{color:#0B6E4F;font-size:1.6rem}</style></head>
<body><h1>ผู้ช่วยคุณธรรมและความโปร่งใส<br>เทศบาลตำบลโพนทราย</h1>
<p>บัญชี LINE ทางการของเทศบาล: สอบถามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ผลการประเมิน ITA และประกาศต่าง ๆ รับข่าวสาร และแจ้งเบาะแสการทุจริตอย่างปลอดภัย</p>
<p>เพิ่มเพื่อนบัญชี LINE ของเทศบาลเพื่อเริ่มใช้งาน</p></body></html>`;
