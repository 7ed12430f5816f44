import express, { type ErrorRequestHandler, type Router } from 'express';
import { JSONParseError, SignatureValidationFailed, middleware } from '@line/bot-sdk';
import type { Logger } from '../logger.js';
import { BadWebhookBody, type WebhookIntake } from './webhook-intake.js';

/**
 * POST /webhook, as LINE expects: the signature is checked on the raw bytes first (401 and
 * nothing stored when it is missing or wrong), then the JSON (400), then the events go on
 * disk and LINE gets its 200.
 */
export function createWebhookRouter(opts: { channelSecret: string; intake: WebhookIntake; logger: Logger }): Router {
  const router = express.Router();
  router.post(
    '/',
    // Raw bytes with a size cap; the SDK middleware verifies the signature on exactly these.
    express.raw({ type: () => true, limit: '1mb' }),
    middleware({ channelSecret: opts.channelSecret }),
    async (req, res) => {
      await opts.intake.accept(req.body);
      res.status(200).json({});
    },
  );
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    if (err instanceof SignatureValidationFailed) {
      res.status(401).json({ error: { code: 'bad_signature', message: 'missing or invalid x-line-signature' } });
    } else if (err instanceof JSONParseError || err instanceof BadWebhookBody) {
      res.status(400).json({ error: { code: 'bad_body', message: 'the body is not a LINE webhook JSON object' } });
    } else if ((err as { type?: string }).type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'too_large', message: 'webhook body over 1 MB' } });
    } else {
      // Not stored, so not acknowledged: LINE will redeliver.
      opts.logger.error('webhook intake failed', { error: (err as Error).name });
      res.status(500).json({ error: { code: 'internal', message: 'could not store the events' } });
    }
  };
  router.use(onError);
  return router;
}
