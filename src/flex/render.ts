import type { Cell } from '../content/model.js';
import { EMPTY_CELL, markerOf } from '../content/cell-text.js';
import { fragment } from './catalog.js';
import type { Line, Page } from './page-layout.js';
import type { FlexComponent } from './template.js';

/** Turns content (cells, numbered items) into page lines and laid-out pages into Flex components. */

/** A cell as page lines: a text cell is one paragraph, a list cell one line per item. */
export function cellLines(cell: Cell): Line[] {
  if (cell.kind === 'text') return [{ kind: 'para', text: cell.text.trim() || EMPTY_CELL }];
  return cell.items.map((item) => ({ kind: 'item', level: 0, ...markerOf(item) }));
}

/** Joins a piece that a page break did not separate back onto the line it was cut from. */
function mergeContinuations(lines: readonly Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const last = out[out.length - 1];
    if (line.cont && last) out[out.length - 1] = { ...last, text: last.text + line.text };
    else out.push({ ...line });
  }
  return out;
}

function lineComponents(line: Line): FlexComponent[] {
  const text = line.text.trim() || EMPTY_CELL;
  if (line.kind === 'para') return fragment('paragraph', { text });
  return fragment(line.level === 0 ? 'list-item' : 'sub-item', { marker: line.marker, text });
}

/** The body components of one page: each block's heading (marked "(ต่อ)" when continued), then its lines. */
export function renderPage(page: Page): FlexComponent[] {
  return page.flatMap((block) => [
    ...(block.heading ? fragment('heading', { text: block.continued ? `${block.heading} (ต่อ)` : block.heading }) : []),
    ...mergeContinuations(block.lines).flatMap(lineComponents),
  ]);
}
