import type { LineEvent } from '../../src/line/event-schema.js';
import { textEvent, userId } from './events.js';

/** A text event from a resident, as intake hands it to the inbox: its id and the parsed event. */
export const inboxEvent = (text: string, user = 1) => {
  const event = textEvent(userId(user), text) as unknown as LineEvent & { webhookEventId: string };
  return { id: event.webhookEventId, event };
};
