import fs from 'node:fs/promises';
import path from 'node:path';
import type { messagingApi } from '@line/bot-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { FlexTemplateError, FlexTemplates, LIMITS, truncate } from '../../src/flex/template.js';
import { expectLineValid } from '../helpers/line-contract.js';
import { tempDir } from '../helpers/temp-dir.js';

const CARD = {
  type: 'bubble',
  body: {
    type: 'box',
    layout: 'vertical',
    contents: [
      { type: 'text', text: '{{title}}', wrap: true },
      { type: 'text', text: 'ปี {{year}}: {{score}} คะแนน', wrap: true },
      { type: 'text', text: '{{>rows}}' },
    ],
  },
  footer: {
    type: 'box',
    layout: 'vertical',
    contents: [
      { type: 'button', action: { type: 'postback', label: '{{label}}', data: '{{data}}', displayText: '{{label}}' } },
      { type: 'button', action: { type: 'message', label: 'ส่ง', text: '{{say}}' } },
    ],
  },
};

const HOSTILE = `"quoted" \\back\\slash\\ {{other}} {{>rows}} <script>alert('x')</script> &amp; 🙏🏽👨‍👩‍👧 ${'ก'.repeat(10_000)}`;

let dir: string;
let templates: FlexTemplates;

async function writeTemplate(name: string, body: unknown): Promise<void> {
  await fs.writeFile(path.join(dir, `${name}.json`), typeof body === 'string' ? body : JSON.stringify(body));
}

function values(overrides: Record<string, unknown> = {}) {
  return {
    title: 'หัวเรื่อง',
    year: 2568,
    score: '93.05',
    rows: [],
    label: 'อ่าน',
    data: 'a=ita',
    say: 'สวัสดี',
    ...overrides,
  } as never;
}

function asBubble(container: messagingApi.FlexContainer): messagingApi.FlexBubble {
  if (container.type !== 'bubble') throw new Error('expected a bubble');
  return container;
}

function texts(bubble: messagingApi.FlexBubble): string[] {
  return (bubble.body?.contents ?? []).map((c) => (c as messagingApi.FlexText).text ?? '');
}

beforeAll(async () => {
  dir = await tempDir('flex-templates-');
  await writeTemplate('card', CARD);
  templates = new FlexTemplates(dir);
});

describe('FlexTemplates.fill', () => {
  it('when values are plain, then every placeholder is replaced, numbers included', () => {
    const bubble = asBubble(templates.fill('card', values()));
    expect(texts(bubble)).toEqual(['หัวเรื่อง', 'ปี 2568: 93.05 คะแนน']);
  });

  it('when a value holds quotes, backslashes, placeholders, HTML, emoji and 10,000 chars, then it stays inert text within limits', () => {
    const bubble = asBubble(templates.fill('card', values({ title: HOSTILE, label: HOSTILE, say: HOSTILE })));
    const [title] = texts(bubble);
    // Inert: the value is one string, its {{other}} and {{>rows}} are left as written, nothing else changed.
    expect(title?.startsWith(HOSTILE.slice(0, 120))).toBe(true);
    expect(title?.endsWith('…')).toBe(true);
    expect(title?.length).toBeLessThanOrEqual(LIMITS.text);
    expect(bubble.body?.contents).toHaveLength(2);
    const [button, say] = (bubble.footer?.contents ?? []) as messagingApi.FlexButton[];
    expect(button?.action.label?.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    expect(button?.action.label).toBe(truncate(HOSTILE, LIMITS.buttonLabel));
    expect((button?.action as messagingApi.PostbackAction).displayText?.length).toBeLessThanOrEqual(LIMITS.displayText);
    expect((say?.action as messagingApi.MessageAction).text?.length).toBeLessThanOrEqual(300);
    // The JSON round-trips: escaping is JSON.stringify's, never string concatenation.
    expect(JSON.parse(JSON.stringify(bubble))).toEqual(bubble);
    expectLineValid('/v2/bot/message/reply', {
      replyToken: 'x'.repeat(32),
      messages: [{ type: 'flex', altText: truncate(HOSTILE, LIMITS.altText), contents: bubble }],
    });
  });

  it('when a slot gets components, then they replace the slot element in place', () => {
    const rows = [
      { type: 'text', text: 'แถว 1' },
      { type: 'text', text: 'แถว 2' },
    ];
    const bubble = asBubble(templates.fill('card', values({ rows })));
    expect(texts(bubble)).toEqual(['หัวเรื่อง', 'ปี 2568: 93.05 คะแนน', 'แถว 1', 'แถว 2']);
  });

  it('when a value is missing, then it fails naming the template and placeholder', () => {
    const { title: _omitted, ...rest } = values() as Record<string, unknown>;
    expect(() => templates.fill('card', rest as never)).toThrow(FlexTemplateError);
    expect(() => templates.fill('card', rest as never)).toThrow(/"card".*\{\{title\}\}/);
  });

  it('when a slot value is missing or not components, then it fails naming the slot', () => {
    const { rows: _omitted, ...rest } = values() as Record<string, unknown>;
    expect(() => templates.fill('card', rest as never)).toThrow(/"card".*\{\{>rows\}\}/);
    expect(() => templates.fill('card', values({ rows: 'text' }))).toThrow(/\{\{>rows\}\}/);
  });

  it('when a value is given that no placeholder uses, then it fails (a typo would leave a field unfilled)', () => {
    expect(() => templates.fill('card', values({ titel: 'x' }))).toThrow(/"card".*titel/);
  });

  it('when the template leaves a placeholder unfillable or unclosed, then it fails', async () => {
    await writeTemplate('malformed', {
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'a {{not valid}}' }] },
    });
    await writeTemplate('unclosed', {
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'a {{title' }] },
    });
    await writeTemplate('inline-slot', {
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'x {{>rows}}' }] },
    });
    expect(() => templates.fill('malformed', {})).toThrow(/"malformed".*\{\{not valid\}\}/);
    expect(() => templates.fill('unclosed', { title: 'x' })).toThrow(/"unclosed".*unclosed placeholder/);
    expect(() => templates.fill('inline-slot', { rows: [] })).toThrow(/"inline-slot".*slot/);
  });

  it('when a filled text or label is empty, then it fails (LINE refuses empty texts)', () => {
    expect(() => templates.fill('card', values({ title: '' }))).toThrow(/"card".*text is empty/);
    expect(() => templates.fill('card', values({ label: '' }))).toThrow(/"card".*label is empty/);
  });

  it('when postback data would pass 300 chars, then it fails instead of cutting the button', () => {
    expect(() => templates.fill('card', values({ data: 'a=measure&id=' + 'x'.repeat(300) }))).toThrow(
      /"card".*data is 313 chars/,
    );
  });

  it('when the file is not JSON, not a container, or the name walks out of the folder, then it fails clearly', async () => {
    await writeTemplate('broken', '{"type": "bubble",');
    await writeTemplate('not-flex', { type: 'text', text: 'x' });
    expect(() => templates.fill('broken', {})).toThrow(/"broken".*cannot be read/);
    expect(() => templates.fill('not-flex', {})).toThrow(/"not-flex" is not a Flex bubble/);
    expect(() => templates.fill('../card', {})).toThrow(/not valid/);
    expect(() => templates.fill('missing', {})).toThrow(/"missing".*cannot be read/);
  });

  it('when a template is filled twice, then the cached original is untouched', () => {
    const first = asBubble(templates.fill('card', values({ title: 'หนึ่ง' })));
    const second = asBubble(templates.fill('card', values({ title: 'สอง' })));
    expect(texts(first)[0]).toBe('หนึ่ง');
    expect(texts(second)[0]).toBe('สอง');
  });

  it('when parts of a template hold no placeholder, then every fill shares them frozen, checked and shortened once', async () => {
    await writeTemplate('mixed', {
      type: 'bubble',
      body: {
        type: 'box',
        layout: 'vertical',
        contents: [
          { type: 'text', text: '{{title}}' },
          { type: 'text', text: 'ก'.repeat(LIMITS.text + 10), wrap: true },
        ],
      },
      footer: {
        type: 'box',
        layout: 'vertical',
        contents: [{ type: 'button', action: { type: 'message', label: 'เมนู', text: 'เมนู' } }],
      },
    });
    const first = asBubble(templates.fill('mixed', { title: 'หนึ่ง' }));
    const second = asBubble(templates.fill('mixed', { title: 'สอง' }));
    expect(second.footer).toBe(first.footer);
    expect(Object.isFrozen(first.footer)).toBe(true);
    expect(Object.isFrozen(first.footer!.contents[0])).toBe(true);
    expect(() => (first.footer!.contents as unknown[]).push({ type: 'separator' })).toThrow(TypeError);
    // The parts around a placeholder are each fill's own.
    expect(second.body).not.toBe(first.body);
    expect(texts(first)[0]).toBe('หนึ่ง');
    const long = texts(second)[1]!;
    expect(long.length).toBeLessThanOrEqual(LIMITS.text);
    expect(long.endsWith('…')).toBe(true);
    expect(second.body!.contents[1]).toBe(first.body!.contents[1]);
  });

  it('when a part without placeholders is wrong, then every fill fails, not only the first', async () => {
    await writeTemplate('static-bad', {
      type: 'bubble',
      body: {
        type: 'box',
        layout: 'vertical',
        contents: [{ type: 'button', action: { type: 'postback', label: 'ok', data: 'x'.repeat(301) } }],
      },
    });
    expect(() => templates.fill('static-bad', {})).toThrow(/data is 301 chars/);
    expect(() => templates.fill('static-bad', {})).toThrow(/data is 301 chars/);
  });
});

describe('truncate', () => {
  it('when text fits, then it is unchanged; when not, then it ends with … within the limit', () => {
    expect(truncate('สั้น', 20)).toBe('สั้น');
    const cut = truncate('ก'.repeat(50), 20);
    expect(cut).toHaveLength(20);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('when the cut falls inside an emoji or a Thai vowel cluster, then the grapheme is kept whole or dropped', () => {
    const family = '👨‍👩‍👧';
    const cut = truncate(`ab${family}${family}`, 12);
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(cut).toBe(`ab${family}…`);
    expect(truncate('กี่กี่กี่กี่', 4)).toBe('กี่…');
  });
});
