import type { z } from 'zod';
import type { ButtonOf, Feature } from '../../src/bot/feature.js';
import { FeatureRegistry } from '../../src/bot/feature-registry.js';
import { FEEDBACK_BUTTONS } from '../../src/feedback/feedback-feature.js';
import { BROWSE_BUTTONS } from '../../src/handlers/browse.js';
import { SUBSCRIPTION_BUTTONS } from '../../src/subscriptions/chat/subscription-buttons.js';
import { TIP_BUTTONS } from '../../src/tips/chat/tip-buttons.js';

/** A feature with the buttons of a shipped one and handlers that do nothing: for reading data only. */
function buttonsOnly(name: string, buttons: Record<string, z.ZodType>): Feature {
  const handle = async () => {};
  return { name, postbacks: Object.fromEntries(Object.entries(buttons).map(([a, schema]) => [a, { schema, handle }])) };
}

/** Any button of the shipped features, typed by its action. */
export type Postback =
  | ButtonOf<typeof BROWSE_BUTTONS>
  | ButtonOf<typeof SUBSCRIPTION_BUTTONS>
  | ButtonOf<typeof TIP_BUTTONS>
  | ButtonOf<typeof FEEDBACK_BUTTONS>;

const shipped = new FeatureRegistry([
  buttonsOnly('answers', BROWSE_BUTTONS),
  buttonsOnly('subscriptions', SUBSCRIPTION_BUTTONS),
  buttonsOnly('tips', TIP_BUTTONS),
  buttonsOnly('feedback', FEEDBACK_BUTTONS),
]);

/** Reads button data as the assembled bot does: null when no feature's schema takes it. */
export function parsePostback(data: string): Postback | null {
  return shipped.parsePostback(data) as Postback | null;
}

/** The actions of the shipped features' buttons (the assembled bot must own exactly these). */
export const SHIPPED_ACTIONS = shipped.postbackActions();

/** The same reader, for handing to the router. */
export const readShippedPostback = shipped.parsePostback;
