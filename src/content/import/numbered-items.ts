import { parseThaiInt } from '../../thai/digits.js';

/**
 * An item marker such as "๑." or "2.": at the start or after whitespace, and not followed by a
 * digit (so "๙๓.๐๕" and "๒.๑" are not markers).
 */
const MARKER = /(^|\s)([0-9๐-๙]{1,2})\.(?![0-9๐-๙])/g;
const LEADING_BULLET = /^(?:[-–•*]\s*|[0-9๐-๙]{1,2}\.(?![0-9๐-๙])\s*)/;

/**
 * Splits text written as inline numbered items ("๑.จัดทำ… ๒.จัดทำ… ๓.จัดประชุม…") into the
 * items, without their numbers. Only markers in sequence 1, 2, 3… count, and the text must open
 * with item 1, so numbers inside the wording ("มาตรา ๙", "พ.ศ. ๒๕๔๐") never split it.
 * Returns null when the text is not such a list (fewer than two items in sequence).
 * The text is expected to be whitespace-collapsed already.
 */
export function splitNumberedItems(text: string): string[] | null {
  const markers: { start: number; bodyStart: number }[] = [];
  for (const match of text.matchAll(MARKER)) {
    const [whole, before = '', digits = ''] = match;
    if (parseThaiInt(digits) !== markers.length + 1) continue;
    const start = match.index + before.length;
    if (markers.length === 0 && start !== 0) return null;
    markers.push({ start, bodyStart: match.index + whole.length });
  }
  if (markers.length < 2) return null;
  const items = markers
    .map((marker, i) => text.slice(marker.bodyStart, markers[i + 1]?.start ?? text.length).trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : null;
}

/** Removes one leading bullet ("- ", "• ") or item number ("๑. ", "1.") from a list item. */
export function stripLeadingBullet(item: string): string {
  return item.replace(LEADING_BULLET, '').trim();
}
