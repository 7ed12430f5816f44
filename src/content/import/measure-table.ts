import type { Cell, Measure } from '../model.js';
import { parseThaiInt } from '../../thai/digits.js';
import { parseCell } from './cell.js';
import { htmlToText } from './html-text.js';
import { ImportError } from './import-error.js';
import { collapseWhitespace, isBlank, type SourceLine } from './source-lines.js';

/** The eight columns, in order: what the header must start with, and the name used in errors. */
const COLUMNS = [
  { prefix: 'ลำดับ', name: 'ลำดับ' },
  { prefix: 'มาตรการ', name: 'มาตรการ/กิจกรรม' },
  { prefix: 'วิธีการ', name: 'วิธีการ' },
  { prefix: 'ระยะเวลา', name: 'ระยะเวลาการดำเนินการ' },
  { prefix: 'ผู้รับผิดชอบ', name: 'ผู้รับผิดชอบ' },
  { prefix: 'สรุปผล', name: 'สรุปผลการดำเนินการ' },
  { prefix: 'ผลลัพธ์', name: 'ผลลัพธ์' },
  { prefix: 'งบประมาณ', name: 'งบประมาณ' },
] as const;
const CELL_FIELDS = ['method', 'period', 'owner', 'summary', 'outcome', 'budget'] as const;

/** A measure as read from its row, before the importer gives it an id. */
export type MeasureRow = Omit<Measure, 'id'> & { line: number };

/** A table header line: tab-separated, first cell ลำดับ (exports repeat it before every row). */
export function isTableHeader(line: SourceLine): boolean {
  return line.text.includes('\t') && collapseWhitespace(line.text.split('\t')[0] ?? '') === 'ลำดับ';
}

/**
 * Reads the measures table: header lines (checked each time they appear) and one tab-separated
 * row of eight cells per measure. Anything else that is not blank is refused, since a row that
 * lost its tabs would otherwise vanish from the bot without anyone noticing.
 */
export function parseMeasureTable(lines: readonly SourceLine[]): MeasureRow[] {
  const rows: MeasureRow[] = [];
  const seen = new Map<number, number>();
  let headerLine: number | null = null;
  for (const line of lines) {
    if (isBlank(line)) continue;
    if (isTableHeader(line)) {
      checkHeader(line);
      headerLine = line.number;
    } else if (line.text.includes('\t')) {
      if (headerLine === null) throw new ImportError(line.number, 'measure row comes before the table header');
      const row = parseRow(line);
      const other = seen.get(row.order);
      if (other !== undefined) {
        throw new ImportError(line.number, `measure ${row.order} appears twice (also on line ${other})`);
      }
      seen.set(row.order, line.number);
      rows.push(row);
    } else {
      const snippet = collapseWhitespace(line.text).slice(0, 40);
      throw new ImportError(
        line.number,
        `unexpected text in the measures table: "${snippet}" (rows are tab-separated)`,
      );
    }
  }
  if (headerLine !== null && rows.length === 0) {
    throw new ImportError(headerLine, 'the measures table has a header but no rows');
  }
  return rows;
}

function checkHeader(line: SourceLine): void {
  const cells = line.text.split('\t').map(collapseWhitespace);
  if (cells.length !== COLUMNS.length) {
    const missing = COLUMNS.filter((column) => !cells.some((cell) => cell.startsWith(column.prefix)));
    const hint = missing.length > 0 ? ` (missing: ${missing.map((column) => column.name).join(', ')})` : '';
    throw new ImportError(line.number, `table header has ${cells.length} columns, expected ${COLUMNS.length}${hint}`);
  }
  COLUMNS.forEach((column, i) => {
    const cell = cells[i] ?? '';
    if (!cell.startsWith(column.prefix)) {
      throw new ImportError(line.number, `table header column ${i + 1} is "${cell}", expected "${column.name}"`);
    }
  });
}

function parseRow(line: SourceLine): MeasureRow {
  const raw = line.text.split('\t');
  const label = collapseWhitespace(raw[0] ?? '') || '(no number)';
  if (raw.length !== COLUMNS.length) {
    throw new ImportError(line.number, `measure row ${label} has ${raw.length} columns, expected ${COLUMNS.length}`);
  }
  const order = parseThaiInt(raw[0] ?? '');
  if (order === null || order < 1) {
    throw new ImportError(line.number, `measure row ${label}: ลำดับ "${label}" is not a whole number`);
  }
  const title = htmlToText(raw[1] ?? '');
  if (title === '') throw new ImportError(line.number, `measure ${label}: มาตรการ/กิจกรรม is empty`);
  const cells = CELL_FIELDS.map((field, i) => {
    const parsed = parseCell(raw[i + 2] ?? '');
    if ('error' in parsed) {
      throw new ImportError(line.number, `measure ${label}, column ${COLUMNS[i + 2]?.name}: ${parsed.error}`);
    }
    return [field, parsed.cell] as const;
  });
  const fields = Object.fromEntries(cells) as Record<(typeof CELL_FIELDS)[number], Cell>;
  return { line: line.number, order, title, ...fields };
}
