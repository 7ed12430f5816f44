import { describe, expect, it } from 'vitest';
import { tipStatusName } from '../../src/tips/tip-model.js';

describe('tipStatusName', () => {
  it('when a status id is known, then it is its Thai name', () => {
    expect(tipStatusName('investigating')).toBe('กำลังตรวจสอบ');
  });

  it('when an id is unknown, even one an object inherits (constructor, toString), then it is shown as it is', () => {
    expect(tipStatusName('archived')).toBe('archived');
    expect(tipStatusName('constructor')).toBe('constructor');
    expect(tipStatusName('toString')).toBe('toString');
  });
});
