import type { Cell } from './model.js';

/** A cell of a measure's table as plain text: its list items' own numbers or bullets kept. */

const NUMBER_MARKER = /^\s*((?:[0-9๐-๙]{1,3}\.)+(?:[0-9๐-๙]{1,3})?|[0-9๐-๙]{1,3}\))\s*/;
const BULLET_MARKER = /^\s*[-–•·*]\s*/;
const BULLET = '•';
/** Shown for an empty cell: LINE refuses empty texts, and a blank would look like an error. */
export const EMPTY_CELL = 'ไม่ระบุ';

/** A list item's own number ("๑.", "๒.๑") or a bullet, and the text after it. */
export function markerOf(item: string): { marker: string; text: string } {
  const numbered = NUMBER_MARKER.exec(item);
  if (numbered?.[1] && item.length > numbered[0].length) {
    return { marker: numbered[1], text: item.slice(numbered[0].length).trim() };
  }
  const bulleted = BULLET_MARKER.exec(item);
  const text = bulleted ? item.slice(bulleted[0].length).trim() : item.trim();
  return { marker: BULLET, text: text || item.trim() || EMPTY_CELL };
}

/** A cell as one line of plain text, for cards and alt texts. */
export function cellPlain(cell: Cell): string {
  const text =
    cell.kind === 'text'
      ? cell.text
      : cell.items
          .map((item) => markerOf(item))
          .map(({ marker, text: t }) => `${marker} ${t}`)
          .join(' ');
  return text.replace(/\s+/g, ' ').trim() || EMPTY_CELL;
}
