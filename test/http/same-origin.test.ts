import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { sameOrigin } from '../../src/http/same-origin.js';

/** A request to bot.example with these headers (only `get` is read). */
const request = (headers: Record<string, string>): Request => {
  const all: Record<string, string> = { host: 'bot.example', ...headers };
  return { get: (name: string) => all[name.toLowerCase()] } as unknown as Request;
};

describe('the one same-origin rule (console forms and the tip form)', () => {
  it('when a post comes from our own page or no browser at all, then it passes', () => {
    expect(sameOrigin(request({}))).toBe(true);
    expect(sameOrigin(request({ 'sec-fetch-site': 'same-origin', origin: 'null' }))).toBe(true);
    expect(sameOrigin(request({ 'sec-fetch-site': 'none' }))).toBe(true);
    expect(sameOrigin(request({ origin: 'https://bot.example', referer: 'https://bot.example/tip' }))).toBe(true);
  });

  it('when any signal names another site, a sibling subdomain or nothing readable, then it is refused', () => {
    expect(sameOrigin(request({ 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(sameOrigin(request({ 'sec-fetch-site': 'same-site' }))).toBe(false);
    expect(sameOrigin(request({ 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }))).toBe(false);
    expect(sameOrigin(request({ origin: 'not a url' }))).toBe(false);
    expect(sameOrigin(request({ referer: 'https://evil.example/form' }))).toBe(false);
    expect(sameOrigin(request({ origin: 'null', referer: 'https://bot.example.evil.example/' }))).toBe(false);
  });
});
