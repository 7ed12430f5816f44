import { describe, expect, it } from 'vitest';
import { parsePostback } from '../helpers/postbacks.js';
import { newQuestionId } from '../../src/content/question-log.js';
import { feedbackRow } from '../../src/flex/feedback.js';
import { expectLineValid } from '../helpers/line-contract.js';

describe('feedbackRow', () => {
  it('when put in a bubble, then LINE accepts it and both buttons carry a parseable vote', () => {
    const id = newQuestionId();
    const row = feedbackRow(id);
    const bubble = {
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'คำตอบ' }] },
      footer: row,
    };
    expectLineValid('/v2/bot/message/reply', {
      replyToken: 'x'.repeat(32),
      messages: [{ type: 'flex', altText: 'คำตอบ', contents: bubble }],
    });
    const votes = row.contents.map((button) =>
      'action' in button && button.action?.type === 'postback' ? parsePostback(button.action.data ?? '') : null,
    );
    expect(votes).toEqual([
      { a: 'fb', q: id, v: '1' },
      { a: 'fb', q: id, v: '0' },
    ]);
  });

  it('when a question id is forged, then the postback does not parse', () => {
    expect(parsePostback('a=fb&q=ABC&v=1')).toBeNull();
    expect(parsePostback('a=fb&q=abcdefghijkl&v=2')).toBeNull();
  });
});

describe('newQuestionId', () => {
  it('when drawn many times, then ids are 12 lowercase base32 letters and distinct', () => {
    const ids = Array.from({ length: 1000 }, newQuestionId);
    for (const id of ids) expect(id).toMatch(/^[a-z2-7]{12}$/);
    expect(new Set(ids).size).toBe(1000);
  });
});
