import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { InboxEntry } from './inbox.js';
import type { InboxStore } from './inbox-store.js';
import { parseEvent, type LineEvent } from './event-schema.js';
import { skippedEvent } from './skipped-events.js';

const BodySchema = z.object({
  destination: z.string().max(100).optional(),
  events: z.array(z.unknown()),
});

/** Skipped events logged one by one per body; the rest are counted in one line (a body of 100,000 empty objects must not flood the log). */
const SKIPS_LOGGED = 5;

export class BadWebhookBody extends Error {
  override name = 'BadWebhookBody';
}

/**
 * The webhook's one job before answering LINE: put the new events on disk. Each event is
 * parsed by schema on its own (src/line/event-schema.ts): a malformed one is skipped and
 * logged (its type and what was wrong, never its content) without failing the others.
 * Events to be ignored (standby, console verification) are not stored; a repeated
 * webhookEventId is dropped. The promise resolves once every kept event is stored.
 */
export class WebhookIntake {
  constructor(
    private readonly inbox: InboxStore,
    private readonly onAdmitted: (entry: InboxEntry) => void,
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {}

  async accept(body: unknown): Promise<number> {
    const parsed = BodySchema.safeParse(body);
    if (!parsed.success) throw new BadWebhookBody('body must be an object with an events array');
    const wanted: Array<{ id: string; event: LineEvent }> = [];
    let skipped = 0;
    parsed.data.events.forEach((raw, index) => {
      try {
        const kept = this.keep(raw, index, skipped < SKIPS_LOGGED);
        if (kept === 'malformed') skipped += 1;
        else if (kept !== 'ignored') wanted.push(kept);
      } catch (err) {
        // A bug on one event's path must not fail its neighbours (LINE would redeliver them all).
        this.logger.error('event skipped: intake failed', { index, error: (err as Error).name });
      }
    });
    if (skipped > SKIPS_LOGGED) this.logger.warn('malformed events skipped', { count: skipped });
    const admitted = await this.inbox.admit(wanted, this.clock());
    if (admitted.length < wanted.length)
      this.logger.info('redelivery dropped', { count: wanted.length - admitted.length });
    // Handled after the 200 has gone: queue on the next turn of the event loop.
    setImmediate(() => admitted.forEach((entry) => this.onAdmitted(entry)));
    return admitted.length;
  }

  /** The event with its id when it is to be stored. */
  private keep(
    raw: unknown,
    index: number,
    logSkip: boolean,
  ): { id: string; event: LineEvent } | 'ignored' | 'malformed' {
    const result = parseEvent(raw);
    if (!result.ok) {
      if (logSkip) this.logger.warn('malformed event skipped', { index, type: result.type, problem: result.problem });
      return 'malformed';
    }
    const event = result.event;
    const skipped = skippedEvent(event);
    if (skipped) {
      this.logger.info('event', {
        eventId: event.webhookEventId ?? null,
        type: event.type,
        intent: skipped,
        outcome: 'ignored',
        ms: 0,
      });
      return 'ignored';
    }
    // The schema bounds the event's depth, so it can be serialised (an id when LINE gave none).
    return {
      id: event.webhookEventId ?? createHash('sha256').update(JSON.stringify(event)).digest('hex').slice(0, 26),
      event,
    };
  }
}
