import { isAnnouncementHeading } from './announcement.js';
import { isTableHeader } from './measure-table.js';
import type { SourceLine } from './source-lines.js';

/** The three parts of a source document, in the order they appear in it. */
export interface Regions {
  /** Before the table: the ITA report's title, agency line and score paragraph. */
  readonly header: readonly SourceLine[];
  /** From the first "ลำดับ<TAB>…" header line up to the announcement. */
  readonly table: readonly SourceLine[];
  /** From the "## ประกาศ…" heading to the end. */
  readonly announcement: readonly SourceLine[];
}

/** Cuts the document at the first table header and the first announcement heading. */
export function splitRegions(lines: readonly SourceLine[]): Regions {
  const announcementStart = lines.findIndex(isAnnouncementHeading);
  const end = announcementStart < 0 ? lines.length : announcementStart;
  const tableStart = lines.slice(0, end).findIndex(isTableHeader);
  const headerEnd = tableStart < 0 ? end : tableStart;
  return {
    header: lines.slice(0, headerEnd),
    table: lines.slice(headerEnd, end),
    announcement: announcementStart < 0 ? [] : lines.slice(announcementStart),
  };
}
