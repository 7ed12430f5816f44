import { describe, expect, it } from 'vitest';
import { parseCell } from '../../../src/content/import/cell.js';
import { parseHtmlList } from '../../../src/content/import/html-list.js';
import { splitNumberedItems } from '../../../src/content/import/numbered-items.js';

describe('parseCell', () => {
  it('when a cell is plain text, then it stays text with whitespace collapsed and wording kept', () => {
    expect(parseCell('  ปีงบประมาณ   ๒๕๖๘ \u00A0')).toEqual({ cell: { kind: 'text', text: 'ปีงบประมาณ ๒๕๖๘' } });
  });

  it('when a cell has only one numbered item, then it stays text as written', () => {
    expect(parseCell('๑. จัดทำประกาศ')).toEqual({ cell: { kind: 'text', text: '๑. จัดทำประกาศ' } });
  });

  it('when a cell holds markup that is not a list, then the tags are removed and entities decoded', () => {
    expect(parseCell('<b>ไม่ใช้</b><br/>งบประมาณ &amp; อื่น&#39;')).toEqual({
      cell: { kind: 'text', text: "ไม่ใช้ งบประมาณ & อื่น'" },
    });
  });

  it('when an <ol> item is empty, then it is skipped', () => {
    expect(parseCell('<ol><li>๑. ก</li><li> </li><li>๒. ข</li></ol>')).toEqual({
      cell: { kind: 'list', items: ['ก', 'ข'] },
    });
  });
});

describe('splitNumberedItems', () => {
  it('when numbers inside the wording are out of sequence, then they do not split the items', () => {
    expect(splitNumberedItems('๑.ตามมาตรา ๙. ของ พ.ร.บ. พ.ศ. ๒๕๔๐ ๒. คะแนน ๙๓.๐๕ ดี ๒.๑ ย่อย')).toEqual([
      'ตามมาตรา ๙. ของ พ.ร.บ. พ.ศ. ๒๕๔๐',
      'คะแนน ๙๓.๐๕ ดี ๒.๑ ย่อย',
    ]);
  });

  it('when the text does not open with item 1, then it is not a list', () => {
    expect(splitNumberedItems('ดำเนินการ ๑. ก ๒. ข')).toBeNull();
    expect(splitNumberedItems('๒. ก ๓. ข')).toBeNull();
  });

  it('when a marker is glued to the previous word, then it is not a marker', () => {
    expect(splitNumberedItems('๑. ก ปี๒. ข')).toBeNull();
  });
});

describe('parseHtmlList', () => {
  it('when lists are nested, then the items are flattened in order', () => {
    expect(parseHtmlList('<ul><li>ก<ol><li>ข</li></ol></li><li>- ค</li></ul>')).toEqual({ items: ['ก', 'ข', 'ค'] });
  });

  it('when text sits outside the <li> items, then it is kept as an item of its own', () => {
    expect(parseHtmlList('ดังนี้ <ul><li>ก</li></ul>')).toEqual({ items: ['ดังนี้', 'ก'] });
  });

  it('when the markup is broken, then it says what is wrong', () => {
    expect(parseHtmlList('<ul><li>ก</li>')).toEqual({ error: '<ul> list is not closed (no </ul>)' });
    expect(parseHtmlList('<li>ก</li>')).toEqual({ error: '<li> outside a <ul> or <ol> list' });
    expect(parseHtmlList('<ul><li>ก</li></ol>')).toEqual({ error: '</ol> closes a <ul> list' });
    expect(parseHtmlList('<li>ก</li></ul>')).toEqual({ error: '<li> outside a <ul> or <ol> list' });
    expect(parseHtmlList('ก</ul>')).toEqual({ error: '</ul> has no matching <ul>' });
    expect(parseHtmlList('<ul> </ul>')).toEqual({ error: 'list has no items' });
  });
});
