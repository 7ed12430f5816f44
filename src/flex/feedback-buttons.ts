import { z } from 'zod';
import { buttonEncoder } from '../bot/button-set.js';

/**
 * The feedback feature's button (handled in src/feedback/feedback-feature.ts, drawn at the
 * foot of answers here): "was this helpful?" `q` = the question's id in the question log,
 * v=1 yes, v=0 no.
 */
export const FEEDBACK_BUTTONS = {
  fb: z.object({ q: z.string().regex(/^[a-z0-9]{8,24}$/), v: z.enum(['0', '1']) }),
};

/** The data of a feedback button, typed from its schema. */
export const feedbackButton = buttonEncoder(FEEDBACK_BUTTONS);
