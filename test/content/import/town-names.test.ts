import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/content/importer.js';
import { reportAgency, townNameMismatches } from '../../../src/content/import/town-names.js';
import { seedText } from '../document-fixtures.js';

const seed = () => parseDocument(seedText(), '000_71193bff46793098.txt');

describe('town-name mismatches', () => {
  it('when the seed is read, then the heading and the preamble are flagged with the report name, and the quote stays as written', () => {
    const doc = seed();
    const found = townNameMismatches(doc, reportAgency(doc));
    expect(found.map((m) => [m.where.th, m.written, m.report])).toEqual([
      ['หัวประกาศ', 'เทศบาลตำบลโพธาราย', 'เทศบาลตำบลโพนทราย'],
      ['ข้อความนำของประกาศ', 'เทศบาลตำบลโพธาราย', 'เทศบาลตำบลโพนทราย'],
    ]);
    expect(doc.announcement?.agency).toBe('เทศบาลตำบลโพธาราย');
  });

  it('when a document has no ITA report, then it is compared with the newest report already imported', () => {
    const text = seedText();
    const announcementOnly = parseDocument(text.slice(text.indexOf('## ประกาศ')), 'announcement.txt');
    expect(announcementOnly.ita).toBeUndefined();
    expect(townNameMismatches(announcementOnly, reportAgency(announcementOnly, []))).toEqual([]);
    expect(
      townNameMismatches(announcementOnly, reportAgency(announcementOnly, [seed()])).map((m) => m.where.en),
    ).toEqual(['the announcement heading', 'the announcement text']);
  });

  it('when a document names another municipality with a clearly different name, or spells it right, then nothing is flagged', () => {
    const doc = seed();
    const renamed = {
      ...doc,
      announcement: { ...doc.announcement!, agency: 'เทศบาลตำบลบ้านใหม่สามัคคี', preamble: 'ร่วมกับเทศบาลตำบลโพนทรายประจำปี' },
    };
    expect(townNameMismatches(renamed, reportAgency(renamed))).toEqual([]);
  });
});
