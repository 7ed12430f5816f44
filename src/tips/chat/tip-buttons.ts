import { z } from 'zod';
import { buttonEncoder } from '../../bot/button-set.js';

/**
 * The tip channel's buttons: the date-time picker of the "when" step (the chosen time comes
 * in the event's params, not the data) and the long explanation (who reads a tip,
 * deadlines, outside channels).
 */
export const TIP_BUTTONS = {
  'tip-when': z.object({}),
  'tip-info': z.object({}),
};

/** The data of a tip channel button, typed from its schema. */
export const tipButton = buttonEncoder(TIP_BUTTONS);
