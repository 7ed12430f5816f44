import { openSealedText, seal } from '../crypto/sealed.js';
import { TipContentSchema, type TipContent, type TipRecord } from './tip-model.js';

/**
 * Sealing and opening a tip's private parts under the tips subkey: the part of TipStore that
 * is the same whatever keeps the records (the file store and the PostgreSQL store extend it).
 */
export class TipSealer {
  constructor(protected readonly key: Buffer) {}

  sealText(text: string): string {
    return seal(this.key, text);
  }

  openText(sealed: string): string {
    return openSealedText(this.key, sealed);
  }

  sealContent(content: TipContent): string {
    return seal(this.key, JSON.stringify(content));
  }

  openContent(tip: Pick<TipRecord, 'content'>): TipContent | null {
    return tip.content ? TipContentSchema.parse(JSON.parse(openSealedText(this.key, tip.content))) : null;
  }
}
