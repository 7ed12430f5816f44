import type { IncomingMessage, ServerResponse } from 'node:http';
import { JSONParseError, SignatureValidationFailed, middleware } from '@line/bot-sdk';
import { failureOf } from '../http/failure-log.js';
import { readBody } from '../http/read-body.js';
import type { Logger } from '../logger.js';
import { BadWebhookBody, type WebhookIntake } from './webhook-intake.js';

/** LINE's webhook bodies are a few kB; anything past this is not LINE. */
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** POST /webhook (a trailing slash and a query string are tolerated, as LINE's console allows them). */
export function isWebhookRequest(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || !req.url?.startsWith('/webhook')) return false;
  const path = req.url.split('?', 1)[0];
  return path === '/webhook' || path === '/webhook/';
}

/**
 * POST /webhook, as LINE expects: the signature is checked on the raw bytes first by the
 * SDK's middleware (401 and nothing stored when it is missing or wrong), then the JSON (400),
 * then the events go on disk and LINE gets its 200.
 *
 * It runs on Node's own request and response, not through express: this is the path every
 * message of every resident takes, and express's per-request work (its router, body-parser,
 * ETag) cost a third of the time the bot needs to acknowledge an event.
 */
export function createWebhookHandler(opts: {
  channelSecret: string;
  intake: WebhookIntake;
  logger: Logger;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const verify = middleware({ channelSecret: opts.channelSecret });

  const fail = (res: ServerResponse, err: unknown) => {
    if (err instanceof SignatureValidationFailed) {
      sendJson(res, 401, { error: { code: 'bad_signature', message: 'missing or invalid x-line-signature' } });
    } else if (err instanceof JSONParseError || err instanceof BadWebhookBody) {
      sendJson(res, 400, { error: { code: 'bad_body', message: 'the body is not a LINE webhook JSON object' } });
    } else {
      // Not stored, so not acknowledged: LINE will redeliver.
      opts.logger.error('webhook intake failed', { route: 'POST /webhook', ...failureOf(err) });
      sendJson(res, 500, { error: { code: 'internal', message: 'could not store the events' } });
    }
  };

  return (req, res) => {
    readBody(req, WEBHOOK_BODY_LIMIT).then(
      (body) => {
        if (body === null) {
          sendJson(
            res,
            413,
            { error: { code: 'too_large', message: 'webhook body over 1 MB' } },
            { connection: 'close' },
          );
          return;
        }
        // The SDK reads a Buffer body as the raw bytes it verifies, then parses it in place.
        const withBody = Object.assign(req, { body });
        void verify(withBody, res, (err) => {
          if (err) return fail(res, err);
          opts.intake.accept(withBody.body).then(
            () => sendAccepted(res),
            (e: unknown) => fail(res, e),
          );
        });
      },
      () => undefined,
    ); // The connection broke mid-body: nobody is left to answer.
  };
}

const ACCEPTED = Buffer.from('{}');

function sendAccepted(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': ACCEPTED.length });
  res.end(ACCEPTED);
}

/** A JSON answer written on Node's own response (the webhook paths do not go through express). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
