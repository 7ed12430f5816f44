import express from 'express';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BotContext } from '../../src/bot/context.js';
import { postback, type Feature } from '../../src/bot/feature.js';
import { DuplicateFeatureKey, FeatureRegistry } from '../../src/bot/feature-registry.js';
import { BadFeatureRoute, RESERVED_PATHS } from '../../src/bot/feature-routes.js';

const noop = async () => {};
const flow = { handle: async () => false };
const router = () => express.Router();

/** Two features that differ in name only, each claiming one key of the kind under test. */
const CLAIMS: Array<[kind: string, key: string, part: Omit<Feature, 'name'>]> = [
  ['intent', 'subscribe', { intents: { subscribe: noop } }],
  ['postback action', 'topic', { postbacks: { topic: postback(z.object({}), noop) } }],
  ['conversation flow', 'tip', { flows: { tip: flow } }],
  ['event', 'follow', { events: { follow: noop } }],
  ['route', '/tip', { routes: [{ mount: 'public', path: '/tip', router: router() }] }],
  ['route', '/staff/api/tips', { routes: [{ mount: 'staff-api', path: '/tips', router: router() }] }],
];

describe('FeatureRegistry', () => {
  it.each(CLAIMS)('when two features claim the %s "%s", then composing them throws naming both', (kind, key, part) => {
    const compose = () =>
      new FeatureRegistry([
        { name: 'first', ...part },
        { name: 'second', ...part },
      ]);
    expect(compose).toThrow(DuplicateFeatureKey);
    expect(compose).toThrow(`features "first" and "second" both claim the ${kind} "${key}"`);
  });

  it('when two features share a name, then composing them throws', () => {
    expect(() => new FeatureRegistry([{ name: 'tips' }, { name: 'tips' }])).toThrow('feature name "tips"');
  });

  it('when a public and a staff-API route share a path, then both are kept (they are mounted apart)', () => {
    const registry = new FeatureRegistry([
      { name: 'a', routes: [{ mount: 'public', path: '/tips', router: router() }] },
      { name: 'b', routes: [{ mount: 'staff-api', path: '/tips', router: router() }] },
    ]);
    expect(registry.routes().map((r) => r.mount)).toEqual(['public', 'staff-api']);
  });

  it.each(RESERVED_PATHS.flatMap((r) => [r, `${r}/x`]))(
    'when a public route is at or under an address the app serves (%s), then composing refuses it',
    (path) => {
      const compose = () =>
        new FeatureRegistry([{ name: 'web', routes: [{ mount: 'public', path, router: router() }] }]);
      expect(compose).toThrow(BadFeatureRoute);
      expect(compose).toThrow(`feature "web": the public route "${path}" is at or under "/`);
    },
  );

  it("when a public route takes a staff-API route's address, then composing refuses it, whichever comes first", () => {
    const staff = { name: 'tips', routes: [{ mount: 'staff-api' as const, path: '/tips', router: router() }] };
    const web = { name: 'web', routes: [{ mount: 'public' as const, path: '/staff/api/tips', router: router() }] };
    expect(() => new FeatureRegistry([staff, web])).toThrow(
      'features "tips" and "web" both claim the route "/staff/api/tips"',
    );
    expect(() => new FeatureRegistry([web, staff])).toThrow(
      'the public route "/staff/api/tips" is at or under "/staff"',
    );
  });

  it.each([
    ['public', '/tip', 'public', '/tip/upload'],
    ['public', '/tip/upload', 'public', '/tip'],
    ['staff-api', '/tips', 'staff-api', '/tips/export'],
  ] as const)(
    'when a %s route %s and a %s route %s overlap, then composing refuses the second, naming both',
    (mountA, pathA, mountB, pathB) => {
      const compose = () =>
        new FeatureRegistry([
          { name: 'first', routes: [{ mount: mountA, path: pathA, router: router() }] },
          { name: 'second', routes: [{ mount: mountB, path: pathB, router: router() }] },
        ]);
      expect(compose).toThrow(BadFeatureRoute);
      expect(compose).toThrow(`feature "second": the ${mountB} route "${pathB}"`);
      expect(compose).toThrow(`route ${mountA === 'staff-api' ? '/staff/api' : ''}${pathA} of feature "first"`);
    },
  );

  it.each(['', '/', 'tip', '/tip/', '/Tip', '/tip/:id', '/tip?x=1'])(
    'when a route\'s path is not a plain path ("%s"), then composing refuses it',
    (path) => {
      const compose = () =>
        new FeatureRegistry([{ name: 'web', routes: [{ mount: 'public', path, router: router() }] }]);
      expect(compose).toThrow('is not a path like "/tip"');
    },
  );

  it('when routes keep apart (/tip beside /tips, the public /tip beside the staff /tips), then all are kept', () => {
    const registry = new FeatureRegistry([
      { name: 'a', routes: [{ mount: 'public', path: '/tip', router: router() }] },
      { name: 'b', routes: [{ mount: 'public', path: '/tips', router: router() }] },
      { name: 'c', routes: [{ mount: 'staff-api', path: '/tip', router: router() }] },
    ]);
    expect(registry.routes().map((r) => `${r.mount} ${r.path}`)).toEqual([
      'public /tip',
      'public /tips',
      'staff-api /tip',
    ]);
  });

  it("when postback data fits its feature's schema, then it parses to the schema's output with its action", () => {
    const registry = new FeatureRegistry([
      { name: 'pages', postbacks: { page: postback(z.object({ n: z.coerce.number().int().min(0) }), noop) } },
    ]);
    expect(registry.parsePostback('a=page&n=3')).toEqual({ a: 'page', n: 3 });
    expect(registry.parsePostback('a=page&n=-1')).toBeNull();
    expect(registry.parsePostback('a=other&n=1')).toBeNull();
    expect(registry.parsePostback('n=1')).toBeNull();
    expect(registry.parsePostback('a=page&n=1&x=' + 'x'.repeat(300))).toBeNull();
  });

  it('when a postback is handled, then its handler gets the parsed fields and the params', async () => {
    const seen: unknown[] = [];
    const registry = new FeatureRegistry([
      {
        name: 'pages',
        postbacks: {
          page: postback(z.object({ n: z.coerce.number() }), async (_ctx, data, params) => {
            seen.push(data, params);
          }),
        },
      },
    ]);
    const ctx = new BotContext({ type: 'postback' } as never, 'U1', new Date(0), undefined);
    expect(await registry.handlePostback(ctx, { a: 'page', n: 2 }, { date: '2026-01-01' })).toBe(true);
    expect(await registry.handlePostback(ctx, { a: 'none' }, {})).toBe(false);
    expect(seen).toEqual([{ n: 2 }, { date: '2026-01-01' }]);
  });

  it('when started and closed, then features start in order and close in reverse', async () => {
    const order: string[] = [];
    const feature = (name: string): Feature => ({
      name,
      start: async () => void order.push(`start ${name}`),
      close: async () => void order.push(`close ${name}`),
    });
    const registry = new FeatureRegistry([feature('a'), feature('b')]);
    await registry.start();
    await registry.close();
    expect(order).toEqual(['start a', 'start b', 'close b', 'close a']);
  });
});
