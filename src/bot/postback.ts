import { z } from 'zod';

/**
 * Postback data carried by buttons and quick replies, encoded as a short query string
 * (`a=measure&id=...`) to stay under LINE's 300-character limit. `a` names the action; the
 * feature that owns the action owns the schema of the other fields (src/bot/feature.ts), so
 * this module knows no button. Forged or stale data becomes `null` at the boundary and a
 * polite "button expired" reply.
 */
export type Postback = { a: string } & { [field: string]: string | number | undefined };

/** Reads button data with its owner's schema (null: too long, unknown action, data outside its schema). */
export type PostbackParser = (data: string) => Postback | null;

/** LINE's limit on postback data. */
const MAX_DATA = 300;

/**
 * The wire form of button data, untyped. Source code makes buttons with a feature's button
 * set (src/bot/button-set.ts), whose input is typed from the schema; this is what it calls.
 */
export function encodePostback(postback: Postback): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(postback)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

/** The data's fields, or null when it is too long or names no action. Reads, never validates. */
export function decodePostback(data: string): ({ a: string } & Record<string, string>) | null {
  if (data.length > MAX_DATA) return null;
  const fields = Object.fromEntries(new URLSearchParams(data));
  const action = fields.a;
  return action ? { ...fields, a: action } : null;
}

/** An id a button carries (a measure, a topic, a publication): short, lower-case, no path tricks. */
export const ButtonId = z.string().regex(/^[a-z0-9-]{1,80}$/);
/** A page of a paged card. */
export const ButtonPage = z.coerce.number().int().min(0).max(50);
