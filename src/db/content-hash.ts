import { createHash } from 'node:crypto';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** JSON with keys in order and every ISO time in one form, so equal content gives equal text whichever store it came from. */
function canonical(value: unknown): unknown {
  if (typeof value === 'string' && ISO.test(value)) return new Date(value).toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}

/** SHA-256 of the records' canonical JSON, in the order given (callers sort by id). */
export function contentHash(records: unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify(records.map(canonical)))
    .digest('hex');
}
