/**
 * Page numbers of long content in chat (src/flex/page-layout.ts cuts the pages): as buttons
 * carry them, 0-based, at most 50 (see src/bot/postback.ts), and as a resident reads them.
 */
export const MAX_PAGES = 51;

/** Shown at the end of the last page when content is longer than 51 pages. */
export const TRUNCATED_NOTE = 'เนื้อหาส่วนที่เหลือยาวเกินกว่าจะแสดงในแชต โปรดขอดูฉบับเต็มได้ที่สำนักงานเทศบาล';

/** A page asked for by an old button may no longer exist: show the nearest one. */
export function clampPage(page: number, count: number): number {
  if (!Number.isInteger(page) || page < 0) return 0;
  return Math.min(page, Math.max(count - 1, 0));
}

export function pageLabel(page: number, count: number): string {
  return `หน้า ${page + 1} จาก ${count}`;
}
