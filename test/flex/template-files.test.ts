import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browseButton } from '../../src/flex/browse-buttons.js';
import { BUBBLE_TEMPLATES, FRAGMENTS } from '../../src/flex/catalog.js';
import { flexTemplates } from '../../src/flex/template.js';
import { FLEX_TEMPLATES_DIR } from '../../src/paths.js';
import { expectLineValid, lineContract } from '../helpers/line-contract.js';

/** Every file in flex-templates/ (fragments included), as a template name. */
function templateNames(): string[] {
  const names: string[] = [];
  for (const sub of ['', 'fragments']) {
    for (const file of fs.readdirSync(path.join(FLEX_TEMPLATES_DIR, sub))) {
      if (file.endsWith('.json')) names.push(path.posix.join(sub, file.slice(0, -'.json'.length)));
    }
  }
  return names.sort();
}

function walk(node: unknown, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((n) => walk(n, visit));
  }
}

/** Sample values for every placeholder a template holds, chosen by the placeholder's name. */
function sampleValues(template: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const json = JSON.stringify(template);
  for (const [, slot] of json.matchAll(/\{\{>(\w+)\}\}/g)) {
    values[slot!] = [{ type: 'text', text: `ตัวอย่าง ${slot}`, size: 'md', wrap: true }];
  }
  for (const [, name] of json.matchAll(/\{\{(\w+)\}\}/g)) {
    values[name!] = /data$/i.test(name!)
      ? browseButton({ a: 'menu' })
      : name === 'uri'
        ? 'https://example.com/'
        : `ตัวอย่าง ${name}`;
  }
  return values;
}

const raw = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(FLEX_TEMPLATES_DIR, `${name}.json`), 'utf8'));

describe('flex-templates/', () => {
  it('when listed, then the catalog names exactly the files there', () => {
    const expected = [...BUBBLE_TEMPLATES, ...FRAGMENTS.map((f) => `fragments/${f}`)].sort();
    expect(templateNames()).toEqual(expected);
  });

  it.each(templateNames())(
    'when %s is pasted as is, then it is a valid Flex bubble (as in the Flex Simulator)',
    (name) => {
      const template = raw(name);
      expect((template as { type: string }).type).toBe('bubble');
      const body = { replyToken: 'x'.repeat(32), messages: [{ type: 'flex', altText: name, contents: template }] };
      // The one exception: "{{uri}}" cannot be a valid URI, so a uri button previews only once a URL is pasted in.
      const errors = lineContract
        .check('/v2/bot/message/reply', body)
        .filter((e) => !/action\.uri must match format "uri"/.test(e));
      expect(errors).toEqual([]);
    },
  );

  it.each(templateNames())('when %s is filled with sample values, then LINE accepts it', (name) => {
    const filled = flexTemplates.fill(name, sampleValues(raw(name)) as never);
    expect(JSON.stringify(filled)).not.toMatch(/\{\{/);
    expectLineValid('/v2/bot/message/reply', {
      replyToken: 'x'.repeat(32),
      messages: [{ type: 'flex', altText: name, contents: filled }],
    });
  });

  it.each(templateNames())('when %s is read on a phone, then every text wraps and none is smaller than md', (name) => {
    walk(raw(name), (node) => {
      if (node.type !== 'text' || String(node.text).startsWith('{{>')) return;
      // One exception: a number read aloud and copied must stay on one line (LINE shrinks it instead)
      if (node.adjustMode === 'shrink-to-fit')
        expect(node.wrap, `${name}: "${String(node.text)}" shrinks, so must not wrap`).toBe(false);
      else expect(node.wrap, `${name}: "${String(node.text)}" must wrap`).toBe(true);
      expect(['md', 'lg', 'xl', 'xxl', '3xl', '4xl', '5xl'], `${name}: "${String(node.text)}" size`).toContain(
        node.size,
      );
    });
  });

  it.each(templateNames())(
    'when %s has a postback button, then its data comes from a placeholder (made by a button set), never hard-coded',
    (name) => {
      walk(raw(name), (node) => {
        if (node.type === 'postback') expect(String(node.data)).toMatch(/^\{\{\w+\}\}$/);
      });
    },
  );
});
