import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKeys, userRef } from '../../src/crypto/keys.js';
import { openSealedText, seal, SealError } from '../../src/crypto/sealed.js';

describe('seal', () => {
  const key = randomBytes(32);

  it('when a text is sealed, then it opens to the same text and shows none of it', () => {
    const text = 'เบาะแส: ผู้รับเหมาจ่ายเงินใต้โต๊ะ 50,000 บาท';
    const sealed = seal(key, text);
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain('50,000');
    expect(openSealedText(key, sealed)).toBe(text);
    expect(openSealedText(key, seal(key, Buffer.from(text)))).toBe(text);
  });

  it('when many values are sealed, then no two share an initialisation vector (the pool never hands a byte out twice)', () => {
    const ivs = new Set(Array.from({ length: 2000 }, () => seal(key, 'x').split('.')[1]));
    expect(ivs.size).toBe(2000);
  });

  it('when a byte is changed or the key is wrong, then it does not open', () => {
    const sealed = seal(key, 'ข้อความ');
    const body = sealed.split('.')[3]!;
    const flipped = sealed.slice(0, -body.length) + (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    expect(() => openSealedText(key, flipped)).toThrow(SealError);
    expect(() => openSealedText(randomBytes(32), sealed)).toThrow(SealError);
    expect(() => seal(randomBytes(16), 'x')).toThrow(SealError);
  });
});

describe('userRef', () => {
  it('when asked again, also after many other users, then a user keeps the same reference, and another key gives another', () => {
    const keys = deriveKeys(randomBytes(32));
    const expected = (id: string) => createHmac('sha256', keys.userRef).update(id).digest('base64url').slice(0, 32);
    const first = 'U' + '1'.repeat(32);
    expect(userRef(keys, first)).toBe(expected(first));
    // More users than are remembered: the first is computed again, to the same value.
    for (let i = 0; i < 10_050; i++) userRef(keys, 'U' + i.toString(16).padStart(32, '0'));
    expect(userRef(keys, first)).toBe(expected(first));
    expect(userRef(keys, 'U' + (42).toString(16).padStart(32, '0'))).toBe(
      expected('U' + (42).toString(16).padStart(32, '0')),
    );
    expect(userRef(deriveKeys(randomBytes(32)), first)).not.toBe(userRef(keys, first));
  });
});
