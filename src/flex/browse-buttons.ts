import { z } from 'zod';
import { buttonEncoder, type ButtonOf } from '../bot/button-set.js';
import { ButtonId, ButtonPage } from '../bot/postback.js';

/**
 * The answers feature's menu buttons and their data (handled in src/handlers/browse.ts). They
 * live here, beside the cards that draw them, because views may not import features (layers
 * test). `id` of ita: an older fiscal year's result (none: the newest).
 */
export const BROWSE_BUTTONS = {
  menu: z.object({}),
  help: z.object({}),
  ita: z.object({ id: ButtonId.optional() }),
  measures: z.object({}),
  measure: z.object({ id: ButtonId, page: ButtonPage.optional() }),
  announcement: z.object({ page: ButtonPage.optional(), id: ButtonId.optional() }),
  section: z.object({ id: ButtonId }),
};

/** A menu destination: one of the answers feature's buttons, with its data. */
export type BrowseTarget = ButtonOf<typeof BROWSE_BUTTONS>;

/** The data of a menu button, typed from its schema. */
export const browseButton = buttonEncoder(BROWSE_BUTTONS);
