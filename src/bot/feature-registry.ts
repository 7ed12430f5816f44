import type { BotContext } from './context.js';
import type {
  EventHandler,
  Feature,
  FeatureRoute,
  Flow,
  Intent,
  IntentHandler,
  PostbackDefinition,
} from './feature.js';
import { addressOf, RouteAddresses } from './feature-routes.js';
import { decodePostback, type Postback } from './postback.js';

/** Two features claim one key: a wiring mistake, found at start instead of in a resident's chat. */
export class DuplicateFeatureKey extends Error {
  override name = 'DuplicateFeatureKey';
  constructor(kind: string, key: string, first: string, second: string) {
    super(`features "${first}" and "${second}" both claim the ${kind} "${key}"`);
  }
}

/** Keys of one kind, each remembered with the feature that claimed it. */
class Claims<T> {
  private readonly byKey = new Map<string, { feature: string; value: T }>();
  constructor(private readonly kind: string) {}

  claim(feature: string, key: string, value: T): void {
    const held = this.byKey.get(key);
    if (held) throw new DuplicateFeatureKey(this.kind, key, held.feature, feature);
    this.byKey.set(key, { feature, value });
  }

  get(key: string): T | undefined {
    return this.byKey.get(key)?.value;
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  values(): T[] {
    return [...this.byKey.values()].map((v) => v.value);
  }
}

/**
 * The features of the bot, composed once at start. Every key (intent, postback action, flow,
 * follow/unfollow, HTTP path) has exactly one owner; a second claim throws, naming both. A
 * route must also keep clear of the app's own addresses and of other routes
 * (src/bot/feature-routes.ts).
 * The dispatcher asks the registry; nothing else knows a feature's keys.
 */
export class FeatureRegistry {
  private readonly intents = new Claims<IntentHandler>('intent');
  private readonly postbacks = new Claims<PostbackDefinition>('postback action');
  private readonly flows = new Claims<Flow>('conversation flow');
  private readonly events = new Claims<EventHandler>('event');
  private readonly routeClaims = new Claims<FeatureRoute>('route');
  private readonly addresses = new RouteAddresses();
  private readonly textClaims: Array<NonNullable<Feature['claimText']>> = [];

  constructor(readonly features: readonly Feature[]) {
    const names = new Claims<true>('feature name');
    for (const f of features) {
      names.claim(f.name, f.name, true);
      for (const [key, handler] of Object.entries(f.intents ?? {}))
        this.intents.claim(f.name, key, handler as IntentHandler);
      for (const [key, def] of Object.entries(f.postbacks ?? {})) this.postbacks.claim(f.name, key, def);
      for (const [key, flow] of Object.entries(f.flows ?? {})) this.flows.claim(f.name, key, flow);
      for (const [key, handler] of Object.entries(f.events ?? {})) this.events.claim(f.name, key, handler);
      for (const route of f.routes ?? []) {
        this.routeClaims.claim(f.name, addressOf(route), route);
        this.addresses.claim(f.name, route);
      }
      if (f.claimText) this.textClaims.push(f.claimText);
    }
  }

  intent(intent: Intent): IntentHandler | undefined {
    return this.intents.get(intent);
  }

  flow(name: string): Flow | undefined {
    return this.flows.get(name);
  }

  event(type: 'follow' | 'unfollow'): EventHandler | undefined {
    return this.events.get(type);
  }

  /** Every button action some feature owns. */
  postbackActions(): string[] {
    return this.postbacks.keys();
  }

  /** The schema a button's data is read with (tests compare a registry's buttons with the bot's). */
  postbackSchema(action: string): PostbackDefinition['schema'] | undefined {
    return this.postbacks.get(action)?.schema;
  }

  /** The HTTP routes of every feature, in the order the features were given. */
  routes(): FeatureRoute[] {
    return this.routeClaims.values();
  }

  /** Postback data read with its owner's schema; null for an unknown action or data outside it. */
  readonly parsePostback = (data: string): Postback | null => {
    const decoded = decodePostback(data);
    if (!decoded) return null;
    const { a, ...fields } = decoded;
    const parsed = this.postbacks.get(a)?.schema.safeParse(fields);
    return parsed?.success ? { ...(parsed.data as object), a } : null;
  };

  /** Runs the button's handler; false when no feature owns the action. */
  async handlePostback(ctx: BotContext, postback: Postback, params: Record<string, string>): Promise<boolean> {
    const { a, ...fields } = postback;
    const def = this.postbacks.get(a);
    if (!def) return false;
    await def.handle(ctx, fields, params);
    return true;
  }

  /** Offers a typed text to the features that look at text first; true when one answered. */
  async claimText(ctx: BotContext, text: string): Promise<boolean> {
    for (const claim of this.textClaims) if (await claim(ctx, text)) return true;
    return false;
  }

  /** Starts each feature's timers and background work, in order. */
  async start(): Promise<void> {
    for (const f of this.features) await f.start?.();
  }

  /** Closes the features in reverse order (later ones may use earlier ones). */
  async close(): Promise<void> {
    for (const f of [...this.features].reverse()) await f.close?.();
  }
}
