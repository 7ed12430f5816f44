import type { ItaResult } from '../model.js';
import { toArabicDigits } from '../../thai/digits.js';
import { ImportError } from './import-error.js';
import { collapseWhitespace, isBlank, paragraphs, paragraphText, type SourceLine } from './source-lines.js';

/** The ITA result as read from the report's opening lines, before the importer gives it an id. */
export type ItaReport = Omit<ItaResult, 'id'>;

const DIGITS = '[0-9๐-๙]';
const FISCAL_YEAR = new RegExp(`ปีงบประมาณ\\s*(?:พ\\.\\s*ศ\\.)?\\s*(${DIGITS}{4})`);
/** "คะแนน ๙๓.๐๕ คะแนน" as in the seed; the trailing คะแนน is optional ("ได้คะแนน 88.5 จาก 100"). */
const SCORE = new RegExp(`คะแนน\\s*(${DIGITS}{1,3}(?:\\.${DIGITS}+)?)(?![0-9๐-๙])`);
/** "เทศบาลตำบลโพนทราย อำเภอโพนทราย จังหวัดร้อยเอ็ด": the whole line, agency first. */
const AGENCY_LINE = /^(\S+)\s+อำเภอ\s*(\S+)\s+จังหวัด\s*(\S+)$/;

/** True when the lines look like the opening of an ITA report (they state a score). */
export function looksLikeItaReport(lines: readonly SourceLine[]): boolean {
  return lines.some((line) => SCORE.test(collapseWhitespace(line.text)));
}

/**
 * Reads the report's opening: the first line is the title; the fiscal year comes from the first
 * "ปีงบประมาณ พ.ศ. ๒๕๖๘"; agency, district and province from the "… อำเภอ… จังหวัด…" line;
 * the summary is the paragraph that states "คะแนน ๙๓.๐๕ คะแนน", kept as written.
 */
export function parseItaReport(lines: readonly SourceLine[]): ItaReport {
  const firstLine = lines.find((line) => !isBlank(line));
  if (!firstLine) throw new ImportError(1, 'the ITA report has no heading');
  const texts = lines.map((line) => ({ line: line.number, text: collapseWhitespace(line.text) }));

  const year = texts.map((t) => FISCAL_YEAR.exec(t.text)).find((m) => m !== null);
  if (!year?.[1]) {
    throw new ImportError(firstLine.number, 'the ITA report has no fiscal year ("ประจำปีงบประมาณ พ.ศ. ….")');
  }
  const place = texts.map((t) => AGENCY_LINE.exec(t.text)).find((m) => m !== null);
  if (!place) {
    throw new ImportError(firstLine.number, 'the ITA report has no agency line ("<agency> อำเภอ… จังหวัด…")');
  }
  const summary = paragraphs(lines).find((p) => SCORE.test(paragraphText(p)));
  const scoreText = summary ? SCORE.exec(paragraphText(summary))?.[1] : undefined;
  if (!summary || scoreText === undefined) {
    throw new ImportError(firstLine.number, 'the ITA report has no overall score ("คะแนน ๙๓.๐๕ คะแนน")');
  }
  const fiscalYear = Number(toArabicDigits(year[1]));
  if (fiscalYear < 2400 || fiscalYear > 2700) {
    throw new ImportError(firstLine.number, `fiscal year ${year[1]} is not a Buddhist-era year (พ.ศ.)`);
  }
  const score = Number(toArabicDigits(scoreText));
  if (score > 100) throw new ImportError(summary.line, `ITA score ${scoreText} is more than 100`);

  return {
    agency: place[1] ?? '',
    district: place[2] ?? '',
    province: place[3] ?? '',
    fiscalYear,
    score,
    title: collapseWhitespace(firstLine.text),
    summary: paragraphText(summary),
  };
}
