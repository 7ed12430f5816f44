import type { ErrorRequestHandler, Request, Response } from 'express';
import { failureOf, routeOf } from '../../http/failure-log.js';
import type { Logger } from '../../logger.js';
import { FormBodyError } from './form-body.js';
import type { TipPages } from './tip-pages.js';
import { TOO_MUCH } from './web-tip-input.js';

/**
 * The /tip form's last answer to a failure: a form that could not be read gets its status and
 * a Thai line on the municipality's page; anything else is logged (never the body) and
 * answered 500, the tip not sent.
 */
export function formErrors(
  logger: Logger,
  send: (res: Response, status: number, body: string) => unknown,
  pagesOf: (req: Request) => TipPages,
): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { messagePage } = pagesOf(req);
    if (err instanceof FormBodyError) {
      const message =
        err.status === 413
          ? TOO_MUCH
          : err.status === 415
            ? 'รูปแบบการส่งไม่ถูกต้อง กรุณาส่งจากแบบฟอร์ม'
            : 'ข้อมูลที่ส่งมาอ่านไม่ได้ กรุณาลองใหม่';
      return void send(res, err.status, messagePage('ส่งไม่สำเร็จ', message));
    }
    // Never the request body or the error message: either may hold what the reporter wrote.
    logger.error('tip form failed', { route: routeOf(req), ...failureOf(err) });
    send(res, 500, messagePage('ขออภัย', 'ระบบขัดข้องชั่วคราว เรื่องยังไม่ได้ส่ง กรุณาลองใหม่ในอีกสักครู่'));
  };
}
