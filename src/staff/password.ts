import { randomBytes, randomInt, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Staff passwords, stored only as scrypt hashes (node:crypto; N=2^15, r=8, p=1: about 30 ms
 * and 32 MiB per try, so a stolen accounts file is slow to guess). The hash string carries its
 * parameters, so they can be raised later without breaking existing accounts.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...opts, maxmem: 128 * opts.N! * opts.r! * 2 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** "scrypt$N$r$p$salt$hash" (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored`; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash no password matches, checked against when the account does not exist (same time spent). */
export const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

// No 0/O, 1/l/I: read aloud or copied from paper without mistakes
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A one-time password like "k7mp-2xq9-hz4d-8wre" (80 bits from a cryptographic source). */
export function oneTimePassword(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

export const MIN_PASSWORD_LENGTH = 10;

/** Why a new password is refused (Thai, for the form), or null when it is acceptable. */
export function passwordProblem(password: string, name: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `รหัสผ่านใหม่ต้องยาวอย่างน้อย ${MIN_PASSWORD_LENGTH} ตัวอักษร`;
  if ([...password].length > 200) return 'รหัสผ่านใหม่ยาวเกินไป (ไม่เกิน 200 ตัวอักษร)';
  if (password.toLowerCase().includes(name.toLowerCase())) return 'รหัสผ่านใหม่ต้องไม่มีชื่อผู้ใช้อยู่ในนั้น';
  if (new Set(password).size < 4) return 'รหัสผ่านใหม่เดาง่ายเกินไป กรุณาใช้ตัวอักษรที่หลากหลายกว่านี้';
  return null;
}
