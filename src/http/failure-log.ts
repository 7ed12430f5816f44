import type { Request } from 'express';

/** A path segment that may be an id (a digit in it, or long) is logged as ":id". */
const maskSegment = (segment: string): string => (/\d/.test(segment) || segment.length > 32 ? ':id' : segment);

/**
 * Where a request failed, for the log: the method and the route's own pattern when one had
 * matched ("GET /staff/api/tips/:id"), the path with its ids masked otherwise. Never the
 * query string, never a body.
 */
export function routeOf(req: Request): string {
  const actual = (req.originalUrl.split('?', 1)[0] ?? '').split('/');
  if (actual.length > 2 && actual.at(-1) === '') actual.pop();
  // Express types the matched route as any; it is undefined when no route matched.
  const routePath = (req.route as { path?: unknown } | undefined)?.path;
  const pattern = typeof routePath === 'string' && routePath !== '/' ? routePath.split('/').slice(1) : [];
  const mounted = actual.slice(0, actual.length - pattern.length).map(maskSegment);
  return `${req.method} ${[...mounted, ...pattern].join('/') || '/'}`;
}

/**
 * What is safe to log about an error: its name and the code line that threw (the innermost
 * stack frame), never its message, which may quote what a resident or a staff member typed.
 */
export function failureOf(err: unknown): { error: string; at: string | null } {
  if (!(err instanceof Error)) return { error: typeof err, at: null };
  // The stack opens with "Name: message" (any number of lines); the frames come after it
  const stack = err.stack ?? '';
  const end = stack.indexOf(err.message);
  const frame = end < 0 ? undefined : /^\s+at (.+)$/m.exec(stack.slice(end + err.message.length))?.[1];
  return { error: err.name, at: frame ?? null };
}
