/**
 * A problem the user can understand and act on, with the Thai sentence to tell them.
 * Anything else thrown by a handler is a bug: logged once and answered with an apology.
 */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(
    readonly userMessage: string,
    readonly code: string,
  ) {
    super(code);
  }
}
