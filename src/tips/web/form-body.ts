import type { Request } from 'express';
import { readBody } from '../../http/read-body.js';

/** Why a form body could not be read; `status` is the HTTP answer. */
export class FormBodyError extends Error {
  override name = 'FormBodyError';
  constructor(
    readonly status: 400 | 413 | 415,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const FORM_TYPES = /^(multipart\/form-data|application\/x-www-form-urlencoded)\s*(;|$)/i;

/**
 * A form post (multipart with files, or URL-encoded) read with a size cap and parsed by
 * Node's own WHATWG `Request.formData()` (undici, shipped with Node): no hand-written
 * multipart parser and no new dependency. Text is decoded as UTF-8; broken bytes become
 * U+FFFD, so nothing that is not valid text reaches storage. Other content types are refused.
 */
export async function readForm(req: Request, maxBytes: number): Promise<FormData> {
  const type = req.get('content-type') ?? '';
  if (!FORM_TYPES.test(type)) throw new FormBodyError(415, 'not a form');
  const body = await readBody(req, maxBytes).catch(() => {
    throw new FormBodyError(400, 'body not readable');
  });
  if (!body) throw new FormBodyError(413, 'too large');
  try {
    return await new Request('http://form.invalid/', { method: 'POST', headers: { 'content-type': type }, body }).formData();
  } catch {
    throw new FormBodyError(400, 'malformed form');
  }
}

/** A text field with line ends unified and control characters (other than tab and newline) removed. */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  if (typeof value !== 'string') return '';
  return value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}

/** The non-empty files of a field (a browser sends one empty part when none was chosen). */
export function files(form: FormData, name: string): Upload[] {
  return form.getAll(name).filter((v): v is Upload => typeof v !== 'string' && v.size > 0);
}

/** A file part of a form (undici's File). */
export type Upload = Exclude<ReturnType<FormData["get"]>, string | null>;
