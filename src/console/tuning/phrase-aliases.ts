import path from 'node:path';
import { z } from 'zod';
import type { SearchIndex } from '../../content/search-index.js';
import { WEIGHT, type SearchItem } from '../../content/search-items.js';
import { DurableJsonFileSync } from '../../storage/json-document.js';

const AliasSchema = z.object({
  phrase: z.string().min(1).max(300),
  item: z.string().min(1),
  at: z.iso.datetime(),
  by: z.string(),
});
const FileSchema = z.object({ v: z.literal(1), aliases: z.array(AliasSchema) });
export type PhraseAlias = z.infer<typeof AliasSchema>;

const ALIASES_FILE = 'phrase-aliases.json';

/**
 * Phrases staff pointed at an answer ("ขอดูผลคะแนน" → the ITA result), kept in
 * DATA_DIR/phrase-aliases.json. Each becomes a title-weight field of its item in the running
 * index, so the phrase (and questions close to it) find that item first.
 */
export class PhraseAliases {
  private aliases: PhraseAlias[] = [];
  /** Items as they were before any phrase was added to them. */
  private readonly originals = new Map<string, SearchItem>();
  private readonly file: DurableJsonFileSync<z.infer<typeof FileSchema>>;

  constructor(
    dataDir: string,
    private readonly index: SearchIndex,
  ) {
    this.file = new DurableJsonFileSync(path.join(dataDir, ALIASES_FILE), FileSchema, { indent: 1 });
    this.aliases = this.file.read()?.aliases ?? [];
    for (const id of new Set(this.aliases.map((a) => a.item))) this.apply(id);
  }

  list(): PhraseAlias[] {
    return this.aliases.map((a) => ({ ...a }));
  }

  /** Points `phrase` at the item; false when no such item is indexed. */
  add(alias: PhraseAlias): boolean {
    if (!this.index.get(alias.item)) return false;
    const next = [...this.aliases, AliasSchema.parse(alias)];
    this.file.write({ v: 1, aliases: next });
    this.aliases = next;
    this.apply(alias.item);
    return true;
  }

  /** Re-indexes the item with every phrase pointed at it. */
  private apply(id: string): void {
    const original = this.originals.get(id) ?? this.index.get(id);
    if (!original) return;
    this.originals.set(id, original);
    const phrases = this.aliases.filter((a) => a.item === id).map((a) => ({ text: a.phrase, weight: WEIGHT.title }));
    this.index.add([{ ...original, fields: [...original.fields, ...phrases] }]);
  }
}
