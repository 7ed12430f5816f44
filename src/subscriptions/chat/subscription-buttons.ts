import { z } from 'zod';
import { buttonEncoder } from '../../bot/button-set.js';
import { ButtonId } from '../../bot/postback.js';
import { PUBLICATION_BUTTONS } from '../../flex/publication-buttons.js';

const OnOff = z.enum(['0', '1']);

/**
 * The subscriptions feature's buttons: the settings card, one topic on/off, all on/off, a
 * publication in full (its schema sits with the views that draw it), and the erasure
 * confirmation (`ok=1`, or declined; `t` = the minute the question was asked, so an old card
 * expires).
 */
export const SUBSCRIPTION_BUTTONS = {
  topics: z.object({}),
  topic: z.object({ id: ButtonId, on: OnOff }),
  'topics-all': z.object({ on: OnOff }),
  ...PUBLICATION_BUTTONS,
  erase: z.object({ ok: OnOff, t: z.coerce.number().int().nonnegative() }),
};

/** The data of a subscriptions button, typed from its schema. */
export const subscriptionButton = buttonEncoder(SUBSCRIPTION_BUTTONS);
