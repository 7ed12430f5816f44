import type { Cell } from '../model.js';
import { hasListMarkup, htmlToText } from './html-text.js';
import { parseHtmlList } from './html-list.js';
import { splitNumberedItems } from './numbered-items.js';

/**
 * Turns one raw table cell into a Cell. HTML lists and inline numbered items ("๑.… ๒.…")
 * become `list`, so the bot can show them as bullet lines; anything else is `text` with the
 * official wording kept (typos included) and only whitespace collapsed. A lone "- text" bullet
 * stays text as written.
 */
export function parseCell(raw: string): { cell: Cell } | { error: string } {
  if (hasListMarkup(raw)) {
    const list = parseHtmlList(raw);
    return 'error' in list ? list : { cell: { kind: 'list', items: list.items } };
  }
  const text = htmlToText(raw);
  const items = splitNumberedItems(text);
  return { cell: items ? { kind: 'list', items } : { kind: 'text', text } };
}
