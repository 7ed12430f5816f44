import type { AnnouncementItem } from '../model.js';
import { toArabicDigits, toThaiDigits } from '../../thai/digits.js';
import { ImportError } from './import-error.js';

const D = '[0-9๐-๙]{1,2}';
/** "๒.๑ text" (a sub-item, trailing dot optional) or "๒. text" (an item: the dot is required). */
const SUB_ITEM = new RegExp(`^(${D}(?:\\.${D})+)\\.?(?:\\s+|(?=[^0-9๐-๙.])|$)(.*)$`);
const ITEM = new RegExp(`^(${D})\\.(?![0-9๐-๙])\\s*(.*)$`);

/** An item being built, with the line it started on for "item has no text" errors. */
interface Draft {
  number: string;
  line: number;
  text: string;
  subItems: Draft[];
}

/** The numbered item a line starts, or null when the line is running text. */
export function itemMarker(text: string): { number: string; text: string } | null {
  const match = SUB_ITEM.exec(text) ?? ITEM.exec(text);
  return match ? { number: match[1] ?? '', text: match[2] ?? '' } : null;
}

function path(number: string): number[] {
  return toArabicDigits(number).split('.').map(Number);
}

/**
 * Collects one section's numbered items. "๒.๑" nests under "๒"; numbers must run in sequence
 * (1, 2, 3… at each level) so a mistyped number is reported instead of silently re-parenting
 * items; a line without a number continues the item above it (page breaks split items).
 */
export class SectionItems {
  private readonly items: Draft[] = [];

  constructor(private readonly title: string) {}

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** Adds the item a line starts. */
  start(line: number, number: string, text: string): void {
    const parts = path(number);
    let siblings = this.items;
    for (let depth = 0; depth < parts.length - 1; depth++) {
      const parent = siblings.at(-1);
      if (!parent || path(parent.number)[depth] !== parts[depth]) {
        throw new ImportError(line, `${this.where()}: item ${number} has no item ${parentOf(number)} above it`);
      }
      siblings = parent.subItems;
    }
    if (parts.at(-1) !== siblings.length + 1) {
      const expected = [...parts.slice(0, -1), siblings.length + 1].join('.');
      const written = /[๐-๙]/.test(number) ? toThaiDigits(expected) : expected;
      throw new ImportError(line, `${this.where()}: item ${number} is out of sequence (expected ${written})`);
    }
    siblings.push({ number, line, text, subItems: [] });
  }

  /** Appends running text to the last item (the deepest one), as when a page break split it. */
  continueLast(line: number, text: string): void {
    let last = this.items.at(-1);
    if (!last) throw new ImportError(line, `${this.where()}: text before its first numbered item`);
    while (last.subItems.length > 0) last = last.subItems.at(-1) ?? last;
    last.text = last.text === '' ? text : `${last.text} ${text}`;
  }

  /** The finished items; every item must have some text. */
  finish(headingLine: number): AnnouncementItem[] {
    if (this.items.length === 0) throw new ImportError(headingLine, `${this.where()} has no numbered items`);
    const done = (draft: Draft): AnnouncementItem => {
      if (draft.text === '') throw new ImportError(draft.line, `${this.where()}: item ${draft.number} has no text`);
      return { number: draft.number, text: draft.text, subItems: draft.subItems.map(done) };
    };
    return this.items.map(done);
  }

  private where(): string {
    return `section "${this.title}"`;
  }
}

function parentOf(number: string): string {
  return number.split('.').slice(0, -1).join('.');
}
