import { isKnownEvent, type KnownEvent, type LineEvent } from '../line/event-schema.js';
import { skippedEvent } from '../line/skipped-events.js';
import type { Postback, PostbackParser } from './postback.js';

/** What kind of work an event asks for; decided from the event alone (pure). */
export type Route =
  | { to: 'follow' }
  | { to: 'unfollow' }
  | { to: 'text'; text: string }
  | { to: 'postback'; postback: Postback | null; params: Record<string, string> }
  | { to: 'media'; kind: 'sticker' | 'video' | 'audio'; messageId: string }
  /** `external`: the content is a link elsewhere, not bytes LINE holds for the bot. */
  | { to: 'media'; kind: 'image'; messageId: string; external: boolean }
  | { to: 'media'; kind: 'file'; messageId: string; fileName: string; fileSize: number }
  | { to: 'media'; kind: 'location'; messageId: string; location: Place }
  | { to: 'ignore'; reason: string };

/** A location message's place, as the resident shared it. */
export interface Place {
  title?: string;
  address?: string;
  latitude: number;
  longitude: number;
}

/** Without the features' schemas (the intake only asks whether to ignore), no button data is read. */
const READ_NO_BUTTONS: PostbackParser = () => null;

/**
 * The route for an event parsed at intake (src/line/event-schema.ts): the fields read here
 * are guaranteed by the schema, so no event reaches a handler as a TypeError. Postback data
 * is read with `parse`, the owning feature's schema (FeatureRegistry.parsePostback).
 */
export function routeEvent(event: LineEvent, parse: PostbackParser = READ_NO_BUTTONS): Route {
  const skipped = skippedEvent(event);
  if (skipped) return { to: 'ignore', reason: skipped };
  if (event.source?.type !== 'user') return { to: 'ignore', reason: 'not-one-to-one' };
  if (!isKnownEvent(event)) return { to: 'ignore', reason: `event:${event.type}` };
  switch (event.type) {
    case 'follow':
      return { to: 'follow' };
    case 'unfollow':
      return { to: 'unfollow' };
    case 'postback':
      return {
        to: 'postback',
        postback: parse(event.postback.data),
        params: event.postback.params ?? {},
      };
    case 'message':
      return routeMessage(event.message);
    default:
      return { to: 'ignore', reason: `event:${event.type}` };
  }
}

type MessageContent = Extract<KnownEvent, { type: 'message' }>['message'];

type Content<T extends string> = Extract<MessageContent, { type: T }>;

/** A message's route, with what a handler reads of it (the text, the place, the image's id). */
function routeMessage(message: MessageContent): Route {
  switch (message.type) {
    case 'text':
      return { to: 'text', text: (message as Content<'text'>).text };
    case 'image': {
      const external = (message as Content<'image'>).contentProvider.type === 'external';
      return { to: 'media', kind: 'image', messageId: message.id, external };
    }
    case 'file': {
      const { fileName, fileSize } = message as Content<'file'>;
      return { to: 'media', kind: 'file', messageId: message.id, fileName, fileSize };
    }
    case 'location': {
      const { title, address, latitude, longitude } = message as Content<'location'>;
      const location = { ...(title ? { title } : {}), ...(address ? { address } : {}), latitude, longitude };
      return { to: 'media', kind: 'location', messageId: message.id, location };
    }
    case 'sticker':
    case 'video':
    case 'audio':
      return { to: 'media', kind: message.type, messageId: message.id };
    default:
      return { to: 'ignore', reason: `message:${message.type}` };
  }
}
