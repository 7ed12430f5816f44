import fs from 'node:fs';
import path from 'node:path';
import type { messagingApi } from '@line/bot-sdk';
import { FLEX_TEMPLATES_DIR } from '../paths.js';

/**
 * Flex templates are data: `flex-templates/<name>.json` is a Flex bubble that pastes into
 * LINE's Flex Simulator. Placeholders live only inside JSON string values:
 *
 * - `{{name}}` anywhere in a string is replaced by a value (string or number). The template is
 *   parsed first and values are put into the parsed strings, so a value can never break out of
 *   its string (no JSON is ever concatenated) and is not scanned again (`{{x}}` in a value
 *   stays literal text).
 * - A slot: an array element that is exactly `{"type":"text","text":"{{>name}}"}` is replaced by
 *   the components given for `name` (zero or more). Repeated parts are built from fragments:
 *   `flex-templates/fragments/<name>.json`, a bubble whose `body.contents` is the fragment.
 *
 * Filling fails (FlexTemplateError naming the template and placeholder) on a missing value, a
 * value no placeholder uses, a malformed placeholder, an empty text or label, or postback
 * data/uri over LINE's limit (cutting them would make a broken button);
 * texts, labels and altText over their limit are shortened with an ellipsis.
 */

export type FlexComponent = messagingApi.FlexComponent;
export type FillValue = string | number | readonly FlexComponent[];
export type FillValues = Readonly<Record<string, FillValue>>;

/** LINE's limits, in UTF-16 code units as LINE (and `String.length`) counts them. */
export const LIMITS = {
  text: 5000,
  altText: 1500,
  buttonLabel: 40,
  quickReplyLabel: 20,
  postbackData: 300,
  displayText: 300,
  messageText: 300,
  uri: 1000,
} as const;

export class FlexTemplateError extends Error {
  override name = 'FlexTemplateError';
}

const ELLIPSIS = '…';
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const SLOT = /^\{\{>([A-Za-z][A-Za-z0-9_]*)\}\}$/;
const PLACEHOLDER = /\{\{(.*?)\}\}/g;
const TEMPLATE_NAME = /^(?:fragments\/)?[a-z0-9-]+$/;
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

/** Shortens text to at most `max` UTF-16 units, cutting between graphemes and ending with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length + ELLIPSIS.length > max) break;
    out += segment;
  }
  return out.trimEnd() + ELLIPSIS;
}

/** What to do with a filled string, by its JSON key (or `parentType.key`), in Flex containers. */
const FIELD_RULES: Record<string, { max: number; onOver: 'truncate' | 'fail' }> = {
  text: { max: LIMITS.text, onOver: 'truncate' },
  'message.text': { max: LIMITS.messageText, onOver: 'truncate' },
  altText: { max: LIMITS.altText, onOver: 'truncate' },
  label: { max: LIMITS.buttonLabel, onOver: 'truncate' },
  displayText: { max: LIMITS.displayText, onOver: 'truncate' },
  data: { max: LIMITS.postbackData, onOver: 'fail' },
  uri: { max: LIMITS.uri, onOver: 'fail' },
};

interface FillContext {
  template: string;
  values: FillValues;
  used: Set<string>;
}

export class FlexTemplates {
  readonly #cache = new Map<string, unknown>();

  constructor(readonly dir: string = FLEX_TEMPLATES_DIR) {}

  /** The parsed template (cached; never handed out, only copied by `fill`). */
  load(name: string): unknown {
    if (!TEMPLATE_NAME.test(name)) throw new FlexTemplateError(`Flex template name "${name}" is not valid`);
    const cached = this.#cache.get(name);
    if (cached !== undefined) return cached;
    const file = path.join(this.dir, `${name}.json`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new FlexTemplateError(`Flex template "${name}" (${file}) cannot be read: ${(err as Error).message}`);
    }
    const type = (parsed as { type?: unknown } | null)?.type;
    if (type !== 'bubble' && type !== 'carousel') {
      throw new FlexTemplateError(`Flex template "${name}" is not a Flex bubble or carousel`);
    }
    this.#cache.set(name, parsed);
    return parsed;
  }

  /** A filled copy of the template; see the module comment for the rules. */
  fill(name: string, values: FillValues): messagingApi.FlexContainer {
    const ctx: FillContext = { template: name, values, used: new Set() };
    const filled = fillNode(this.load(name), ctx, '$', NO_FIELD);
    const unused = Object.keys(values).filter((key) => !ctx.used.has(key));
    if (unused.length > 0) {
      throw new FlexTemplateError(`Flex template "${name}" has no placeholder for value(s): ${unused.join(', ')}`);
    }
    return filled as messagingApi.FlexContainer;
  }

  /** The components of a fragment (`fragments/<name>.json`'s body.contents), filled. */
  fragment(name: string, values: FillValues): FlexComponent[] {
    const bubble = this.fill(`fragments/${name}`, values) as messagingApi.FlexBubble;
    const contents = bubble.body?.contents;
    if (!contents) throw new FlexTemplateError(`Flex fragment "${name}" has no body.contents`);
    return contents;
  }
}

/** Where a string sits: its JSON key and the `type` of the object holding it. */
interface Field {
  key: string;
  owner: string;
}
const NO_FIELD: Field = { key: '', owner: '' };

/** Template parts with no placeholder or slot anywhere inside, filled once and shared, frozen, by every fill. */
const filledOnce = new WeakMap<object, unknown>();
const placeholderInside = new WeakMap<object, boolean>();

function hasPlaceholder(node: unknown): boolean {
  if (typeof node === 'string') return node.includes('{{');
  if (node === null || typeof node !== 'object') return false;
  let known = placeholderInside.get(node);
  if (known === undefined) {
    known = (Array.isArray(node) ? node : Object.values(node)).some(hasPlaceholder);
    placeholderInside.set(node, known);
  }
  return known;
}

function fillNode(node: unknown, ctx: FillContext, at: string, field: Field): unknown {
  if (typeof node === 'string') return fillString(node, ctx, at, field);
  if (node !== null && typeof node === 'object' && !hasPlaceholder(node)) {
    // Its children are static too, so each is already frozen: freezing this level freezes all.
    let filled = filledOnce.get(node);
    if (filled === undefined) filledOnce.set(node, (filled = Object.freeze(fillParts(node, ctx, at))));
    return filled;
  }
  return fillParts(node, ctx, at);
}

function fillParts(node: unknown, ctx: FillContext, at: string): unknown {
  if (Array.isArray(node)) {
    return node.flatMap((item, i) => {
      const slot = slotName(item);
      return slot === null ? [fillNode(item, ctx, `${at}[${i}]`, NO_FIELD)] : slotContents(slot, ctx, `${at}[${i}]`);
    });
  }
  if (node !== null && typeof node === 'object') {
    const type = (node as { type?: unknown }).type;
    const owner = typeof type === 'string' ? type : '';
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = fillNode(value, ctx, `${at}.${key}`, { key, owner });
    return out;
  }
  return node;
}

function slotName(item: unknown): string | null {
  if (item === null || typeof item !== 'object') return null;
  const { type, text } = item as { type?: unknown; text?: unknown };
  if (type !== 'text' || typeof text !== 'string') return null;
  return SLOT.exec(text)?.[1] ?? null;
}

function slotContents(slot: string, ctx: FillContext, at: string): unknown[] {
  const value = ctx.values[slot];
  if (!Array.isArray(value)) {
    throw new FlexTemplateError(
      `Flex template "${ctx.template}": slot {{>${slot}}} at ${at} needs an array of components`,
    );
  }
  ctx.used.add(slot);
  return value.map((component: unknown) => structuredClone(component));
}

function fillString(template: string, ctx: FillContext, at: string, field: Field): string {
  const fail = (why: string) => new FlexTemplateError(`Flex template "${ctx.template}": ${why} at ${at}`);
  const filled = template.replace(PLACEHOLDER, (_match, inner: string) => {
    if (inner.startsWith('>')) throw fail(`slot {{${inner}}} must be the only text of an array element`);
    if (!NAME.test(inner)) throw fail(`malformed placeholder {{${inner}}}`);
    const value = ctx.values[inner];
    if (value === undefined) throw fail(`no value for placeholder {{${inner}}}`);
    if (typeof value !== 'string' && typeof value !== 'number')
      throw fail(`placeholder {{${inner}}} needs text, not components`);
    ctx.used.add(inner);
    return String(value);
  });
  // Left-overs can only come from the template itself (values are not rescanned).
  if (template.replace(PLACEHOLDER, '').includes('{{'))
    throw fail(`unclosed placeholder in "${truncate(template, 60)}"`);
  // LINE refuses empty texts and labels; an empty value is a builder bug, not something to send.
  if (filled === '' && (field.key === 'text' || field.key === 'label'))
    throw fail(`${field.key} is empty after filling`);
  const rule = FIELD_RULES[`${field.owner}.${field.key}`] ?? FIELD_RULES[field.key];
  if (!rule || filled.length <= rule.max) return filled;
  if (rule.onOver === 'fail') throw fail(`${field.key} is ${filled.length} chars (max ${rule.max})`);
  return truncate(filled, rule.max);
}

/** The shared, caching loader over `FLEX_TEMPLATES_DIR`. */
export const flexTemplates = new FlexTemplates();
