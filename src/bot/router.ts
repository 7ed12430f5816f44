import { isKnownEvent, type KnownEvent, type LineEvent } from '../line/event-schema.js';
import { skippedEvent } from '../line/skipped-events.js';
import { parsePostback, type Postback } from './postback.js';

/** What kind of work an event asks for; decided from the event alone (pure). */
export type Route =
  | { to: 'follow' }
  | { to: 'unfollow' }
  | { to: 'text'; text: string }
  | { to: 'postback'; postback: Postback | null; params: Record<string, string> }
  | { to: 'media'; kind: 'sticker' | 'image' | 'video' | 'audio' | 'file' | 'location'; messageId: string | null }
  | { to: 'ignore'; reason: string };

/**
 * The route for an event parsed at intake (src/line/event-schema.ts): the fields read here
 * are guaranteed by the schema, so no event reaches a handler as a TypeError.
 */
export function routeEvent(event: LineEvent): Route {
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
      return { to: 'postback', postback: parsePostback(event.postback.data), params: event.postback.params ?? {} };
    case 'message':
      return routeMessage(event.message);
    default:
      return { to: 'ignore', reason: `event:${event.type}` };
  }
}

type MessageContent = Extract<KnownEvent, { type: 'message' }>['message'];

function routeMessage(message: MessageContent): Route {
  switch (message.type) {
    case 'text':
      return { to: 'text', text: (message as Extract<MessageContent, { type: 'text' }>).text };
    case 'sticker':
    case 'image':
    case 'video':
    case 'audio':
    case 'file':
    case 'location':
      return { to: 'media', kind: message.type, messageId: message.id };
    default:
      return { to: 'ignore', reason: `message:${message.type}` };
  }
}
