/** A publishing request that cannot be done as asked, with the reason for staff (English, one line). */
export class PublishError extends Error {
  override name = 'PublishError';
  constructor(
    readonly code: 'invalid' | 'not_found' | 'conflict',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** One line for a person: a zod error as "field: problem; field: problem", anything else as its message. */
export function errorLine(err: unknown, field: (path: string) => string = (p) => p): string {
  const issues = (err as { issues?: Array<{ path: PropertyKey[]; message: string; code?: string; keys?: string[] }> }).issues;
  if (Array.isArray(issues)) {
    return issues
      .map((i) => (i.code === 'unrecognized_keys' && i.keys ? `unknown ${i.keys.map(field).join(', ')}` : `${field(i.path.map(String).join('.')) || 'input'}: ${i.message}`))
      .join('; ');
  }
  if (err instanceof PublishError && Array.isArray(err.details)) {
    return (err.details as Array<{ path: string; message: string }>).map((d) => `${field(d.path)}: ${d.message}`).join('; ');
  }
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}
