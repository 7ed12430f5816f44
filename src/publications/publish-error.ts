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
