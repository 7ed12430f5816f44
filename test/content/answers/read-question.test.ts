import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswerMemory } from '../../../src/content/answers/answer-memory.js';
import { readQuestion } from '../../../src/content/answers/read-question.js';
import { readTime } from '../../../src/content/answers/question-time.js';
import { loadServiceFacts, SERVICE_FACTS_FILE } from '../../../src/content/answers/service-facts.js';
import { readFileSync } from 'node:fs';
import { FactBook } from '../../../src/content/answers/fact-book.js';
import { shippedSearch } from '../../helpers/shipped-search.js';

describe('reading a question', () => {
  it.each([
    ['ใครลงนามประกาศ', 'who'],
    ['ผู้ใดเป็นผู้รับผิดชอบ', 'who'],
    ['ประกาศออกตอนไหน', 'when'],
    ['ลงวันไหน', 'when'],
    ['ได้กี่คะแนน', 'howmuch'],
    ['ใช้งบเท่าไหร่', 'howmuch'],
    ['มีกี่มาตรการ', 'count'],
    ['มาตรการมีกี่ประเด็น', 'count'],
    ['ใช้เงินกี่บาท', 'howmuch'],
    ['ทำมากี่ปี', 'howmuch'],
    ['how many measures', 'count'],
    ['ทำยังไง', 'how'],
    ['ดำเนินการอย่างไร', 'how'],
    ['แจ้งที่ไหน', 'where'],
    ['มาตรการมีอะไรบ้าง', 'list'],
    ['ใช้เงินไหม', 'yesno'],
    ['ใช้เงินมั้ย', 'yesno'],
    ['ใช้ตังค์บ่', 'yesno'],
    ['กองคลังรับผิดชอบใช่ปะ', 'yesno'],
    ['ออกเดือนกุมภาใช่ป่ะ', 'yesno'],
    ['ITA ย่อมาจากอะไร', 'abbrev'],
    ['กำหนดให้จัดทำคู่มือเพื่ออะไร', 'how'],
  ])('when asked "%s", then the kind is %s', (text, kind) => {
    expect(readQuestion(text).kind).toBe(kind);
  });

  it('when a field is named as written, then a near-miss of another field does not count ("ประกาศเรื่อง" is not "ประกาศเมื่อ")', () => {
    expect(readQuestion('ประกาศเรื่องอะไร').fields).toEqual(['subject']);
    expect(readQuestion('ผู้ลงนามมีตำแหน่งอะไร').fields).toEqual(['position']);
    expect(readQuestion('ผลประเมินนี้ของปีงบประมาณไหน').fields).toEqual(['fiscalYear']);
  });

  it('when only field, asking and follow-up words are left, then the question has no subject of its own', () => {
    expect(readQuestion('แล้วใช้งบเท่าไหร่').subjectless).toBe(true);
    expect(readQuestion('ใครรับผิดชอบ').subjectless).toBe(true);
    expect(readQuestion('ปีนั้นล่ะ').subjectless).toBe(true);
    expect(readQuestion('มาตรการดุลพินิจใช้งบเท่าไหร่').subjectless).toBe(false);
  });

  it('when years are written in any way, then they are Buddhist-era fiscal years and leave the question', () => {
    expect(readTime('คะแนน ITA ปีงบประมาณ พ.ศ. ๒๕๖๘')).toMatchObject({ years: [2568], rest: 'คะแนน ITA' });
    expect(readTime('ปี 67 ได้กี่คะแนน')).toMatchObject({ years: [2567] });
    expect(readTime('ITA ค.ศ. 2024')).toMatchObject({ years: [2567] });
    expect(readTime('เทียบปี 2567 กับ 2568')).toMatchObject({ years: [2567, 2568], compare: true });
    expect(readTime('คะแนนล่าสุด')).toMatchObject({ latest: true, rest: 'คะแนน' });
    expect(readTime('ปีที่แล้วล่ะ')).toMatchObject({ back: 1 });
    expect(readTime('ปีนั้นใครลงนาม')).toMatchObject({ thatYear: true });
  });

  it.each([
    ['ita ได้กี่แต้ม', 'howmuch', ['score']],
    ['how many points did the town get', 'howmuch', ['score']],
    ['มาตรการมีจั๊กอัน', 'count', []],
    ['มาตรการมีจั่กอย่าง', 'count', []],
    ['what measures does the town have', 'list', []],
    ['which sections does the announcement have', 'list', []],
    ['do and dont ได้ผลอะไร', 'result', ['outcome']],
    ['ผลที่คาดว่าจะได้รับของมาตรการที่ 1', null, ['outcome']],
    ['ไฟฟ้าหน้าบ้านดับ แจ้งไสได้', 'where', []],
    ['น้ำประปาไม่ไหล ติดต่อไหน', 'where', []],
  ] as const)('when asked "%s", then the kind is %s and the fields %j', (text, kind, fields) => {
    const shape = readQuestion(text);
    expect(shape.kind).toBe(kind);
    expect(shape.fields).toEqual(fields);
  });

  it('when a number is compared with and no field is named, then it is a yes/no question about the score (over 100: the budget)', () => {
    expect(readQuestion('ปี 2567 ได้เกิน 90 บ่')).toMatchObject({ kind: 'yesno', fields: ['score'] });
    // A score right after the score word is the number compared; a year there is not.
    expect(readQuestion('คะแนน ITA 88.5 ใช่มั้ย')).toMatchObject({ kind: 'yesno', threshold: { value: 88.5 } });
    expect(readQuestion('คะแนน ita 2567 เท่าไหร่')).toMatchObject({ threshold: null });
    expect(readQuestion('is the score above 90')).toMatchObject({ kind: 'yesno', fields: ['score'] });
    expect(readQuestion('ใช้เกิน 1000 ไหม')).toMatchObject({ kind: 'yesno', fields: ['budget'] });
    // No number compared: no field is made up.
    expect(readQuestion('ได้ไหม').fields).toEqual([]);
  });

  it('when a date is written out beside another field, then it picks the document and is not asked', () => {
    expect(readQuestion('ประกาศลงวันที่ 10 ม.ค. 2568 ลงนามโดยใคร').fields).toEqual(['signer']);
    expect(readQuestion('ประกาศ 10 January เรื่องอะไร').fields).toEqual(['subject']);
    // Asked on its own, the date is the question.
    expect(readQuestion('ประกาศลงวันที่เท่าไหร่').fields).toEqual(['date']);
  });

  it('when an item of a named column is numbered ("วิธีการข้อ 2"), then the number is not searched (it is no measure)', () => {
    const shape = readQuestion('มาตรการเผยแพร่ข้อมูล วิธีการข้อ 2 คืออะไร');
    expect(shape.fields).toEqual(['method']);
    expect(shape.time.rest).not.toMatch(/2/);
    // Without a column right before it, ข้อ 2 stays: it numbers a clause.
    expect(readQuestion('ข้อ 2 ว่าอะไร').time.rest).toMatch(/ข้อ 2/);
    expect(readQuestion('ข้อ 2.1 ใครรับผิดชอบ').time.rest).toMatch(/ข้อ 2\.1/);
  });

  it('when Isan asking words carry the tones people type (จั๊งใด๋, จั่กอัน), then they are read as written plainly', () => {
    expect(readQuestion('มาตรการนี้เป็นจั๊งใด๋').kind).toBe('how');
    expect(readQuestion('ประกาศออกมื้อใด๋').kind).toBe('when');
  });

  it('when a measure is named by its order, then the shape says which, and the order words are digits in the searched text', () => {
    expect(readQuestion('มาตรการที่สามใครรับผิดชอบ')).toMatchObject({ measure: 3, fields: ['owner'] });
    expect(readQuestion('มาตรการที่สามใครรับผิดชอบ').time.rest).toContain('มาตรการที่ 3');
    expect(readQuestion('third measure how is it done').measure).toBe(3);
    expect(readQuestion('มาตรการทำยังไง').measure).toBeNull();
  });

  it('when a bare number follows a verb with ถึง, then it is a number compared with, not a second year', () => {
    expect(readTime('ปี 2567 ได้ถึง 90 มั้ย')).toMatchObject({ years: [2567], compare: false });
    expect(readTime('ปี 67 ถึง 68')).toMatchObject({ years: [2567, 2568], compare: true });
  });

  it('when numbers are not years, then they stay in the question', () => {
    expect(readTime('ได้ 93 คะแนนจริงไหม')).toMatchObject({ years: [], rest: 'ได้ 93 คะแนนจริงไหม' });
    expect(readTime('สายด่วน 1205')).toMatchObject({ years: [], rest: 'สายด่วน 1205' });
  });
});

describe('the service facts file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'facts-'));
  const write = (name: string, json: unknown): string => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
    return file;
  };

  it('when the shipped file is read, then every fact and label is there', () => {
    const { facts, labels } = loadServiceFacts();
    expect(facts.map((f) => f.id)).toEqual(
      expect.arrayContaining([
        'report-executive',
        'report-city-problem',
        'nacc-hotline',
        'pacc-hotline',
        'damrongtham-hotline',
        'subscribe-news',
      ]),
    );
    expect(labels.signer).toBe('ผู้ลงนามในประกาศ');
  });

  it('when the file is broken, then loading fails naming the file and what is wrong', () => {
    const shipped = JSON.parse(readFileSync(SERVICE_FACTS_FILE, 'utf8')) as { facts: { id: string }[] };
    expect(() => loadServiceFacts(write('bad.json', '{ nope'))).toThrow(/bad\.json/);
    expect(() => loadServiceFacts(write('empty.json', { ...shipped, facts: [] }))).toThrow(/empty\.json: facts/);
    expect(() =>
      loadServiceFacts(write('twice.json', { ...shipped, facts: [shipped.facts[0], shipped.facts[0]] })),
    ).toThrow(/appears twice/);
    expect(() =>
      loadServiceFacts(write('kind.json', { ...shipped, facts: [{ ...shipped.facts[0], kinds: ['why'] }] })),
    ).toThrow(/kinds/);
    const { templates: _gone, ...noTemplates } = shipped as { templates?: unknown };
    expect(() => loadServiceFacts(write('no-templates.json', noTemplates))).toThrow(/no-templates\.json: templates/);
  });

  it('when staff change a template in the file, then the facts built from the documents use it', async () => {
    const shipped = JSON.parse(readFileSync(SERVICE_FACTS_FILE, 'utf8')) as { templates: Record<string, string> };
    const edited = loadServiceFacts(
      write('edited.json', { ...shipped, templates: { ...shipped.templates, measure: 'กิจกรรมลำดับ {order}' } }),
    );
    const { docs, synonyms } = await shippedSearch();
    const book = new FactBook(docs, synonyms, edited);
    expect(book.inYear('measure:2/owner', 2568)?.label).toBe('ผู้รับผิดชอบ กิจกรรมลำดับ 2');
  });
});

describe('follow-up memory', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
  const context = { family: 'measure:1', key: null, year: 2568 };

  it('when 10 minutes have passed, then the previous answer is forgotten', () => {
    const memory = new AnswerMemory();
    memory.set('u1', context, at(0));
    expect(memory.get('u1', at(10))).toEqual(context);
    expect(memory.get('u1', at(11))).toBeNull();
    expect(memory.get('u2', at(0))).toBeNull();
  });

  it('when more users than it keeps ask, then the one unused longest goes', () => {
    const memory = new AnswerMemory(600_000, 2);
    memory.set('a', context, at(0));
    memory.set('b', context, at(1));
    memory.get('a', at(2));
    memory.set('a', context, at(2));
    memory.set('c', context, at(3));
    expect([memory.get('a', at(3)), memory.get('b', at(3)), memory.get('c', at(3))].map(Boolean)).toEqual([
      true,
      false,
      true,
    ]);
    expect(memory.size).toBe(2);
  });
});
