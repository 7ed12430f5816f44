import type { messagingApi } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { ContentLibrary } from '../../src/content/library.js';
import { MessageCache, viewsOf } from '../../src/flex/message-cache.js';

const text = (t: string): messagingApi.Message[] => [{ type: 'text', text: t }];

describe('MessageCache', () => {
  it('when a key is asked twice, then the reply is built once and the same content comes back', () => {
    const cache = new MessageCache();
    let builds = 0;
    const build = () => (builds++, text('ผลการประเมิน'));
    expect(cache.get('ita', build)).toEqual(text('ผลการประเมิน'));
    expect(cache.get('ita', build)).toEqual(text('ผลการประเมิน'));
    expect(builds).toBe(1);
  });

  it('when a caller changes a cached reply, then it throws and the cache keeps the original', () => {
    const cache = new MessageCache();
    const [first] = cache.get('k', () => text('เดิม'));
    expect(() => ((first as messagingApi.TextMessage).text = 'แก้')).toThrow(TypeError);
    expect(cache.get('k', () => text('ใหม่'))).toEqual(text('เดิม'));
  });

  it('when more keys than its bound are kept, then the least recently used goes first', () => {
    const cache = new MessageCache(2);
    cache.get('a', () => text('a'));
    cache.get('b', () => text('b'));
    cache.get('a', () => text('a again'));
    cache.get('c', () => text('c'));
    expect(cache.size).toBe(2);
    expect(cache.get('a', () => text('rebuilt'))).toEqual(text('a'));
    expect(cache.get('b', () => text('rebuilt'))).toEqual(text('rebuilt'));
  });
});

describe('viewsOf', () => {
  it('when asked for the same library, then one cache; for another library (a new import), then a fresh one', () => {
    const library = new ContentLibrary([]);
    viewsOf(library).get('welcome', () => text('สวัสดี'));
    expect(viewsOf(library).get('welcome', () => text('stale'))).toEqual(text('สวัสดี'));
    expect(viewsOf(new ContentLibrary([])).get('welcome', () => text('ใหม่'))).toEqual(text('ใหม่'));
  });
});
