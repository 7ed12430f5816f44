import { describe, expect, it } from 'vitest';
import { ImportError, parseDocument } from '../../src/content/importer.js';
import { fixtureText } from './document-fixtures.js';

const TAB = '\t';
const HEADER = [
  'ลำดับ',
  'มาตรการ/กิจกรรม',
  'วิธีการ',
  'ระยะเวลาการดำเนินการ',
  'ผู้รับผิดชอบ',
  'สรุปผลการดำเนินการตามมาตรการหรือกิจกรรม',
  'ผลลัพธ์หรือความสำเร็จในการดำเนินการ',
  'งบประมาณ',
].join(TAB);
const ANNOUNCEMENT_END = ['', 'ประกาศ ณ วันที่ ๑ เดือน มีนาคม พ.ศ. ๒๕๖๘', '', '(นายทดสอบ ระบบ)', '', 'ปลัดเทศบาล'];

/** The ImportError a document is refused with (fails the test when it is accepted). */
function refusal(text: string): ImportError {
  try {
    parseDocument(text, 'doc.txt');
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}

function announcement(...body: string[]): string {
  return ['## ประกาศเทศบาลตำบลทดสอบ', '', '### เรื่อง ทดสอบ', '', ...body, ...ANNOUNCEMENT_END].join('\n');
}

describe('parseDocument refusing broken documents', () => {
  it('when a row has fewer columns, then the error names its line and row', () => {
    expect(refusal(fixtureText('missing-columns.txt')).message).toBe(
      'line 11: measure row ๒ has 6 columns, expected 8',
    );
  });

  it('when a <ul> is never closed, then the error names the line, measure and column', () => {
    expect(refusal(fixtureText('unclosed-list.txt')).message).toBe(
      'line 8: measure ๑, column วิธีการ: <ul> list is not closed (no </ul>)',
    );
  });

  it('when the date line has an unknown Thai month, then the error names the date line and the month', () => {
    const error = refusal(fixtureText('unknown-month.txt'));
    expect(error.line).toBe(9);
    expect(error.message).toBe('line 9: date line: unknown Thai month "มกราคาม"');
  });

  it('when the file is empty or only whitespace, then it is refused as empty', () => {
    expect(refusal(fixtureText('empty.txt')).message).toBe('line 1: the document is empty');
    expect(refusal('').message).toBe('line 1: the document is empty');
  });

  it('when nothing in the text is a report, table or announcement, then it is refused as unrecognisable', () => {
    expect(refusal(fixtureText('no-content.txt')).message).toMatch(/^line 2: no recognisable content/);
  });

  it('when the table header lacks columns, then the error lists the missing ones', () => {
    const text = `${HEADER.split(TAB).slice(0, 6).join(TAB)}\n๑${TAB}ก${TAB}ข${TAB}ค${TAB}ง${TAB}จ`;
    expect(refusal(text).message).toBe('line 1: table header has 6 columns, expected 8 (missing: ผลลัพธ์, งบประมาณ)');
  });

  it('when two rows share a number, then the second is refused with the line of the first', () => {
    const row = ['๑', 'มาตรการ', 'ก', 'ข', 'ค', 'ง', 'จ', 'ฉ'].join(TAB);
    expect(refusal([HEADER, row, '', HEADER, row].join('\n')).message).toBe(
      'line 5: measure 1 appears twice (also on line 2)',
    );
  });

  it('when a table row lost its tabs, then it is refused instead of silently dropped', () => {
    const row = ['๑', 'มาตรการ', 'ก', 'ข', 'ค', 'ง', 'จ', 'ฉ'].join(TAB);
    expect(refusal([HEADER, row, '๒ มาตรการที่สอง ไม่มีแท็บ'].join('\n')).message).toMatch(
      /^line 3: unexpected text in the measures table/,
    );
  });

  it('when the ITA opening has no agency line, then the error says so at its first line', () => {
    const text = '\nรายงานผล\nประจำปีงบประมาณ พ.ศ. ๒๕๖๘\n\nได้ คะแนน ๙๐ คะแนน';
    expect(refusal(text).message).toBe('line 2: the ITA report has no agency line ("<agency> อำเภอ… จังหวัด…")');
  });

  it('when the score is over 100, then it is refused at the summary paragraph', () => {
    const text = 'รายงานผล\nประจำปีงบประมาณ พ.ศ. ๒๕๖๘\nเทศบาลตำบลก อำเภอข จังหวัดค\n\nได้ คะแนน ๑๙๓.๐๕ คะแนน';
    expect(refusal(text).message).toBe('line 5: ITA score ๑๙๓.๐๕ is more than 100');
  });

  it('when an item number skips, then the error names the section and the number expected', () => {
    const text = announcement('#### หมวดแรก', '', '๑. ข้อหนึ่ง', '', '๓. ข้อสาม');
    expect(refusal(text).message).toBe('line 9: section "หมวดแรก": item ๓ is out of sequence (expected ๒)');
  });

  it('when a sub-item has no parent item, then it is refused', () => {
    const text = announcement('#### หมวดแรก', '', '๑. ข้อหนึ่ง', '', '๒.๑ ข้อย่อย');
    expect(refusal(text).message).toBe('line 9: section "หมวดแรก": item ๒.๑ has no item ๒ above it');
  });

  it('when a section has text before its first item, then it is refused rather than dropped', () => {
    const text = announcement('#### หมวดแรก', '', 'คำนำของหมวด', '', '๑. ข้อหนึ่ง');
    expect(refusal(text).message).toBe('line 7: section "หมวดแรก": text before its first numbered item');
  });

  it('when the announcement has no date line, then the error points at its end', () => {
    const text = ['## ประกาศเทศบาลตำบลทดสอบ', '### เรื่อง ทดสอบ', '#### หมวด', '๑. ข้อ', '(นายทดสอบ ระบบ)'].join('\n');
    expect(refusal(text).message).toBe('line 5: the announcement has no date line ("ประกาศ ณ วันที่ …")');
  });

  it('when the signer is not in parentheses or has no position, then it is refused', () => {
    const base = ['## ประกาศเทศบาลตำบลทดสอบ', '### เรื่อง ทดสอบ', 'ประกาศ ณ วันที่ ๑ มีนาคม ๒๕๖๘'];
    expect(refusal([...base, 'นายทดสอบ ระบบ', 'ปลัด'].join('\n')).message).toBe(
      'line 4: expected the signer\'s name in parentheses, found "นายทดสอบ ระบบ"',
    );
    expect(refusal([...base, '(นายทดสอบ ระบบ)'].join('\n')).message).toBe(
      "line 4: the signer's position is missing below the name",
    );
  });

  it('when the heading is not followed by เรื่อง, then it is refused at that line', () => {
    const text = ['## ประกาศเทศบาลตำบลทดสอบ', '', '#### หมวด', '๑. ข้อ', ...ANNOUNCEMENT_END].join('\n');
    expect(refusal(text).message).toBe('line 3: expected "### เรื่อง …" after the announcement heading');
  });

  it('when the date does not exist, then it is refused', () => {
    const text = ['## ประกาศเทศบาลตำบลทดสอบ', '### เรื่อง ทดสอบ', 'ประกาศ ณ วันที่ ๓๑ กุมภาพันธ์ ๒๕๖๘', '(ก ข)', 'ค'].join(
      '\n',
    );
    expect(refusal(text).message).toBe('line 3: date line: no such date: day 31 of กุมภาพันธ์ 2568');
  });
});
