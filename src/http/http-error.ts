/** The statuses a refusal may carry (CONTRACT.md: the staff API's 4xx set). */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429;

const CODES: Record<RefusalStatus, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  429: 'too_many_requests',
};

/**
 * A request refused on purpose: the one error type that carries an HTTP status. It holds the
 * status, a stable code, the words for the person on that surface (Thai in the console,
 * English in the staff API) and, for the API, details. Each surface maps it in its own error
 * funnel: the staff API as `{"error":{"code","message","details?"}}`, the console as a Thai
 * page with the message. Anything else reaching a funnel is a bug: logged, answered 500.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: RefusalStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A refusal with the usual code for its status (the console's pages show only the message). */
export const refusal = (status: RefusalStatus, message: string): HttpError =>
  new HttpError(status, CODES[status], message);

/** The staff API's 404 for a named thing. */
export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`);
