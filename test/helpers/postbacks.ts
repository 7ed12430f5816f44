import type { ButtonOf } from '../../src/bot/button-set.js';
import type { Feature } from '../../src/bot/feature.js';
import { FeatureRegistry } from '../../src/bot/feature-registry.js';
import { ContentLibrary } from '../../src/content/library.js';
import { SearchIndex } from '../../src/content/search-index.js';
import { feedbackFeature } from '../../src/feedback/feedback-feature.js';
import type { BROWSE_BUTTONS } from '../../src/flex/browse-buttons.js';
import type { FEEDBACK_BUTTONS } from '../../src/flex/feedback-buttons.js';
import { answersFeature } from '../../src/handlers/answers-feature.js';
import type { SUBSCRIPTION_BUTTONS } from '../../src/subscriptions/chat/subscription-buttons.js';
import { subscriptionFeature } from '../../src/subscriptions/subscription-feature.js';
import type { TIP_BUTTONS } from '../../src/tips/chat/tip-buttons.js';
import { createTipChat } from '../../src/tips/chat/tip-flow.js';

/** Stands for a dependency the features only use once a button is pressed: here none is. */
const unused = {} as never;

/**
 * The shipped features that own buttons, built as the runtime builds them but on throwaway
 * dependencies and never started: their postbacks (schemas and all) are the real ones. The
 * tip channel's buttons are its chat's (src/tips/tip-channel.ts hands them on as they are).
 * test/component/feature-buttons.test.ts checks the assembled bot owns exactly these.
 */
function shippedFeatures(): Feature[] {
  const library = new ContentLibrary([]);
  const index = new SearchIndex();
  const clock = () => new Date(0);
  return [
    answersFeature({ library, index, docs: [], synonyms: [], questions: unused, published: unused }),
    { name: 'tips', postbacks: createTipChat(unused).postbacks },
    subscriptionFeature({ friends: unused, feed: unused, agencyName: () => '', clock, timers: unused, logger: unused }),
    feedbackFeature({ questions: unused }),
  ];
}

/** Any button of the shipped features, typed by its action. */
export type Postback =
  | ButtonOf<typeof BROWSE_BUTTONS>
  | ButtonOf<typeof SUBSCRIPTION_BUTTONS>
  | ButtonOf<typeof TIP_BUTTONS>
  | ButtonOf<typeof FEEDBACK_BUTTONS>;

/** A registry of the shipped features' buttons: it reads data as the assembled bot does. */
export const shippedButtons = new FeatureRegistry(shippedFeatures());

/** Reads button data as the assembled bot does: null when no feature's schema takes it. */
export function parsePostback(data: string): Postback | null {
  return shippedButtons.parsePostback(data) as Postback | null;
}

/** The actions of the shipped features' buttons (the assembled bot must own exactly these). */
export const SHIPPED_ACTIONS = shippedButtons.postbackActions();

/** The same reader, for handing to the router. */
export const readShippedPostback = shippedButtons.parsePostback;
