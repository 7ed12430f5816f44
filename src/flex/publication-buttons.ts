import { z } from 'zod';
import { buttonEncoder } from '../bot/button-set.js';
import { ButtonId } from '../bot/postback.js';

/**
 * "Read in full" under a publication: one of the subscriptions feature's buttons (handled in
 * src/subscriptions/chat/subscription-latest.ts), drawn by answers here too, so it lives
 * where views may import it.
 */
export const PUBLICATION_BUTTONS = {
  pub: z.object({ id: ButtonId }),
};

/** The data of a publication button, typed from its schema. */
export const publicationButton = buttonEncoder(PUBLICATION_BUTTONS);
