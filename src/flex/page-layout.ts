/**
 * Splits long content into phone-sized pages. Content is a list of blocks (a heading and its
 * lines); a page holds about PAGE_BUDGET characters, so a bubble stays far below LINE's 30 KB
 * (Thai is 3 bytes a character) and a page is a few screens to scroll, not a wall of text.
 * A heading is never left at the bottom of a page without a line under it, and a block that
 * goes on over a page break shows its heading again, marked as continued.
 */
export type Line =
  | { kind: 'para'; text: string; cont?: boolean }
  | { kind: 'item'; marker: string; text: string; level: 0 | 1; cont?: boolean };

export interface Block {
  heading?: string;
  lines: Line[];
}

export interface PageBlock {
  heading?: string;
  /** The heading was already shown on an earlier page. */
  continued: boolean;
  lines: Line[];
}
export type Page = PageBlock[];

/** Characters of body text a page aims at: two or three phone screens at size md. */
export const PAGE_BUDGET = 1800;
/** A line longer than this is split (at a space where possible) so a page break can fall in it. */
const LINE_CHARS = 700;
/** The space between lines and a heading's room, counted as characters. */
const LINE_COST = 20;
const HEADING_COST = 60;
/** A last page shorter than this share of the budget is a widow: the pages are laid out again, a little longer. */
const WIDOW_SHARE = 0.3;
const WIDOW_STRETCH = 1.3;

const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

/**
 * Cuts text into pieces of at most `max` characters, preferring to cut after a space. The
 * pieces concatenate back to the (trimmed) text, so pieces that land on one page re-join exactly.
 */
export function splitText(text: string, max: number = LINE_CHARS): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const space = rest.lastIndexOf(' ', max - 1);
    const cut = space >= max * 0.6 ? space + 1 : graphemeCut(rest, max);
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

function graphemeCut(text: string, max: number): number {
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return Math.max(end, 1);
}

function splitLine(line: Line): Line[] {
  return splitText(line.text).map((text, i) => ({ ...line, text, cont: i > 0 || line.cont === true }));
}

function cost(line: Line): number {
  return line.text.length + LINE_COST;
}

/**
 * Lays blocks out on pages; always at least one page (empty when there are no lines). A short
 * last page is avoided when stretching every page by 30% saves a page.
 */
export function paginate(blocks: readonly Block[], budget: number = PAGE_BUDGET): Page[] {
  const pages = layout(blocks, budget);
  const last = pages[pages.length - 1] ?? [];
  if (pages.length < 2 || pageCost(last) >= budget * WIDOW_SHARE) return pages;
  const stretched = layout(blocks, budget * WIDOW_STRETCH);
  return stretched.length < pages.length ? stretched : pages;
}

function pageCost(page: Page): number {
  return page.reduce(
    (sum, block) => sum + (block.heading ? HEADING_COST : 0) + block.lines.reduce((n, line) => n + cost(line), 0),
    0,
  );
}

function layout(blocks: readonly Block[], budget: number): Page[] {
  const pages: Page[] = [];
  let page: Page = [];
  let used = 0;
  for (const block of blocks) {
    let current: PageBlock | null = null;
    let started = false;
    for (const line of block.lines.flatMap(splitLine)) {
      const headingCost = !current && block.heading ? HEADING_COST : 0;
      if (page.length > 0 && used + headingCost + cost(line) > budget) {
        pages.push(page);
        page = [];
        used = 0;
        current = null;
      }
      if (!current) {
        current = { ...(block.heading ? { heading: block.heading } : {}), continued: started, lines: [] };
        page.push(current);
        used += block.heading ? HEADING_COST : 0;
        started = true;
      }
      current.lines.push(line);
      used += cost(line);
    }
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}
