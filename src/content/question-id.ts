import { hkdfSync, randomBytes } from 'node:crypto';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
/** Random bytes drawn 256 ids at a time (one CSPRNG call instead of one per question); none used twice. */
let idPool = Buffer.alloc(0);
let idNext = 0;

/** A fresh question id: 12 lowercase base32 letters (60 random bits, CSPRNG). */
export function newQuestionId(): string {
  if (idNext + 12 > idPool.length) {
    idPool = randomBytes(12 * 256);
    idNext = 0;
  }
  let id = '';
  for (let i = idNext; i < idNext + 12; i++) id += ID_ALPHABET[idPool[i]! & 31];
  idNext += 12;
  return id;
}

/** The question log's own key, derived from the people key (a leak of one opens nothing else). */
export function questionLogKey(peopleKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', peopleKey, Buffer.alloc(0), 'phonsai-bot:questions', 32));
}
