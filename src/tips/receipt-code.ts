import { createHmac, randomInt, scrypt } from 'node:crypto';

/**
 * Tip receipts: 16 digits from the operating system's cryptographic source, shown as four
 * groups of four. They are the reporter's only key to the tip, so they are stored like
 * passwords: a slow scrypt hash under a deployment-wide salt derived from the tips key.
 * The salt is the same for every receipt, so a lookup costs one hash (no scan), while a copy
 * of the tips file without the key offers nothing to guess against.
 */
export const RECEIPT_DIGITS = 16;

/** scrypt cost: about 60 ms and 16 MiB per hash on a small server. */
const SCRYPT = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

export function newReceipt(): string {
  let digits = '';
  for (let i = 0; i < RECEIPT_DIGITS; i++) digits += String(randomInt(10));
  return digits;
}

/** "1234567890123456" → "1234 5678 9012 3456". */
export function formatReceipt(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function isReceipt(value: unknown): value is string {
  return typeof value === 'string' && /^\d{16}$/.test(value);
}

export type ReceiptHasher = (receipt: string) => Promise<string>;

/** The hash function for one deployment (its salt comes from the tips key). */
export function receiptHasher(tipsKey: Buffer): ReceiptHasher {
  const salt = createHmac('sha256', tipsKey).update('phonsai-bot:receipt-salt').digest();
  return (receipt) =>
    new Promise((resolve, reject) => {
      scrypt(receipt, salt, 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key.toString('base64url'))));
    });
}
