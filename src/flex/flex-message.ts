import type { messagingApi } from '@line/bot-sdk';
import { LIMITS, truncate } from './template.js';

/** Flex message wrappers that keep LINE's size limits: bubble ≤ 30 KB, carousel ≤ 12 bubbles and ≤ 50 KB. */
const BUBBLE_MAX_BYTES = 30_000;
const CAROUSEL_MAX_BYTES = 50_000;
const CAROUSEL_MAX_BUBBLES = 12;

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

function checkBubble(bubble: messagingApi.FlexBubble): void {
  const bytes = jsonBytes(bubble);
  // The page layout keeps pages far below this; reaching it is a bug, not something to send.
  if (bytes > BUBBLE_MAX_BYTES) throw new Error(`Flex bubble is ${bytes} B, over LINE's ${BUBBLE_MAX_BYTES} B`);
}

/** One bubble as a Flex message; altText is what the notification and old clients show. */
export function bubbleMessage(altText: string, bubble: messagingApi.FlexBubble): messagingApi.FlexMessage {
  checkBubble(bubble);
  return { type: 'flex', altText: truncate(altText, LIMITS.altText), contents: bubble };
}

/**
 * Carousel cards are "kilo" (LINE's 260 px of a phone's ~360): narrower than the screen, so
 * the edge of the next card shows that there is one. One size for all also keeps LINE's rule
 * that the bubbles of a carousel share a size.
 */
const CAROUSEL_CARD_SIZE = 'kilo';

/**
 * Bubbles as carousels of at most 12 bubbles and 50 KB each (in order); `altText(i, n)` names
 * carousel i of n. Every bubble is made a card of CAROUSEL_CARD_SIZE.
 */
export function carouselMessages(
  bubbles: readonly messagingApi.FlexBubble[],
  altText: (index: number, count: number) => string,
): messagingApi.FlexMessage[] {
  const groups: messagingApi.FlexBubble[][] = [];
  let group: messagingApi.FlexBubble[] = [];
  for (const card of bubbles) {
    const bubble: messagingApi.FlexBubble = { ...card, size: CAROUSEL_CARD_SIZE };
    checkBubble(bubble);
    const tooMany = group.length >= CAROUSEL_MAX_BUBBLES;
    const tooBig =
      group.length > 0 && jsonBytes({ type: 'carousel', contents: [...group, bubble] }) > CAROUSEL_MAX_BYTES;
    if (tooMany || tooBig) {
      groups.push(group);
      group = [];
    }
    group.push(bubble);
  }
  if (group.length > 0) groups.push(group);
  return groups.map((contents, i) => ({
    type: 'flex',
    altText: truncate(altText(i, groups.length), LIMITS.altText),
    contents: { type: 'carousel', contents },
  }));
}
