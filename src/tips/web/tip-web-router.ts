import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from '../../logger.js';
import { findReceipt } from '../../bot/receipt.js';
import { clientKey } from '../../http/client-key.js';
import { pageHeaders, TIP_CSP } from '../../http/headers.js';
import { sameOrigin } from '../../http/same-origin.js';
import type { TipRules } from '../deadlines.js';
import type { EvidenceStore } from '../evidence-store.js';
import type { AttemptLimiter } from '../../http/shared-limits.js';
import type { TipFiling } from '../tip-filing.js';
import { TIP_LIMITS, type TipRecord } from '../tip-model.js';
import { CHAT } from '../tip-texts.js';
import { readForm, field, type FormLimits } from './form-body.js';
import { formErrors } from './form-errors.js';
import { tipPages, type TipPages } from './tip-pages.js';
import { FormNonces } from './form-nonces.js';
import { TIP_CSS } from './tip-css.js';
import { KEEP_RECEIPT_JS, WEB_SAY } from './web-texts.js';
import { ADD_FORM_LIMITS, ImageIntake, readTipFields, TIP_FORM_LIMITS } from './web-tip-input.js';

export interface TipWebDeps {
  /** The municipality's name its pages show, read for each page (a tenant may be renamed meanwhile). */
  town: () => string;
  filing: TipFiling;
  files: EvidenceStore;
  rules: TipRules;
  clock: () => Date;
  logger: Logger;
  limits: {
    /** Form posts per client (any outcome). */
    attempts: AttemptLimiter;
    /** Tips filed per client. */
    filings: AttemptLimiter;
    /** Receipt lookups per client (shared with chat, where the client is the LINE user). */
    lookups: AttemptLimiter;
  };
  /** The forms that filed a tip (in the database for a tenant, so a reload reaching another process is known); absent: in memory. */
  nonces?: FormNonces;
}

/** A form that already filed its tip, posted again. */
const alreadySent = (pages: TipPages): Reply => [
  409,
  pages.messagePage(
    'ส่งเรื่องนี้ไปแล้ว',
    'แบบฟอร์มนี้ส่งเรื่องไปแล้ว และแสดงเลขรับเรื่องไปแล้วในครั้งนั้น (ระบบไม่ได้เก็บเลขไว้ จึงแสดงซ้ำไม่ได้) หากต้องการแจ้งเรื่องใหม่ เปิดแบบฟอร์มใหม่',
  ),
];

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
  const nonces = deps.nonces ?? new FormNonces();
  // Under the address the form was reached at: /tip, or /t/<id>/tip in the shared service (express's baseUrl)
  const pagesOf = (req: Request) => tipPages(deps.town, req.baseUrl);
  const send = (res: Response, status: number, body: string) => res.status(status).type('html').send(body);
  const client = (req: Request) => `web:${clientKey(req)}`;

  router.use(pageHeaders(TIP_CSP));
  router.get('/tip.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').type('css').send(TIP_CSS);
  });
  router.get('/keep-receipt.js', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').type('js').send(KEEP_RECEIPT_JS);
  });
  router.get('/', (req, res) => send(res, 200, pagesOf(req).formPage(deps.rules, { n: nonces.issue() })));

  const sameSite: RequestHandler = async (req, res, next) => {
    const { messagePage } = pagesOf(req);
    if (!sameOrigin(req)) return void send(res, 403, messagePage('ส่งไม่ได้', 'กรุณาส่งจากแบบฟอร์มบนหน้านี้'));
    if (!(await deps.limits.attempts.take(client(req))))
      return void send(res, 429, messagePage('ส่งบ่อยเกินไป', 'ส่งบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่'));
    if (parsing >= MAX_PARSING)
      return void send(res, 503, messagePage('ระบบไม่ว่าง', 'ระบบไม่ว่างชั่วคราว กรุณาลองใหม่ในอีกสักครู่'));
    parsing += 1;
    res.on('close', () => (parsing -= 1));
    next();
  };

  router.post('/', sameSite, (req, res) =>
    withImages(deps, res, async (images): Promise<Reply> => {
      const pages = pagesOf(req);
      const { formPage } = pages;
      const form = await readForm(req, TIP_FORM_LIMITS, images.take);
      const { values, errors } = readTipFields(form);
      const nonce = values.n;
      // A form re-shown after a refusal keeps its value, or gets one if it came without.
      values.n ||= nonces.issue();
      if (await nonces.wasUsed(nonce, deps.clock())) return alreadySent(pages);
      const refusals = [...errors, ...images.errors(form)];
      if (refusals.length > 0) return [form.overflow ? 413 : 400, formPage(deps.rules, values, refusals)];
      if (!(await deps.limits.filings.take(client(req))))
        return [429, formPage(deps.rules, values, ['วันนี้ส่งเรื่องจากเครื่องนี้ครบจำนวนแล้ว กรุณาลองใหม่พรุ่งนี้ หรือโทร ป.ป.ช. 1205'])];
      // Marked before the tip is filed: of a double click (on one process or two) only one files.
      if (!(await nonces.markUsed(nonce, deps.clock()))) return alreadySent(pages);
      const { what, who, when, where } = values;
      const { receipt } = await deps.filing.file(
        {
          channel: 'web',
          content: { what, who: who || null, when: when || null, where: where || null },
          attachments: images.attachments,
          notifyUserId: null,
        },
        deps.clock(),
      );
      return [200, pages.receiptPage(receipt), 'kept'];
    }),
  );

  /** The tip a receipt opens, or the page that says why not. */
  const lookup = async (
    req: Request,
    raw: string,
  ): Promise<{ tip: TipRecord; receipt: string } | { refused: Reply }> => {
    const receipt = findReceipt(raw);
    const { lookupPage } = pagesOf(req);
    if (!receipt) return { refused: [raw ? 400 : 200, lookupPage(raw ? WEB_SAY.receiptFormat : null)] };
    // Per client only: nobody's guessing can use up another's lookups (see README, "Receipt lookups").
    if (!(await deps.limits.lookups.take(client(req)))) return { refused: [429, lookupPage(CHAT.tooManyLookups)] };
    const tip = await deps.filing.find(receipt);
    return tip ? { tip, receipt } : { refused: [404, lookupPage(CHAT.notFound)] };
  };
  const showStatus = async (req: Request, res: Response, raw: string) => {
    const found = await lookup(req, raw);
    const [status, page] =
      'refused' in found
        ? found.refused
        : [200, pagesOf(req).statusPage(deps.filing.publicView(found.tip), found.receipt)];
    send(res, status, page);
  };
  router.get('/status', (req, res) =>
    showStatus(req, res, typeof req.query.receipt === 'string' ? req.query.receipt : ''),
  );
  router.post('/status', sameSite, async (req, res) =>
    showStatus(req, res, field(await readForm(req, LOOKUP_LIMITS, async () => {}), 'receipt')),
  );
  router.post('/add', sameSite, (req, res) =>
    withImages(deps, res, async (images): Promise<Reply> => {
      const form = await readForm(req, ADD_FORM_LIMITS, images.take);
      const { statusPage } = pagesOf(req);
      const found = await lookup(req, field(form, 'receipt'));
      if ('refused' in found) return found.refused;
      const text = field(form, 'text');
      const refusal =
        images.errors(form)[0] ??
        (text.length > TIP_LIMITS.additionChars
          ? CHAT.tooLong(TIP_LIMITS.additionChars)
          : !text && images.attachments.length === 0
            ? WEB_SAY.additionEmpty
            : null);
      if (refusal)
        return [form.overflow ? 413 : 400, statusPage(deps.filing.publicView(found.tip), found.receipt, refusal)];
      const added = await deps.filing.addInformation(found.tip.id, text, images.attachments, deps.clock());
      const tip = (await deps.filing.find(found.receipt)) ?? found.tip;
      const page = statusPage(deps.filing.publicView(tip), found.receipt, added ? CHAT.added : WEB_SAY.addClosed);
      return added ? [200, page, 'kept'] : [409, page];
    }),
  );

  router.use(formErrors(deps.logger, send, pagesOf));
  return router;
}

/** An answer: status, page, and whether the form's images were kept (filed with a tip). */
type Reply = [status: number, page: string, kept?: 'kept'];

/**
 * Runs a form handler with an image intake and sends its answer; unless the images were
 * kept, every image the form stored is deleted first, on a refusal and on a failure.
 */
async function withImages(
  deps: TipWebDeps,
  res: Response,
  handle: (images: ImageIntake) => Promise<Reply>,
): Promise<void> {
  const images = new ImageIntake(deps.files, deps.clock());
  let reply: Reply | undefined;
  try {
    reply = await handle(images);
  } finally {
    if (reply?.[2] !== 'kept') await images.discard();
  }
  res.status(reply[0]).type('html').send(reply[1]);
}
