import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from '../../logger.js';
import { findReceipt } from '../../bot/receipt.js';
import { clientKey } from '../../http/client-key.js';
import { pageHeaders, TIP_CSP } from '../../http/headers.js';
import type { TipRules } from '../deadlines.js';
import type { EvidenceFiles } from '../evidence-files.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { TipFiling } from '../tip-filing.js';
import { TIP_LIMITS } from '../tip-model.js';
import { CHAT } from '../tip-texts.js';
import { FormBodyError, readForm, field, type FormLimits } from './form-body.js';
import { formPage, lookupPage, messagePage, receiptPage, statusPage } from './tip-pages.js';
import { FormNonces } from './form-nonces.js';
import { TIP_CSS } from './tip-css.js';
import { ADD_FORM_LIMITS, ImageIntake, readTipFields, TIP_FORM_LIMITS, TOO_MUCH } from './web-tip-input.js';

export interface TipWebDeps {
  filing: TipFiling;
  files: EvidenceFiles;
  rules: TipRules;
  clock: () => Date;
  logger: Logger;
  limits: {
    /** Form posts per client (any outcome). */
    attempts: RateLimiter;
    /** Tips filed per client. */
    filings: RateLimiter;
    /** Receipt lookups per client (shared with chat, where the client is the LINE user). */
    lookups: RateLimiter;
  };
}

const LOOKUP_LIMITS: FormLimits = { maxBytes: 16 * 1024, fileBytes: 0, fieldBytes: 1024, fields: 2 };
/** Forms parsed at once: with TIP_FORM_LIMITS, the /tip form's memory ceiling is four times one form's. */
const MAX_PARSING = 4;

/**
 * /tip: the tip web form for people without LINE (or who do not want LINE to know). No IP
 * address is stored and no cookie is set; abuse limits are counted in memory under a hash
 * of the connection's address. Cross-site posts are refused.
 */
export function createTipWebRouter(deps: TipWebDeps): Router {
  const router = express.Router();
  let parsing = 0;
  const nonces = new FormNonces();
  const send = (res: Response, status: number, body: string) => res.status(status).type('html').send(body);
  const client = (req: Request) => `web:${clientKey(req)}`;

  router.use(pageHeaders(TIP_CSP));
  router.get('/tip.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').type('css').send(TIP_CSS);
  });
  router.get('/', (_req, res) => send(res, 200, formPage(deps.rules, { n: nonces.issue() })));

  const sameSite: RequestHandler = (req, res, next) => {
    const origin = req.get('origin');
    const crossSite = req.get('sec-fetch-site') === 'cross-site' || (origin !== undefined && origin !== 'null' && hostOf(origin) !== req.get('host'));
    if (crossSite) return void send(res, 403, messagePage('ส่งไม่ได้', 'กรุณาส่งจากแบบฟอร์มบนหน้านี้'));
    if (!deps.limits.attempts.take(client(req))) return void send(res, 429, messagePage('ส่งบ่อยเกินไป', 'ส่งบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่'));
    if (parsing >= MAX_PARSING) return void send(res, 503, messagePage('ระบบไม่ว่าง', 'ระบบไม่ว่างชั่วคราว กรุณาลองใหม่ในอีกสักครู่'));
    parsing += 1;
    res.on('close', () => (parsing -= 1));
    next();
  };

  router.post('/', sameSite, (req, res) =>
    withImages(deps, async (images) => {
      const form = await readForm(req, TIP_FORM_LIMITS, images.take);
      const { values, errors } = readTipFields(form);
      const nonce = values.n;
      // A form re-shown after a refusal keeps its value, or gets one if it came without.
      values.n ||= nonces.issue();
      if (nonces.wasUsed(nonce, deps.clock())) return void send(res, 409, messagePage('ส่งเรื่องนี้ไปแล้ว', 'แบบฟอร์มนี้ส่งเรื่องไปแล้ว และแสดงเลขรับเรื่องไปแล้วในครั้งนั้น (ระบบไม่ได้เก็บเลขไว้ จึงแสดงซ้ำไม่ได้) หากต้องการแจ้งเรื่องใหม่ เปิดแบบฟอร์มใหม่'));
      const refusals = [...errors, ...images.errors(form)];
      if (refusals.length > 0) return void send(res, form.overflow ? 413 : 400, formPage(deps.rules, values, refusals));
      if (!deps.limits.filings.take(client(req))) {
        return void send(res, 429, formPage(deps.rules, values, ['วันนี้ส่งเรื่องจากเครื่องนี้ครบจำนวนแล้ว กรุณาลองใหม่พรุ่งนี้ หรือโทร ป.ป.ช. 1205']));
      }
      // Marked before the first await, so a double click cannot file twice.
      nonces.markUsed(nonce, deps.clock());
      const { what, who, when, where } = values;
      const { receipt } = await deps.filing.file({ channel: 'web', content: { what, who: who || null, when: when || null, where: where || null }, attachments: images.attachments, notifyUserId: null }, deps.clock());
      send(res, 200, receiptPage(receipt));
      return 'kept';
    }),
  );

  const lookup = async (req: Request, res: Response, raw: string) => {
    const receipt = findReceipt(raw);
    if (!receipt) return void send(res, raw ? 400 : 200, lookupPage(raw ? CHAT.receiptFormat : null));
    // Per client only: nobody's guessing can use up another's lookups (see README, "Receipt lookups").
    if (!deps.limits.lookups.take(client(req))) return void send(res, 429, lookupPage(CHAT.tooManyLookups));
    const tip = await deps.filing.find(receipt);
    if (!tip) return void send(res, 404, lookupPage(CHAT.notFound));
    return { tip, receipt };
  };
  router.get('/status', async (req, res) => {
    const raw = typeof req.query.receipt === 'string' ? req.query.receipt : '';
    const found = await lookup(req, res, raw);
    if (found) send(res, 200, statusPage(deps.filing.publicView(found.tip), found.receipt));
  });
  router.post('/status', sameSite, async (req, res) => {
    const form = await readForm(req, LOOKUP_LIMITS, async () => {});
    const found = await lookup(req, res, field(form, 'receipt'));
    if (found) send(res, 200, statusPage(deps.filing.publicView(found.tip), found.receipt));
  });
  router.post('/add', sameSite, (req, res) =>
    withImages(deps, async (images) => {
      const form = await readForm(req, ADD_FORM_LIMITS, images.take);
      const found = await lookup(req, res, field(form, 'receipt'));
      if (!found) return;
      const text = field(form, 'text');
      const refusal = images.errors(form)[0] ?? (text.length > TIP_LIMITS.additionChars ? CHAT.tooLong(TIP_LIMITS.additionChars) : !text && images.attachments.length === 0 ? CHAT.additionEmpty : null);
      if (refusal) return void send(res, form.overflow ? 413 : 400, statusPage(deps.filing.publicView(found.tip), found.receipt, refusal));
      const added = await deps.filing.addInformation(found.tip.id, text, images.attachments, deps.clock());
      const tip = (await deps.filing.find(found.receipt)) ?? found.tip;
      send(res, added ? 200 : 409, statusPage(deps.filing.publicView(tip), found.receipt, added ? CHAT.added : CHAT.addClosed));
      return added ? 'kept' : undefined;
    }),
  );

  router.use(formErrors(deps.logger, send));
  return router;
}

/** The host of an Origin header, or null when it is not a URL (then it is treated as another site). */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Runs a form handler with an image intake; unless the handler says the images were kept
 * (filed with a tip), every image the form stored is deleted, on a refusal and on a failure.
 */
async function withImages(deps: TipWebDeps, handle: (images: ImageIntake) => Promise<'kept' | undefined>): Promise<void> {
  const images = new ImageIntake(deps.files, deps.clock());
  let kept = false;
  try {
    kept = (await handle(images)) === 'kept';
  } finally {
    if (!kept) await images.discard();
  }
}

function formErrors(logger: Logger, send: (res: Response, status: number, body: string) => unknown): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof FormBodyError) {
      const message = err.status === 413 ? TOO_MUCH : err.status === 415 ? 'รูปแบบการส่งไม่ถูกต้อง กรุณาส่งจากแบบฟอร์ม' : 'ข้อมูลที่ส่งมาอ่านไม่ได้ กรุณาลองใหม่';
      return void send(res, err.status, messagePage('ส่งไม่สำเร็จ', message));
    }
    // Never the request body or the error message: either may hold what the reporter wrote.
    logger.error('tip form failed', { route: req.path, error: (err as Error).name });
    send(res, 500, messagePage('ขออภัย', 'ระบบขัดข้องชั่วคราว เรื่องยังไม่ได้ส่ง กรุณาลองใหม่ในอีกสักครู่'));
  };
}
