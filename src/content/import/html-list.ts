import { TAG, decodeEntities } from './html-text.js';
import { stripLeadingBullet } from './numbered-items.js';
import { collapseWhitespace } from './source-lines.js';

const LIST_TAGS = new Set(['ul', 'ol']);
const BREAKING_TAGS = new Set(['br', 'p', 'div']);

/**
 * Reads a cell holding <ul>/<ol>/<li> markup into its items: tags removed, entities decoded,
 * whitespace collapsed, and the leading "- " or "๑. " the authors typed inside each <li>
 * dropped (the list itself carries the order). Nested lists are flattened; text outside any
 * <li> becomes an item of its own so no wording is lost. Broken markup is refused with what
 * is wrong, because a silently half-read list would show residents the wrong measures.
 */
export function parseHtmlList(html: string): { items: string[] } | { error: string } {
  const items: string[] = [];
  const open: string[] = [];
  let loose = '';
  let current: string | null = null;

  const pushItem = (raw: string): void => {
    const item = stripLeadingBullet(collapseWhitespace(decodeEntities(raw)));
    if (item !== '') items.push(item);
  };
  const closeItem = (): void => {
    if (current !== null) pushItem(current);
    current = null;
  };
  const flushLoose = (): void => {
    pushItem(loose);
    loose = '';
  };
  const addText = (text: string): void => {
    if (current !== null) current += text;
    else loose += text;
  };

  let last = 0;
  for (const match of html.matchAll(TAG)) {
    addText(html.slice(last, match.index));
    last = match.index + match[0].length;
    const closing = match[1] === '/';
    const name = (match[2] ?? '').toLowerCase();
    if (LIST_TAGS.has(name) && !closing) {
      closeItem();
      flushLoose();
      open.push(name);
    } else if (LIST_TAGS.has(name)) {
      const top = open.pop();
      if (top === undefined) return { error: `</${name}> has no matching <${name}>` };
      if (top !== name) return { error: `</${name}> closes a <${top}> list` };
      closeItem();
    } else if (name === 'li' && !closing) {
      if (open.length === 0) return { error: '<li> outside a <ul> or <ol> list' };
      closeItem();
      flushLoose();
      current = '';
    } else if (name === 'li') {
      closeItem();
    } else {
      addText(BREAKING_TAGS.has(name) ? ' ' : '');
    }
  }
  addText(html.slice(last));

  const unclosed = open.at(-1);
  if (unclosed !== undefined) return { error: `<${unclosed}> list is not closed (no </${unclosed}>)` };
  closeItem();
  flushLoose();
  if (items.length === 0) return { error: 'list has no items' };
  return { items };
}
