/**
 * The 4xx status a library's error carries (express's router: a path it cannot decode;
 * `send`: a file path outside its folder; the body parsers: too large, not JSON), or null
 * when the error is ours, a bug to log and answer with 500.
 */
export function clientErrorStatus(err: unknown): number | null {
  const { status, statusCode } = (err ?? {}) as { status?: unknown; statusCode?: unknown };
  const found = typeof status === 'number' ? status : statusCode;
  return typeof found === 'number' && found >= 400 && found < 500 ? found : null;
}

/** The JSON error code for such a status (CONTRACT.md's error shape). */
export function clientErrorCode(status: number): string {
  return status === 404
    ? 'not_found'
    : status === 413
      ? 'too_large'
      : status === 431 || status === 414
        ? 'too_long'
        : 'bad_request';
}
