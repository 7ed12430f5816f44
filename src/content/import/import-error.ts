/**
 * A source document the importer refuses. The message always says where the document broke
 * (`line 12: measure row ๒ has 6 columns, expected 8`) so the person who edited it can fix it
 * without reading code; `line` is null only when no single line is to blame.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(
    /** 1-based line in the source file, or null when the problem is the document as a whole. */
    readonly line: number | null,
    /** What is wrong, without the line prefix. */
    readonly reason: string,
  ) {
    super(line === null ? reason : `line ${line}: ${reason}`);
  }
}
