import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/content/importer.js';
import type { ContentDocument } from '../../src/content/model.js';
import { fixtureText, seedText } from './document-fixtures.js';

const ID = /^[a-z0-9-]{1,80}$/;

describe('parseDocument on the seed document', () => {
  const doc: ContentDocument = parseDocument(seedText(), '/some/where/000_71193bff46793098.txt');

  it('when the seed is imported, then the ITA result has agency, place, year, score and the text as written', () => {
    expect(doc.ita).toEqual({
      id: `${doc.id}-ita`,
      agency: 'เทศบาลตำบลโพนทราย',
      district: 'โพนทราย',
      province: 'ร้อยเอ็ด',
      fiscalYear: 2568,
      score: 93.05,
      title: 'รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน',
      summary: expect.stringMatching(/^จากการประเมินผลคุณธรรม.*คะแนน ๙๓\.๐๕ คะแนน.*ผู้มีส่วนเกี่ยวข้อง ดังนี้$/),
    });
  });

  it('when the seed is imported, then the source is recorded by file name and the sha256 of its bytes', () => {
    expect(doc.source).toEqual({
      fileName: '000_71193bff46793098.txt',
      sha256: 'ec2f6c38538c6569db090fa4f993680f6646e6a97b4e6e6dd68f6ffc355e3d83',
    });
  });

  it('when the seed is imported, then its three measures get scoped ids, orders and titles', () => {
    expect(doc.measures.map((m) => [m.id, m.order, m.title])).toEqual([
      [`${doc.id}-m1`, 1, "มาตรการเรื่อง แนวทางการประพฤติตนทางจริยธรรม ที่ควรทำ และไม่ควรรทำ (Do & DON'T)"],
      [`${doc.id}-m2`, 2, 'มาตรการตรวจสอบการใช้ดุลพินิจ'],
      [`${doc.id}-m3`, 3, 'มาตรการเผยแพร่ข้อมูลต่อสาธารณะ'],
    ]);
  });

  it('when a cell holds inline Thai-numbered items, then it becomes a list without the numbers', () => {
    expect(doc.measures[0]?.method).toEqual({
      kind: 'list',
      items: [
        "จัดทำประกาศมาตรการ เรื่องแนวทางการประพฤติ ตนทางจริยธรรม ที่ควรทำ และไม่ควรรทำ (Do & DON'T)",
        'จัดทำคู่มือการทำงาน ของแต่ละส่วนงาน',
        "จัดประชุมถ่ายทอด นโยบายประพฤติตนทาง จริยธรรม ที่ควรทำ และไม่ควรรทำ (Do & DON'T)",
      ],
    });
    expect(doc.measures[0]?.summary).toMatchObject({ kind: 'list', items: { length: 3 } });
    expect(doc.measures[0]?.outcome).toMatchObject({ kind: 'list', items: { length: 3 } });
  });

  it('when a cell holds a <ul> or <ol>, then its items lose the tags, the "- " bullets and the "๑. " numbers', () => {
    const measure = doc.measures[1];
    expect(measure?.method).toMatchObject({ kind: 'list', items: { length: 4 } });
    expect(measure?.method).toMatchObject({ items: expect.arrayContaining(['จัดทำมาตรการตรวจสอบ การใช้ดุลพินิจ']) });
    expect(measure?.summary).toEqual({
      kind: 'list',
      items: [
        'ผู้รับผิดชอบดำเนินการจัดทำมาตรการตรวจสอบการใช้ดุลพินิจ',
        'ผู้บริหารประกาศหลักเกณฑ์ หรือมาตรการ เพื่อให้เจ้าหน้าที่และบุคคลภายนอกรับทราบ',
        'ผู้รับผิดชอบดำเนินการเผยแพร่มาตรการตรวจสอบการใช้ดุลพินิจ บนเว็บไซต์หลักของหน่วยงาน',
      ],
    });
    expect(JSON.stringify(doc.measures)).not.toMatch(/<\/?(ul|ol|li)\b/);
  });

  it('when a cell is one "- " bullet with law numbers in it, then it stays text and is not split on them', () => {
    const method = doc.measures[2]?.method;
    expect(method?.kind).toBe('text');
    expect(method).toMatchObject({
      text: expect.stringContaining('มาตรา ๙ ของพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐'),
    });
    expect(doc.measures[2]?.outcome).toEqual({
      kind: 'text',
      text: '-ประชาชนสามารถตรวจสอบ และสืบค้นข้อมูลที่ครบถ้วน ถูกต้อง ทันสมัย ได้อย่าง สะดวกและรวดเร็วมากยิ่งขึ้น',
    });
    expect(doc.measures.map((m) => m.budget)).toEqual(Array(3).fill({ kind: 'text', text: 'ไม่ใช้งบประมาณ' }));
  });

  it("when the seed is imported, then the announcement keeps the heading's spelling โพธาราย, subject, date and signer", () => {
    expect(doc.announcement).toMatchObject({
      id: `${doc.id}-ann`,
      agency: 'เทศบาลตำบลโพธาราย',
      subject: 'มาตรการการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน',
      preamble: expect.stringMatching(/^ตามเกณฑ์การประเมิน.*โดยกำหนดแนวทางดังนี้$/),
      date: '2025-01-10',
      dateText: '๑๐ เดือน มกราคม พ.ศ. ๒๕๖๘',
      signer: 'นายอุดม วงบุตดา',
      position: 'นายกเทศมนตรีตำบลโพนทราย',
    });
  });

  it('when an item continues after a blank line, then the paragraph joins that item instead of being lost', () => {
    const [first, second] = doc.announcement?.sections ?? [];
    expect(first?.title).toBe('มาตรการตรวจสอบการใช้ดุลพินิจ');
    expect(first?.items.map((item) => item.number)).toEqual(['๑', '๒', '๓', '๔', '๕', '๖']);
    expect(first?.items[5]?.text).toMatch(/การควบคุมข้อบกพร่องในการ ปฏิบัติงาน และการปฏิบัติงานที่ไม่เป็นไปตาม.*ขั้นตอนที่เกี่ยวข้อง$/);
    expect(second?.title).toBe('มาตรการเผยแพร่ข้อมูลต่อสาธารณะ');
    expect(second?.items.map((item) => [item.number, item.subItems.map((sub) => sub.number)])).toEqual([
      ['๑', []],
      ['๒', ['๒.๑', '๒.๒']],
      ['๓', []],
    ]);
    expect(second?.items[1]?.subItems[0]?.text).toMatch(/^สำนัก\/ฝ่าย\/งาน\/กลุ่มงานที่รับผิดชอบข้อมูล/);
  });

  it('when the seed is imported, then every id is postback-safe and the sections are scoped to the document', () => {
    const ids = [
      doc.id,
      doc.ita?.id,
      doc.announcement?.id,
      ...doc.measures.map((m) => m.id),
      ...(doc.announcement?.sections.map((s) => s.id) ?? []),
    ];
    expect(doc.id).toMatch(/^doc-[0-9a-f]{12}$/);
    expect(doc.announcement?.sections.map((s) => s.id)).toEqual([`${doc.id}-s1`, `${doc.id}-s2`]);
    for (const id of ids) expect(id).toMatch(ID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('when the official wording has typos, then they are kept as written', () => {
    expect(JSON.stringify(doc)).toContain('ไม่ควรรทำ');
  });

  it('when the same text is imported twice, or re-saved with CRLF and a BOM, then the id is the same', () => {
    const again = parseDocument(seedText(), '000_71193bff46793098.txt');
    const resaved = parseDocument(`\uFEFF${seedText().replace(/\n/g, '\r\n')}`, 'copy.txt');
    expect(again).toEqual(doc);
    expect(resaved.id).toBe(doc.id);
    expect(resaved.measures).toEqual(doc.measures);
    expect(resaved.source.sha256).not.toBe(doc.source.sha256);
  });
});

describe("parseDocument on another municipality's document", () => {
  const doc = parseDocument(fixtureText('other-agency.txt'), 'other-agency.txt');

  it('when the agency, digits and number of measures differ, then they are read all the same', () => {
    expect(doc.ita).toMatchObject({
      agency: 'องค์การบริหารส่วนตำบลหนองบัว',
      district: 'เมืองขอนแก่น',
      province: 'ขอนแก่น',
      fiscalYear: 2567,
      score: 88.5,
    });
    expect(doc.ita?.summary).toContain('ประจำปีงบประมาณ พ.ศ. 2567 ได้ คะแนน 88.5 คะแนน');
    expect(doc.measures.map((m) => m.id)).toEqual([`${doc.id}-m1`, `${doc.id}-m2`]);
    expect(doc.measures[0]?.method).toEqual({
      kind: 'list',
      items: ['ประกาศนโยบาย No Gift Policy', 'อบรมเจ้าหน้าที่ตามมาตรา 9 ของระเบียบ'],
    });
    expect(doc.measures[0]?.summary).toEqual({ kind: 'list', items: ['ประกาศแล้ว', 'อบรม & ทดสอบ ครบทุกคน'] });
    expect(doc.measures[1]?.outcome).toEqual({ kind: 'list', items: ['ตอบภายใน 15 วัน'] });
    expect(doc.measures[1]?.budget).toEqual({ kind: 'text', text: '-' });
  });

  it('when items use Arabic digits without blank lines, then items and sub-items nest and the date is read', () => {
    expect(doc.announcement).toMatchObject({
      agency: 'องค์การบริหารส่วนตำบลหนองบัว',
      subject: 'มาตรการป้องกันการรับสินบน',
      preamble: 'เพื่อให้การปฏิบัติงานเป็นไปด้วยความโปร่งใส จึงกำหนดมาตรการดังนี้',
      date: '2024-03-05',
      dateText: '5 มีนาคม พ.ศ. 2567',
      signer: 'นางสาวสมใจ ใจดี',
      position: 'นายกองค์การบริหารส่วนตำบลหนองบัว',
    });
    expect(doc.announcement?.sections[0]?.items).toEqual([
      { number: '1', text: 'ห้ามรับของขวัญทุกชนิด', subItems: [] },
      {
        number: '2',
        text: 'รายงานการเสนอสินบนต่อผู้บังคับบัญชา ดังนี้',
        subItems: [
          { number: '2.1', text: 'รายงานเป็นหนังสือ', subItems: [] },
          { number: '2.2', text: 'รายงานภายใน 3 วัน', subItems: [] },
        ],
      },
    ]);
  });

  it('when two different documents are imported, then none of their ids collide', () => {
    const seed = parseDocument(seedText(), 'seed.txt');
    const ids = (d: ContentDocument): string[] => [d.id, ...d.measures.map((m) => m.id)];
    expect(ids(doc).filter((id) => ids(seed).includes(id))).toEqual([]);
  });

  it('when a document holds only an announcement, then it has no ITA result and no measures', () => {
    const text = [
      '## ประกาศเทศบาลตำบลทดสอบ',
      '### เรื่อง ทดสอบ',
      '#### หมวด ๑',
      '๑. ข้อเดียว',
      'ประกาศ ณ วันที่ ๑ มีนาคม ๒๕๖๘',
      '(นายทดสอบ ระบบ)',
      'ปลัดเทศบาล',
    ].join('\n');
    const only = parseDocument(text, 'a.txt');
    expect('ita' in only).toBe(false);
    expect(only.measures).toEqual([]);
    expect(only.announcement?.sections).toEqual([
      { id: `${only.id}-s1`, title: 'หมวด ๑', items: [{ number: '๑', text: 'ข้อเดียว', subItems: [] }] },
    ]);
  });

  it('when the score lacks the trailing คะแนน and the preamble has two paragraphs, then both are still read', () => {
    const text = [
      'รายงานผล',
      'ปีงบประมาณ 2567',
      'เทศบาลเมืองก อำเภอข จังหวัดค',
      '',
      'ได้คะแนน 88.25 จาก 100',
      '',
      '## ประกาศเทศบาลเมืองก',
      'เรื่อง ทดสอบ',
      'ย่อหน้าแรก',
      'ต่อบรรทัด',
      '',
      'ย่อหน้าสอง',
      'ประกาศ ณ วันที่ 1 ต.ค. 2566',
      '(นายก ข)',
      'นายกเทศมนตรี',
      'เมืองก',
    ].join('\n');
    const parsed = parseDocument(text, 'b.txt');
    expect(parsed.ita).toMatchObject({ fiscalYear: 2567, score: 88.25, agency: 'เทศบาลเมืองก' });
    expect(parsed.announcement).toMatchObject({
      subject: 'ทดสอบ',
      preamble: 'ย่อหน้าแรก ต่อบรรทัด\nย่อหน้าสอง',
      sections: [],
      date: '2023-10-01',
      position: 'นายกเทศมนตรี เมืองก',
    });
  });
});
