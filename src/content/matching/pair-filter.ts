/**
 * A quick "no" before `text.includes(piece)`: a piece can only occur in a text whose adjacent
 * UTF-16 unit pairs include the piece's first pair. Every typo-tolerant phrase check starts by
 * looking for its pieces in the message (about 250 phrases, 500 `includes` per message); the
 * message's pairs are noted once, and most pieces are ruled out by one array read.
 *
 * Pairs are kept by the low bytes of their two units (Thai and Latin letters each have distinct
 * low bytes within their block), so two pairs may share a slot: that only lets a piece through
 * to `includes`, which still decides. The answer is never changed, only reached sooner.
 */

/** Slots of the pairs present in the last text seen, and which were set (to clear them). */
const present = new Uint8Array(1 << 16);
const setSlots: number[] = [];
let lastText: string | null = null;

const slotOf = (first: number, second: number): number => ((first & 0xff) << 8) | (second & 0xff);

/** The slot of a piece's first pair, or -1 when the piece is shorter than a pair (never filtered). */
export function pairSlot(piece: string): number {
  return piece.length < 2 ? -1 : slotOf(piece.charCodeAt(0), piece.charCodeAt(1));
}

/**
 * The pairs of `text` as slots: `pairsOf(text)[pairSlot(piece)] === 1` whenever `text` holds
 * `piece`. Noted once per text in a row (a message is matched against every list before the
 * next); the array is overwritten by the next text, so read it before asking about another.
 */
export function pairsOf(text: string): Uint8Array {
  if (text === lastText) return present;
  for (const slot of setSlots) present[slot] = 0;
  setSlots.length = 0;
  for (let i = 0; i + 1 < text.length; i++) {
    const slot = slotOf(text.charCodeAt(i), text.charCodeAt(i + 1));
    if (present[slot] === 0) {
      present[slot] = 1;
      setSlots.push(slot);
    }
  }
  lastText = text;
  return present;
}
