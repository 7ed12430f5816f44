import type { Announcement, AnnouncementItem } from '../model.js';
import { parseThaiDate } from '../../thai/date.js';
import { SectionItems, itemMarker } from './announcement-items.js';
import { ImportError } from './import-error.js';
import { collapseWhitespace, isBlank, lastLineNumber, type SourceLine } from './source-lines.js';

/** An announcement as read from the document, before the importer gives it and its sections ids. */
export type AnnouncementDraft = Omit<Announcement, 'id' | 'sections'> & {
  sections: { title: string; items: AnnouncementItem[] }[];
};

const HEADING = /^(#{1,6})\s*(.*)$/;
const SUBJECT = /^เรื่อง\s*(.+)$/;
const DATE_LINE = /^ประกาศ\s*ณ\s*วันที่\s*(.*)$/;
const SIGNER = /^\((.+)\)$/;

/** "## ประกาศเทศบาลตำบล…": a level-1 or level-2 heading opens the announcement. */
export function isAnnouncementHeading(line: SourceLine): boolean {
  return /^#{1,2}(?!#)/.test(line.text.trim());
}

/**
 * Reads the announcement, from its "## ประกาศ…" heading to the end of the document: the
 * "### เรื่อง …" subject, preamble paragraphs, sections ("###"/"####" headings with numbered
 * items), the "ประกาศ ณ วันที่ …" date line, then "(signer)" and the position below it.
 */
export function parseAnnouncement(lines: readonly SourceLine[]): AnnouncementDraft {
  const [heading, ...rest] = lines;
  if (!heading) throw new ImportError(1, 'the announcement is empty');
  const agency = /^#{1,2}\s*ประกาศ\s*(.*)$/.exec(collapseWhitespace(heading.text))?.[1];
  if (!agency) throw new ImportError(heading.number, 'the announcement heading should read "## ประกาศ<agency>"');
  const dateIndex = rest.findIndex((line) => DATE_LINE.test(collapseWhitespace(line.text)));
  const dateLine = rest[dateIndex];
  if (!dateLine) {
    throw new ImportError(lastLineNumber(lines), 'the announcement has no date line ("ประกาศ ณ วันที่ …")');
  }
  const body = readBody(heading, rest.slice(0, dateIndex));
  return { agency, ...body, ...readDate(dateLine), ...readSignature(dateLine, rest.slice(dateIndex + 1)) };
}

function readBody(
  heading: SourceLine,
  lines: readonly SourceLine[],
): Pick<AnnouncementDraft, 'subject' | 'preamble' | 'sections'> {
  let subject: string | null = null;
  const preamble: string[] = [];
  const sections: { title: string; line: number; items: SectionItems }[] = [];
  let afterBlank = true;
  for (const line of lines) {
    const text = collapseWhitespace(line.text);
    if (text === '') {
      afterBlank = true;
      continue;
    }
    const startsParagraph = afterBlank;
    afterBlank = false;
    const headingMatch = HEADING.exec(text);
    if (headingMatch && (headingMatch[1] ?? '').length <= 2) {
      throw new ImportError(line.number, 'a second announcement heading: one document holds one announcement');
    }
    const plain = headingMatch ? (headingMatch[2] ?? '') : text;
    if (subject === null) {
      subject = SUBJECT.exec(plain)?.[1] ?? null;
      if (subject === null) throw new ImportError(line.number, 'expected "### เรื่อง …" after the announcement heading');
    } else if (headingMatch) {
      if (plain === '') throw new ImportError(line.number, 'section heading has no title');
      sections.push({ title: plain, line: line.number, items: new SectionItems(plain) });
    } else {
      const section = sections.at(-1);
      const marker = itemMarker(text);
      if (section && marker) section.items.start(line.number, marker.number, marker.text);
      else if (section) section.items.continueLast(line.number, text);
      else if (marker) {
        throw new ImportError(
          line.number,
          `numbered item ${marker.number} comes before any section heading ("#### …")`,
        );
      } else if (startsParagraph || preamble.length === 0) preamble.push(text);
      else preamble.push(`${preamble.pop() ?? ''} ${text}`);
    }
  }
  if (subject === null) throw new ImportError(heading.number, 'the announcement has no "### เรื่อง …" line');
  return {
    subject,
    preamble: preamble.join('\n'),
    sections: sections.map((s) => ({ title: s.title, items: s.items.finish(s.line) })),
  };
}

function readDate(line: SourceLine): { date: string; dateText: string } {
  const dateText = collapseWhitespace(DATE_LINE.exec(collapseWhitespace(line.text))?.[1] ?? '');
  if (dateText === '') throw new ImportError(line.number, 'the date line has no date');
  const parsed = parseThaiDate(dateText);
  if ('error' in parsed) throw new ImportError(line.number, `date line: ${parsed.error}`);
  return { date: parsed.date, dateText };
}

function readSignature(dateLine: SourceLine, lines: readonly SourceLine[]): { signer: string; position: string } {
  const [signerLine, ...positionLines] = lines.filter((line) => !isBlank(line));
  if (!signerLine) throw new ImportError(dateLine.number, 'the announcement has no signer after the date line');
  const signerText = collapseWhitespace(signerLine.text);
  const signer = SIGNER.exec(signerText)?.[1]?.trim();
  if (!signer) {
    throw new ImportError(
      signerLine.number,
      `expected the signer's name in parentheses, found "${signerText.slice(0, 40)}"`,
    );
  }
  if (positionLines.length === 0)
    throw new ImportError(signerLine.number, "the signer's position is missing below the name");
  return { signer, position: positionLines.map((line) => collapseWhitespace(line.text)).join(' ') };
}
