import type { messagingApi } from '@line/bot-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/content/answers/answer-question.js';
import { FactBook } from '../../src/content/answers/fact-book.js';
import { loadServiceFacts } from '../../src/content/answers/service-facts.js';
import { parseDocument } from '../../src/content/importer.js';
import { ContentLibrary } from '../../src/content/library.js';
import { readQuestion } from '../../src/content/answers/read-question.js';
import { withFeedback } from '../../src/flex/answer-bubble.js';
import { answerMessages, type AnswerSources } from '../../src/flex/answer-views.js';
import { notFoundMessages } from '../../src/flex/messages.js';
import { renderMessage } from '../../src/http/public/message-render.js';
import { parsePostback } from '../helpers/postbacks.js';
import { firstText, previousYearText } from '../helpers/fact-questions.js';
import { READ_FULL } from '../../src/flex/labels.js';
import { topicName } from '../../src/subscriptions/topic-catalog.js';
import { periodMessages } from '../../src/flex/answer-period-view.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';
import { expectLineValid } from '../helpers/line-contract.js';
import { shippedSearch } from '../helpers/shipped-search.js';

/** Every kind of answer bubble: LINE accepts it, the demo chat renders it, the fact comes first, 👍/👎 at its foot. */
describe('answer messages', () => {
  let src: AnswerSources;
  let book: FactBook;

  beforeAll(async () => {
    const shipped = await shippedSearch();
    const docs = [...shipped.docs, parseDocument(previousYearText(), 'ita-2567.txt')];
    book = new FactBook(docs, shipped.synonyms, loadServiceFacts());
    const library = new ContentLibrary(docs);
    src = {
      book,
      library,
      latestAnnouncement: () => published,
      publication: (itemId) => (itemId === 'publication:p1' ? published : undefined),
    };
  });

  const published = {
    id: 'p1',
    title: 'ประกาศรับสมัครพนักงานจ้าง',
    body: 'รายละเอียดตามประกาศ',
    topicName: 'ประกาศ',
    publishedAt: '2026-03-01T03:00:00.000Z',
  };
  const unit = (key: string, year = 2568) => book.inYear(key, year)!;
  const cases = (): [string, Reply, RegExp][] => [
    ['one fact', { type: 'fact', units: [unit('announcement/signer')] }, /^ผู้ลงนามในประกาศ: นายอุดม วงบุตดา/],
    ['a comparison of years', { type: 'fact', units: [unit('ita/score'), unit('ita/score', 2567)] }, /93\.05.*88\.50/],
    ['a clause', { type: 'fact', units: [unit('section:2/clause/๒.๒')] }, /^ข้อ ๒\.๒ .*งานประชาสัมพันธ์/],
    ['a service fact', { type: 'service', fact: book.service.facts.find((f) => f.id === 'report-executive')! }, /1205/],
    ['the measures', { type: 'measure-list', year: 2568, count: true }, /3 มาตรการ/],
    ['the sections', { type: 'section-list', year: 2568, count: true }, /2 หัวข้อ/],
    [
      'a field of every measure',
      { type: 'across', units: book.acrossMeasures('budget', 2567) },
      /^งบประมาณแต่ละมาตรการ: มาตรการที่ 1 ๕,๐๐๐ บาท/,
    ],
    ['the newest announcement', { type: 'latest-announcement' }, /^ประกาศล่าสุด: ประกาศรับสมัครพนักงานจ้าง/],
    [
      'a field not held',
      { type: 'not-held', field: 'phone', family: 'announcement', year: 2568 },
      /^ไม่พบหมายเลขโทรศัพท์/,
    ],
    [
      "a publication's date",
      { type: 'publication', itemId: 'publication:p1', when: true },
      /^เผยแพร่เมื่อ: 1 มีนาคม พ.ศ. 2569/,
    ],
    ['a year not held', { type: 'no-year', years: [2568, 2567] }, /^ยังไม่มีเอกสาร/],
    [
      'a yes to a number compared with',
      { type: 'fact', units: [unit('ita/score')], verdict: true },
      /^ใช่ ผลคะแนน ITA ปีงบประมาณ พ.ศ. 2568: 93\.05/,
    ],
    [
      'a no to a number compared with',
      { type: 'fact', units: [unit('ita/score', 2567)], verdict: false },
      /^ไม่ใช่ ผลคะแนน ITA .*88\.50/,
    ],
    [
      "a doer in the clause's words",
      { type: 'fact', units: [unit('section:2/clause/๒.๑')], stated: 'โดยความเห็นชอบของผู้บริหาร' },
      /^ข้อ ๒\.๑ .*: โดยความเห็นชอบของผู้บริหาร/,
    ],
  ];

  it('when each kind of answer is drawn, then LINE accepts it, the demo chat renders it, and its first text states the fact', () => {
    for (const [name, reply, first] of cases()) {
      const messages = withFeedback(
        answerMessages(reply as Exclude<Reply, { type: 'items' | 'none' }>, src, readQuestion('ใครลงนาม'), []),
        'abcdefghjkmn',
      );
      expectLineValid('/v2/bot/message/reply', { replyToken: 'r', messages });
      const unknown: string[] = [];
      const { kind, html } = renderMessage(messages[0], { unknown });
      expect({ name, kind, unknown }).toEqual({ name, kind: 'flex', unknown: [] });
      expect(html, name).toContain('เทศบาลตำบลโพนทราย');
      expect(firstText(messages[0]), name).toMatch(first);
      expect(votes(messages[0]), name).toEqual([
        { a: 'fb', q: 'abcdefghjkmn', v: '1' },
        { a: 'fb', q: 'abcdefghjkmn', v: '0' },
      ]);
    }
  });

  it('when an answer opens its whole item, then the button reads like every other one (อ่านฉบับเต็ม), and no other wording of it is left', () => {
    const [message] = answerMessages(
      { type: 'fact', units: [unit('measure:2/owner')] },
      src,
      readQuestion('ใครรับผิดชอบ'),
      [],
    );
    expect(JSON.stringify(message)).toContain(`"label":"${READ_FULL}"`);
    expect(book.service.wording.openItem).toBe(READ_FULL);
    const variants =
      /ดูฉบับเต็ม"|"label": ?"(?:เปิดอ่านฉบับเต็ม|อ่านต่อ|อ่านข่าวนี้|อ่านประกาศ)"|label: '(?:ดูฉบับเต็ม|อ่านต่อ|อ่านข่าวนี้|เปิดอ่านฉบับเต็ม)'/;
    for (const dir of ['flex-templates', 'src/flex', 'data']) {
      for (const name of readdirSync(path.join(PROJECT_ROOT, dir)).filter((n) => /\.(json|ts)$/.test(n))) {
        expect(readFileSync(path.join(PROJECT_ROOT, dir, name), 'utf8'), `${dir}/${name}`).not.toMatch(variants);
      }
    }
  });

  it('when the answer is about the announcement, then the card names the town as the report does and the quote keeps the heading as written', () => {
    const [message] = answerMessages(
      { type: 'fact', units: [unit('announcement/issuer')] },
      src,
      readQuestion('ใครออกประกาศ'),
      [],
    );
    expect(firstText(message)).toBe('ผู้ออกประกาศ: เทศบาลตำบลโพนทราย');
    expect(JSON.stringify(message)).toContain('“ประกาศเทศบาลตำบลโพธาราย”');
  });

  it('when a service fact offers a tip, then its button says แจ้งเบาะแส as a message, so the tip flow starts only when tapped', () => {
    const [message] = answerMessages(
      { type: 'service', fact: book.service.facts.find((f) => f.id === 'report-executive')! },
      src,
      readQuestion('ร้องเรียนนายกที่ไหน'),
      [],
    );
    expect(JSON.stringify(message)).toContain('{"type":"message","label":"แจ้งเบาะแส","text":"แจ้งเบาะแส"}');
  });

  it('when publications of a period are listed, then LINE accepts the count and the cards, and the demo chat renders them; none says so', () => {
    const hit = { kind: 'publication' as const, ...published };
    const asked = { topic: 'announcement', year: 2569, month: 3, from: 0, to: 0 };
    const messages = withFeedback(
      periodMessages(asked, [hit], book, 'เทศบาลตำบลโพนทราย', topicName(asked.topic)),
      'abcdefghjkmn',
    );
    expectLineValid('/v2/bot/message/reply', { replyToken: 'r', messages });
    expect(firstText(messages[0])).toBe('ประกาศ เดือนมีนาคม พ.ศ. 2569: 1 รายการ');
    for (const message of messages) {
      const unknown: string[] = [];
      renderMessage(message, { unknown });
      expect(unknown).toEqual([]);
    }
    expect(
      firstText(periodMessages({ ...asked, month: null }, [], book, 'เทศบาลตำบลโพนทราย', topicName(asked.topic))[0]),
    ).toBe('ยังไม่มีประกาศที่เผยแพร่ในปี พ.ศ. 2569');
  });

  it('when a shared reply gets 👍/👎, then the shared copy is left without them', () => {
    const shared = notFoundMessages('', []);
    const before = JSON.stringify(shared);
    const marked = withFeedback(shared, 'abcdefghjkmn');
    expect(JSON.stringify(shared)).toBe(before);
    expect(votes(marked[0])).toHaveLength(2);
    expectLineValid('/v2/bot/message/reply', { replyToken: 'r', messages: marked });
  });
});

/** The 👍/👎 postbacks of a message, parsed. */
function votes(message: messagingApi.Message | undefined): unknown[] {
  const found = [...JSON.stringify(message).matchAll(/"data":"(a=fb[^"]*)"/g)].map((m) => parsePostback(m[1]!));
  return found;
}
