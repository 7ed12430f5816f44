import { describe, expect, it } from 'vitest';
import { clampPage, MAX_PAGES, pageLabel } from '../../src/flex/page-numbers.js';

describe('page numbers', () => {
  it('when an old button asks for a page past the end, then the last page is shown', () => {
    expect(clampPage(7, 3)).toBe(2);
    expect(clampPage(MAX_PAGES + 10, MAX_PAGES)).toBe(MAX_PAGES - 1);
  });

  it('when the page is negative, not whole or the content is empty, then the first page is shown', () => {
    expect(clampPage(-1, 3)).toBe(0);
    expect(clampPage(1.5, 3)).toBe(0);
    expect(clampPage(Number.NaN, 3)).toBe(0);
    expect(clampPage(4, 0)).toBe(0);
  });

  it('when a page is labelled, then it counts from one for the resident', () => {
    expect(clampPage(1, 3)).toBe(1);
    expect(pageLabel(0, 3)).toBe('หน้า 1 จาก 3');
    expect(pageLabel(2, 3)).toBe('หน้า 3 จาก 3');
  });
});
