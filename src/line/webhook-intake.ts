import { createHash } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { Inbox, InboxEntry } from './inbox.js';
import { routeEvent } from '../bot/router.js';

const BodySchema = z.object({
  destination: z.string().optional(),
  events: z.array(z.unknown()),
});
const EventSchema = z.looseObject({ type: z.string().min(1), timestamp: z.number().optional(), webhookEventId: z.string().min(1).max(100).optional() });

export class BadWebhookBody extends Error {
  override name = 'BadWebhookBody';
}

/**
 * The webhook's one job before answering LINE: put the new events on disk. Events to be
 * ignored (standby, console verification) are not stored; a malformed event is skipped
 * and logged without failing the others; a repeated webhookEventId is dropped.
 */
export class WebhookIntake {
  constructor(
    private readonly inbox: Inbox,
    private readonly onAdmitted: (entry: InboxEntry) => void,
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {}

  async accept(body: unknown): Promise<number> {
    const parsed = BodySchema.safeParse(body);
    if (!parsed.success) throw new BadWebhookBody('body must be an object with an events array');
    const wanted: Array<{ id: string; event: webhook.Event }> = [];
    parsed.data.events.forEach((raw, i) => {
      const ok = EventSchema.safeParse(raw);
      if (!ok.success) {
        this.logger.warn('malformed event skipped', { index: i });
        return;
      }
      const event = ok.data as unknown as webhook.Event;
      const route = routeEvent(event);
      if (route.to === 'ignore' && (route.reason === 'standby' || route.reason === 'verification')) {
        this.logger.info('event', { eventId: ok.data.webhookEventId ?? null, type: event.type, intent: route.reason, outcome: 'ignored', ms: 0 });
        return;
      }
      wanted.push({ id: ok.data.webhookEventId ?? createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 26), event });
    });
    const admitted = await this.inbox.admit(wanted, this.clock());
    if (admitted.length < wanted.length) this.logger.info('redelivery dropped', { count: wanted.length - admitted.length });
    // Handled after the 200 has gone: queue on the next turn of the event loop.
    setImmediate(() => admitted.forEach((entry) => this.onAdmitted(entry)));
    return admitted.length;
  }
}
