import { z } from 'zod';
import { ButtonId } from '../../bot/postback.js';

const OnOff = z.enum(['0', '1']);

/**
 * The subscriptions feature's buttons: the settings card, one topic on/off, all on/off, a
 * publication in full, and the erasure confirmation (`ok=1`, or declined; `t` = the minute the
 * question was asked, so an old card expires).
 */
export const SUBSCRIPTION_BUTTONS = {
  topics: z.object({}),
  topic: z.object({ id: ButtonId, on: OnOff }),
  'topics-all': z.object({ on: OnOff }),
  pub: z.object({ id: ButtonId }),
  erase: z.object({ ok: OnOff, t: z.coerce.number().int().nonnegative() }),
};
