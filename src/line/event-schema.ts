import type { webhook } from '@line/bot-sdk';
import { z } from 'zod';

/**
 * LINE's webhook events as zod schemas (../shared/line-openapi/webhook.yml), parsed once at
 * intake. What a handler reads is then guaranteed: a postback has its `postback.data`, a text
 * message its `text`, and a type LINE adds later arrives as an event of unknown type with
 * only the common fields. Fields the schema does not name are dropped, so nothing LINE did
 * not document is stored or reaches a handler.
 */

const id = z.string().min(1).max(100);
/** LINE's type names are camelCase words; anything else is not logged or stored as a type. */
const EVENT_TYPE = /^[A-Za-z]{1,32}$/;
const int = z.number().int();

const SourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: z.string().optional() }),
  z.object({ type: z.literal('group'), groupId: z.string(), userId: z.string().optional() }),
  z.object({ type: z.literal('room'), roomId: z.string(), userId: z.string().optional() }),
]);

/** Fields every event has. Only `type` is insisted on: the others are filled in when absent. */
const base = {
  timestamp: z.number().optional(),
  mode: z.enum(['active', 'standby']).default('active'),
  source: SourceSchema.optional(),
  webhookEventId: id.optional(),
  deliveryContext: z.object({ isRedelivery: z.boolean() }).default({ isRedelivery: false }),
  // The demo's stand-in sends null where LINE leaves the field out.
  replyToken: z.string().max(100).nullish(),
};

const ContentProvider = z.object({
  type: z.enum(['line', 'external']),
  originalContentUrl: z.string().optional(),
  previewImageUrl: z.string().optional(),
});
const messageBase = { id, quoteToken: z.string().optional(), markAsReadToken: z.string().optional() };
const Emoji = z.object({ index: int, length: int, productId: z.string(), emojiId: z.string() });
const Mentionee = z.object({
  type: z.string(),
  index: int,
  length: int,
  userId: z.string().optional(),
  isSelf: z.boolean().optional(),
});

const KNOWN_MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'file', 'location', 'sticker'] as const;
const KnownMessage = z.discriminatedUnion('type', [
  z.object({
    ...messageBase,
    type: z.literal('text'),
    text: z.string(),
    emojis: z.array(Emoji).optional(),
    mention: z.object({ mentionees: z.array(Mentionee) }).optional(),
    quotedMessageId: z.string().optional(),
  }),
  z.object({
    ...messageBase,
    type: z.literal('image'),
    contentProvider: ContentProvider,
    imageSet: z.object({ id: z.string(), index: int.optional(), total: int.optional() }).optional(),
  }),
  z.object({
    ...messageBase,
    type: z.literal('video'),
    contentProvider: ContentProvider,
    duration: z.number().optional(),
  }),
  z.object({
    ...messageBase,
    type: z.literal('audio'),
    contentProvider: ContentProvider,
    duration: z.number().optional(),
  }),
  z.object({ ...messageBase, type: z.literal('file'), fileName: z.string(), fileSize: z.number() }),
  z.object({
    ...messageBase,
    type: z.literal('location'),
    title: z.string().optional(),
    address: z.string().optional(),
    latitude: z.number(),
    longitude: z.number(),
  }),
  z.object({
    ...messageBase,
    type: z.literal('sticker'),
    packageId: z.string(),
    stickerId: z.string(),
    stickerResourceType: z.string().optional(),
    keywords: z.array(z.string()).optional(),
    text: z.string().optional(),
    quotedMessageId: z.string().optional(),
  }),
]);
/** A message type LINE adds later: kept with its id only. */
const OtherMessage = z.object({
  type: z
    .string()
    .regex(EVENT_TYPE)
    .refine((t) => !(KNOWN_MESSAGE_TYPES as readonly string[]).includes(t)),
  id,
});
const Message = z.union([KnownMessage, OtherMessage]);

const Members = z.object({ members: z.array(z.object({ type: z.literal('user'), userId: z.string().optional() })) });
const Membership = z.object({ type: z.enum(['joined', 'left', 'renewed']), membershipId: int });
const Module = z.discriminatedUnion('type', [
  z.object({ type: z.literal('attached'), botId: z.string(), scopes: z.array(z.string()) }),
  z.object({ type: z.literal('detached'), botId: z.string(), reason: z.string() }),
]);

const KnownEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('message'), message: Message }),
  z.object({ ...base, type: z.literal('unsend'), unsend: z.object({ messageId: z.string() }) }),
  z.object({ ...base, type: z.literal('follow'), follow: z.object({ isUnblocked: z.boolean() }).optional() }),
  z.object({ ...base, type: z.literal('unfollow') }),
  z.object({ ...base, type: z.literal('join') }),
  z.object({ ...base, type: z.literal('leave') }),
  z.object({ ...base, type: z.literal('memberJoined'), joined: Members }),
  z.object({ ...base, type: z.literal('memberLeft'), left: Members }),
  z.object({
    ...base,
    type: z.literal('postback'),
    postback: z.object({ data: z.string(), params: z.record(z.string(), z.string()).optional() }),
  }),
  z.object({ ...base, type: z.literal('videoPlayComplete'), videoPlayComplete: z.object({ trackingId: z.string() }) }),
  z.object({
    ...base,
    type: z.literal('beacon'),
    beacon: z.object({ hwid: z.string(), type: z.string(), dm: z.string().optional() }),
  }),
  z.object({
    ...base,
    type: z.literal('accountLink'),
    link: z.object({ result: z.enum(['ok', 'failed']), nonce: z.string() }),
  }),
  z.object({ ...base, type: z.literal('membership'), membership: Membership }),
  z.object({ ...base, type: z.literal('module'), module: Module }),
  z.object({ ...base, type: z.literal('activated'), chatControl: z.object({ expireAt: z.number() }) }),
  z.object({ ...base, type: z.literal('deactivated') }),
  z.object({ ...base, type: z.literal('botSuspended') }),
  z.object({ ...base, type: z.literal('botResumed') }),
  z.object({ ...base, type: z.literal('delivery'), delivery: z.object({ data: z.string() }) }),
]);
export type KnownEvent = z.output<typeof KnownEventSchema>;
export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set(KnownEventSchema.options.map((o) => o.shape.type.value));

/** An event type LINE adds later (or no client of ours knows): the common fields only. */
const UnknownEventSchema = z.object({
  ...base,
  type: z
    .string()
    .regex(EVENT_TYPE)
    .refine((t) => !KNOWN_EVENT_TYPES.has(t)),
});
export type UnknownEvent = z.output<typeof UnknownEventSchema>;

/** A webhook event as parsed at intake. */
export type LineEvent = KnownEvent | UnknownEvent;

export function isKnownEvent(event: LineEvent): event is KnownEvent {
  return KNOWN_EVENT_TYPES.has(event.type);
}

/** No documented event is nested deeper than 6; anything past this is not from LINE. */
const MAX_EVENT_DEPTH = 16;

export type ParsedEvent = { ok: true; event: LineEvent } | { ok: false; type: string | null; problem: string };

/**
 * Parses one raw event. A failure says which field was wrong (a path and a code, never a
 * value), so it can be logged without the resident's content.
 */
export function parseEvent(raw: unknown): ParsedEvent {
  const type = typeof raw === 'object' && raw !== null ? safeType((raw as { type?: unknown }).type) : null;
  if (depthExceeds(raw, MAX_EVENT_DEPTH)) return { ok: false, type, problem: `nested deeper than ${MAX_EVENT_DEPTH}` };
  const schema = type !== null && KNOWN_EVENT_TYPES.has(type) ? KnownEventSchema : UnknownEventSchema;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, event: result.data };
  const issue = result.error.issues[0];
  return { ok: false, type, problem: issue ? `${fieldPath(issue.path)}: ${issue.code}` : 'invalid' };
}

/** Where the problem is, as schema field names: the keys under postback.params are the sender's, so they are left out. */
function fieldPath(path: PropertyKey[]): string {
  const cut = path.indexOf('params');
  return (cut < 0 ? path : path.slice(0, cut + 1)).map(String).join('.') || '(event)';
}

/** The event's type for a log line, only when it looks like one (it is sender-controlled). */
function safeType(value: unknown): string | null {
  return typeof value === 'string' && EVENT_TYPE.test(value) ? value : null;
}

/**
 * Whether `value` nests deeper than `limit`, found without recursion (a deep body must not
 * overflow the stack) and stopping at the first level past the limit.
 */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 0 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push({ v: child, d: d + 1 });
  }
  return false;
}

/**
 * The event as the SDK's type, for the dispatcher and the handlers. The fields they read are
 * the ones the schema checked; an event of unknown type passes as it would from the SDK
 * (whose union has no member for it), and the router ignores it.
 */
export function toSdkEvent(event: LineEvent): webhook.Event {
  return event as unknown as webhook.Event;
}
