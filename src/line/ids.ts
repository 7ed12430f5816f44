/**
 * LINE ids checked before any SDK call: @line/bot-sdk 11.0.0 puts ids into URL paths without
 * encoding them, so an unchecked id could change the path that is called.
 */
export const USER_ID = /^U[0-9a-f]{32}$/;
const MESSAGE_ID = /^\d{1,32}$/;

export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && USER_ID.test(value);
}

export function isMessageId(value: unknown): value is string {
  return typeof value === 'string' && MESSAGE_ID.test(value);
}
