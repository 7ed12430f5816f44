import { HttpError } from '../http/http-error.js';

const STATUS = { invalid: 400, not_found: 404, conflict: 409 } as const;

/**
 * A publishing request that cannot be done as asked, with the reason for staff (English, one
 * line). An HttpError, so the staff API's funnel answers it like any refusal; kept as its own
 * class because the console and the command line tell it apart from other refusals (they
 * word it for their own readers).
 */
export class PublishError extends HttpError {
  override name = 'PublishError';
  constructor(
    override readonly code: keyof typeof STATUS,
    message: string,
    details?: unknown,
  ) {
    super(STATUS[code], code, message, details);
  }
}

/** One line for a person: a zod error as "field: problem; field: problem", anything else as its message. */
export function errorLine(err: unknown, field: (path: string) => string = (p) => p): string {
  const issues = (err as { issues?: Array<{ path: PropertyKey[]; message: string; code?: string; keys?: string[] }> })
    .issues;
  if (Array.isArray(issues)) {
    return issues
      .map((i) =>
        i.code === 'unrecognized_keys' && i.keys
          ? `unknown ${i.keys.map(field).join(', ')}`
          : `${field(i.path.map(String).join('.')) || 'input'}: ${i.message}`,
      )
      .join('; ');
  }
  if (err instanceof PublishError && Array.isArray(err.details)) {
    return (err.details as Array<{ path: string; message: string }>)
      .map((d) => `${field(d.path)}: ${d.message}`)
      .join('; ');
  }
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}
