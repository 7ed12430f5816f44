import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';

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

/** What one form may hold in memory; together they make the form's fixed memory ceiling. */
export interface FormLimits {
  /** The whole body; what comes past it is read and dropped (`overflow`). */
  maxBytes: number;
  /** One file part; a larger one is read to its end and dropped (`tooLarge`). */
  fileBytes: number;
  /** Each text field (longer ones are cut) and how many are read. */
  fieldBytes: number;
  fields: number;
}

/** A file part of the form: its bytes, or `tooLarge` when it passed `fileBytes`. */
export type FilePart = { field: string; filename: string } & (
  { bytes: Buffer; tooLarge?: never } | { bytes?: never; tooLarge: true }
);

export interface ReadForm {
  /** The first value of each text field. */
  fields: Map<string, string>;
  /** The body passed `maxBytes`: the fields and files read before that are here, the rest was dropped. */
  overflow: boolean;
}

const FORM_TYPES = /^(multipart\/form-data|application\/x-www-form-urlencoded)\s*(;|$)/i;
/** A body declared this many times the cap is refused unread: no form of ours comes near it. */
const UNREAD_FACTOR = 4;

/**
 * A form post (multipart with files, or URL-encoded) parsed as it arrives by busboy: text
 * fields are kept, and each file part is handed to `onFile` once it has arrived, one at a
 * time; the next part is not read until `onFile` is done, so at most one file is in memory.
 * The promise settles once the whole body has been read, so the client is still there for the
 * answer. Text is decoded as UTF-8; broken bytes become U+FFFD. Other content types are refused.
 */
export async function readForm(
  req: IncomingMessage,
  limits: FormLimits,
  onFile: (part: FilePart) => Promise<void>,
): Promise<ReadForm> {
  const type = req.headers['content-type'] ?? '';
  if (!FORM_TYPES.test(type)) throw new FormBodyError(415, 'not a form');
  if (Number(req.headers['content-length'] ?? 0) > limits.maxBytes * UNREAD_FACTOR)
    throw new FormBodyError(413, 'declared far too large');
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: {
        fileSize: limits.fileBytes + 1,
        fieldSize: limits.fieldBytes,
        fields: limits.fields,
        parts: limits.fields + 16,
      },
    });
  } catch {
    throw new FormBodyError(400, 'malformed form');
  }
  const fields = new Map<string, string>();
  let files: Promise<unknown> = Promise.resolve();
  // Set in the file callbacks (the cast keeps the compiler from taking it as always null);
  // boxed, so that whatever a file's handler threw (even undefined) is thrown again below.
  let fileFailure = null as { error: unknown } | null;
  parser.on('field', (name: string, value: string) => void (fields.has(name) || fields.set(name, value)));
  parser.on('file', (field: string, stream: Readable & { truncated?: boolean }, info: { filename?: string }) => {
    // One file at a time: this part waits, unread (busboy then stops reading the request), until the one before is handed over.
    files = files
      .then(async () => {
        const bytes = await collect(stream);
        if (bytes === 'broken' || fileFailure) return;
        await onFile({
          field,
          filename: info.filename ?? '',
          ...(bytes === 'too-large' ? { tooLarge: true as const } : { bytes }),
        });
      })
      .catch((err: unknown) => {
        fileFailure ??= { error: err };
        stream.resume();
      });
  });
  const fed = await feed(req, parser, limits.maxBytes).catch((err: FormBodyError) => err);
  // Every file handed over has been kept (or refused) before the answer, so the caller can discard them all.
  await files;
  if (fed instanceof FormBodyError) throw fed;
  if (fileFailure) throw fileFailure.error;
  const { overflow, broken } = fed;
  if (broken && !overflow) throw new FormBodyError(400, 'malformed form');
  return { fields, overflow };
}

/**
 * Feeds the request to the parser with backpressure, up to `maxBytes`; past it the rest is
 * read and dropped. Resolves once the request has ended and the parser has finished.
 */
function feed(
  req: IncomingMessage,
  parser: busboy.Busboy,
  maxBytes: number,
): Promise<{ overflow: boolean; broken: boolean }> {
  return new Promise((resolve, reject) => {
    let total = 0;
    let overflow = false;
    let broken = false;
    let ended = false;
    let parsed = false;
    const done = () => ended && parsed && resolve({ overflow, broken });
    parser.on('drain', () => req.resume());
    parser.once('error', () => {
      broken = parsed = true;
      req.resume();
      done();
    });
    parser.once('close', () => ((parsed = true), done()));
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (broken || overflow) return;
      if (total > maxBytes) {
        overflow = true;
        parser.end();
      } else if (!parser.write(chunk)) req.pause();
    });
    req.once('end', () => {
      ended = true;
      if (!overflow && !broken) parser.end();
      done();
    });
    req.once('error', () => {
      parser.destroy();
      reject(new FormBodyError(400, 'body not readable'));
    });
  });
}

/** A file part's bytes, 'too-large' past busboy's size limit (the rest is dropped by busboy), 'broken' when the body ended inside it. */
function collect(stream: Readable & { truncated?: boolean }): Promise<Buffer | 'too-large' | 'broken'> {
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('limit', () => (chunks = []));
    stream.once('end', () => {
      const whole = stream.truncated ? 'too-large' : Buffer.concat(chunks);
      // The stream outlives this call: let go of the pieces, or the image is held twice
      chunks = [];
      resolve(whole);
    });
    stream.once('error', () => resolve('broken'));
  });
}

/** A text field with line ends unified and control characters (other than tab and newline) removed. */
export function field(form: ReadForm, name: string): string {
  const value = form.fields.get(name) ?? '';
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .trim();
}
