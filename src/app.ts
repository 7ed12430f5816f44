import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import express, { type ErrorRequestHandler, type Router } from 'express';
import { clientErrorCode, clientErrorStatus } from './http/error-status.js';
import { failureOf, routeOf } from './http/failure-log.js';
import { baseHeaders, inlineStyleCsp, setBaseHeaders } from './http/headers.js';
import { answerUnparsable } from './http/unparsable-request.js';
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
  // The one header set (src/http/headers.ts) on every answer; pages then set their own CSP
  app.use(baseHeaders());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  for (const { path, router } of deps.routers ?? []) app.use(path, router);
  if (deps.mode === 'live') {
    app.get('/', (_req, res) => {
      res.set('content-security-policy', LIVE_HOME_CSP).type('html').send(LIVE_HOME);
    });
  }
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such route' } });
  });
  app.use(lastErrors(deps.logger));
  const webhook = createWebhookHandler({ channelSecret: deps.channelSecret, intake: deps.intake, logger: deps.logger });
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (!isWebhookRequest(req)) {
      app(req, res);
      return;
    }
    setBaseHeaders(res);
    webhook(req, res);
  };
  return Object.assign(listener, {
    listen: (port: number, host: string | undefined, onListening: () => void) =>
      http.createServer(listener).on('clientError', answerUnparsable).listen(port, host, onListening),
  });
}

/**
 * What no router answered: a path express cannot decode, a body parser's refusal and the
 * like keep their 4xx; anything else is a bug, logged (path shape only) and answered 500.
 */
function lastErrors(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = clientErrorStatus(err);
    if (status === null) logger.error('request failed', { route: routeOf(req).slice(0, 100), ...failureOf(err) });
    res.status(status ?? 500).json({
      error: status
        ? { code: clientErrorCode(status), message: 'the request could not be understood' }
        : { code: 'internal', message: 'something went wrong; it has been logged' },
    });
  };
}

const LIVE_HOME_STYLE =
  'body{font-family:sans-serif;font-size:1.25rem;line-height:1.6;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1F2933}h1{color:#0B6E4F;font-size:1.6rem}';
const LIVE_HOME_CSP = inlineStyleCsp(LIVE_HOME_STYLE);
const LIVE_HOME = `<!doctype html><html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>ผู้ช่วยคุณธรรมและความโปร่งใส เทศบาลตำบลโพนทราย</title>
<style>${LIVE_HOME_STYLE}</style></head>
<body><h1>ผู้ช่วยคุณธรรมและความโปร่งใส<br>เทศบาลตำบลโพนทราย</h1>
<p>บัญชี LINE ทางการของเทศบาล: สอบถามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ผลการประเมิน ITA และประกาศต่าง ๆ รับข่าวสาร และแจ้งเบาะแสการทุจริตอย่างปลอดภัย</p>
<p>เพิ่มเพื่อนบัญชี LINE ของเทศบาลเพื่อเริ่มใช้งาน</p></body></html>`;
