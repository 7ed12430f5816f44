import path from 'node:path';
import { ContentDocumentSchema, type ContentDocument } from './model.js';
import { parseAnnouncement } from './import/announcement.js';
import { childId, documentId, sourceSha256 } from './import/ids.js';
import { ImportError } from './import/import-error.js';
import { looksLikeItaReport, parseItaReport } from './import/ita-report.js';
import { parseMeasureTable } from './import/measure-table.js';
import { splitRegions } from './import/regions.js';
import { isBlank, splitLines } from './import/source-lines.js';

export { ImportError } from './import/import-error.js';

const NOTHING_FOUND =
  'no recognisable content: expected an ITA report ("… คะแนน ๙๓.๐๕ คะแนน …"), ' +
  'a measures table ("ลำดับ<TAB>มาตรการ/กิจกรรม<TAB>…") or an announcement ("## ประกาศ…")';

/**
 * Reads one municipality document (ITA report, measures table, announcement; each optional, in
 * that order) into a validated ContentDocument. Pure: no files, no clock, so the same text always
 * gives the same JSON. A document that cannot be read completely is refused with an ImportError
 * naming the line, rather than imported in part.
 */
export function parseDocument(text: string, fileName: string): ContentDocument {
  const lines = splitLines(text);
  const firstText = lines.find((line) => !isBlank(line));
  if (!firstText) throw new ImportError(1, 'the document is empty');
  const regions = splitRegions(lines);

  const strayRow = regions.header.find((line) => line.text.includes('\t'));
  if (strayRow) {
    throw new ImportError(
      strayRow.number,
      'tab-separated row before the table header ("ลำดับ<TAB>มาตรการ/กิจกรรม<TAB>…")',
    );
  }
  const hasHeader = regions.header.some((line) => !isBlank(line));
  const hasMore = regions.table.length > 0 || regions.announcement.length > 0;
  if (!hasMore && !looksLikeItaReport(regions.header)) throw new ImportError(firstText.number, NOTHING_FOUND);

  const ita = hasHeader ? parseItaReport(regions.header) : undefined;
  const rows = parseMeasureTable(regions.table);
  const announcement = regions.announcement.length > 0 ? parseAnnouncement(regions.announcement) : undefined;

  const id = documentId(text);
  const candidate = {
    id,
    source: { fileName: path.basename(fileName), sha256: sourceSha256(text) },
    ...(ita && { ita: { id: childId(id, 'ita'), ...ita } }),
    measures: rows.map(({ line: _line, ...measure }) => ({ id: childId(id, `m${measure.order}`), ...measure })),
    ...(announcement && {
      announcement: {
        id: childId(id, 'ann'),
        ...announcement,
        sections: announcement.sections.map((section, i) => ({ id: childId(id, `s${i + 1}`), ...section })),
      },
    }),
  };
  const parsed = ContentDocumentSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError(
      null,
      `the document does not fit the content model: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return parsed.data;
}
