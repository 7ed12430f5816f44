import { describe, expect, it } from 'vitest';
import { PAGE_BUDGET, paginate, splitText, type Block } from '../../src/flex/page-layout.js';

describe('splitText', () => {
  it('when text is long, then pieces stay within the limit and join back to the text exactly', () => {
    const text = 'ผู้รับผิดชอบดำเนินการจัดทำมาตรการ เผยแพร่บนเว็บไซต์ '.repeat(60) + 'ก'.repeat(2000);
    const pieces = splitText(text, 700);
    expect(pieces.length).toBeGreaterThan(3);
    pieces.forEach((p) => expect(p.length).toBeLessThanOrEqual(700));
    expect(pieces.join('')).toBe(text.trim());
  });

  it('when there is a space near the limit, then the cut falls after it', () => {
    const [first] = splitText(`${'ก'.repeat(600)} ${'ข'.repeat(200)}`, 700);
    expect(first).toBe(`${'ก'.repeat(600)} `);
  });
});

describe('paginate', () => {
  const item = (n: number) => ({
    kind: 'item' as const,
    marker: `${n}.`,
    text: 'ข้อความ '.repeat(40),
    level: 0 as const,
  });

  it('when content is short, then it is one page', () => {
    const pages = paginate([{ heading: 'วิธีการ', lines: [{ kind: 'para', text: 'สั้น' }] }]);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toEqual([
      { heading: 'วิธีการ', continued: false, lines: [{ kind: 'para', text: 'สั้น', cont: false }] },
    ]);
  });

  it('when a block runs over a page break, then its heading repeats as continued and is never left alone at a page end', () => {
    const blocks: Block[] = [
      { heading: 'ก', lines: Array.from({ length: 12 }, (_, i) => item(i + 1)) },
      { heading: 'ข', lines: Array.from({ length: 12 }, (_, i) => item(i + 1)) },
    ];
    const pages = paginate(blocks);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) for (const block of page) expect(block.lines.length).toBeGreaterThan(0);
    const headings = pages.flatMap((p) => p.map((b) => `${b.heading}${b.continued ? '+' : ''}`));
    expect(headings[0]).toBe('ก');
    expect(headings).toContain('ก+');
    expect(headings.filter((h) => h === 'ข')).toHaveLength(1);
    expect(pages.flatMap((p) => p.flatMap((b) => b.lines))).toHaveLength(24);
  });

  it('when the last page would hold only a little, then the pages are stretched to avoid it', () => {
    const lines = Array.from({ length: 10 }, () => ({ kind: 'para' as const, text: 'ก'.repeat(180) }));
    const pages = paginate([{ lines }], PAGE_BUDGET);
    expect(pages).toHaveLength(1);
  });
});
