import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePostback } from '../../src/bot/postback.js';
import type { ButtonData } from '../../src/bot/button-set.js';
import { BROWSE_BUTTONS, browseButton } from '../../src/flex/browse-buttons.js';
import { FEEDBACK_BUTTONS, feedbackButton } from '../../src/flex/feedback-buttons.js';
import { publicationButton } from '../../src/flex/publication-buttons.js';
import { SUBSCRIPTION_BUTTONS, subscriptionButton } from '../../src/subscriptions/chat/subscription-buttons.js';
import { TIP_BUTTONS, tipButton } from '../../src/tips/chat/tip-buttons.js';
import { parsePostback, SHIPPED_ACTIONS, shippedButtons } from '../helpers/postbacks.js';

type Sample = [button: { a: string } & Record<string, string | number | undefined>, data: ButtonData, wire: string];

/**
 * One or more of every shipped button, made with its feature's encoder, and the exact data
 * residents' chats already hold for it: the wire format may not change, or old buttons expire.
 */
const SAMPLES: Sample[] = [
  [{ a: 'menu' }, browseButton({ a: 'menu' }), 'a=menu'],
  [{ a: 'help' }, browseButton({ a: 'help' }), 'a=help'],
  [{ a: 'ita' }, browseButton({ a: 'ita' }), 'a=ita'],
  [{ a: 'ita', id: 'doc-2567' }, browseButton({ a: 'ita', id: 'doc-2567' }), 'a=ita&id=doc-2567'],
  [{ a: 'measures' }, browseButton({ a: 'measures' }), 'a=measures'],
  [{ a: 'measure', id: 'doc-1-m2' }, browseButton({ a: 'measure', id: 'doc-1-m2' }), 'a=measure&id=doc-1-m2'],
  [
    { a: 'measure', id: 'doc-1-m2', page: 1 },
    browseButton({ a: 'measure', id: 'doc-1-m2', page: 1 }),
    'a=measure&id=doc-1-m2&page=1',
  ],
  [{ a: 'announcement' }, browseButton({ a: 'announcement' }), 'a=announcement'],
  [{ a: 'announcement', page: 2 }, browseButton({ a: 'announcement', page: 2 }), 'a=announcement&page=2'],
  [{ a: 'announcement', id: 'doc-1' }, browseButton({ a: 'announcement', id: 'doc-1' }), 'a=announcement&id=doc-1'],
  [{ a: 'section', id: 'doc-1-s3' }, browseButton({ a: 'section', id: 'doc-1-s3' }), 'a=section&id=doc-1-s3'],
  [{ a: 'tip-when' }, tipButton({ a: 'tip-when' }), 'a=tip-when'],
  [{ a: 'tip-info' }, tipButton({ a: 'tip-info' }), 'a=tip-info'],
  [{ a: 'topics' }, subscriptionButton({ a: 'topics' }), 'a=topics'],
  [
    { a: 'topic', id: 'procurement', on: '1' },
    subscriptionButton({ a: 'topic', id: 'procurement', on: '1' }),
    'a=topic&id=procurement&on=1',
  ],
  [{ a: 'topics-all', on: '0' }, subscriptionButton({ a: 'topics-all', on: '0' }), 'a=topics-all&on=0'],
  [{ a: 'pub', id: 'pub-7f3a' }, publicationButton({ a: 'pub', id: 'pub-7f3a' }), 'a=pub&id=pub-7f3a'],
  [{ a: 'pub', id: 'pub-7f3a' }, subscriptionButton({ a: 'pub', id: 'pub-7f3a' }), 'a=pub&id=pub-7f3a'],
  [
    { a: 'erase', ok: '1', t: 29_500_000 },
    subscriptionButton({ a: 'erase', ok: '1', t: 29_500_000 }),
    'a=erase&ok=1&t=29500000',
  ],
  [{ a: 'erase', ok: '0', t: 0 }, subscriptionButton({ a: 'erase', ok: '0', t: 0 }), 'a=erase&ok=0&t=0'],
  [
    { a: 'fb', q: 'abcdefgh1234', v: '1' },
    feedbackButton({ a: 'fb', q: 'abcdefgh1234', v: '1' }),
    'a=fb&q=abcdefgh1234&v=1',
  ],
];

describe('shipped buttons', () => {
  it('when every shipped action is listed, then each has a sample here', () => {
    expect([...new Set(SAMPLES.map(([button]) => button.a))].sort()).toEqual([...SHIPPED_ACTIONS].sort());
  });

  it.each(SAMPLES.map((s) => [s[2], ...s] as const))(
    'when %s is made by its feature, then its data is the old wire format and reads back as given',
    (_name, button, data, wire) => {
      expect(data).toBe(wire);
      // The codec every button used before the typed sets: same bytes
      expect(data).toBe(encodePostback(button));
      expect(parsePostback(data)).toEqual(button);
    },
  );

  it('when a feature registers a button, then it reads it with the schema its encoder is typed from', () => {
    const sets = { ...BROWSE_BUTTONS, ...TIP_BUTTONS, ...SUBSCRIPTION_BUTTONS, ...FEEDBACK_BUTTONS };
    expect(Object.keys(sets).sort()).toEqual([...SHIPPED_ACTIONS].sort());
    for (const [action, schema] of Object.entries(sets))
      expect(shippedButtons.postbackSchema(action), action).toBe(schema);
  });

  it('when a field is given out of the schema order, then the data keeps the schema order', () => {
    expect(browseButton({ page: 3, a: 'measure', id: 'm-1' })).toBe('a=measure&id=m-1&page=3');
  });

  it('when a button names an action its set does not have, then it is a type error and a throw', () => {
    // @ts-expect-error: "measure" is the answers feature's, not the tip channel's
    expect(() => tipButton({ a: 'measure', id: 'm-1' })).toThrow('no button "measure"');
  });

  it('when a button misspells a field or leaves one out, then it is a type error', () => {
    // @ts-expect-error: "pag" is not a field of measure
    expect(browseButton({ a: 'measure', id: 'm-1', pag: 2 })).toBe('a=measure&id=m-1');
    // @ts-expect-error: a topic button needs "on"
    expect(parsePostback(subscriptionButton({ a: 'topic', id: 'news' }))).toBeNull();
    // @ts-expect-error: "on" is "0" or "1", as its schema says
    expect(parsePostback(subscriptionButton({ a: 'topics-all', on: 'yes' }))).toBeNull();
    // @ts-expect-error: a button's data is made by a set, never written by hand
    const forged: ButtonData = 'a=menu';
    expect(forged).toBe('a=menu');
  });

  it('when src makes postback data, then it goes through a typed button set', () => {
    const src = path.resolve(import.meta.dirname, '../../src');
    const raw = (fs.readdirSync(src, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => fs.readFileSync(path.join(src, f), 'utf8').includes('encodePostback('))
      .map((f) => f.split(path.sep).join('/'));
    expect(raw.sort()).toEqual(['bot/button-set.ts', 'bot/postback.ts']);
  });
});
