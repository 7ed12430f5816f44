import { describe, expect, it } from 'vitest';
import { chipLabel } from '../../src/flex/quick-reply.js';
import { cardSteps } from '../../src/flex/measure-messages.js';

describe('chip labels', () => {
  it('when an item name is longer than 20 characters, then the chip keeps whole words and no "…"', () => {
    expect(chipLabel('แนวทางการประพฤติตนทางจริยธรรม')).toBe('แนวทางการประพฤติตน');
    expect(chipLabel('ผล ITA ปี 2568')).toBe('ผล ITA ปี 2568');
  });

  it('when one word is longer than 20 characters, then it is cut between letters, still without "…"', () => {
    const label = chipLabel('a'.repeat(30));
    expect(label).toBe('a'.repeat(20));
  });
});

describe("a measure card's steps", () => {
  it('when the method is a numbered list, then each step is on its own line', () => {
    expect(cardSteps({ kind: 'list', items: ['1. จัดทำประกาศ', '2. จัดทำคู่มือ', '3. จัดประชุม'] }, 140)).toBe(
      '1. จัดทำประกาศ\n2. จัดทำคู่มือ\n3. จัดประชุม',
    );
  });

  it('when the steps do not all fit, then whole steps are shown and the rest counted', () => {
    const text = cardSteps(
      { kind: 'list', items: ['1. ' + 'ก'.repeat(50), '2. ' + 'ข'.repeat(50), '3. ' + 'ค'.repeat(50)] },
      140,
    );
    expect(text).toBe(`1. ${'ก'.repeat(50)}\n2. ${'ข'.repeat(50)}\n(และอีก 1 ข้อ)`);
  });

  it('when the method is plain text, then it is shortened as before', () => {
    expect(cardSteps({ kind: 'text', text: '- จัดให้มีช่องทาง' }, 140)).toBe('- จัดให้มีช่องทาง');
  });
});
