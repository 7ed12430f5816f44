/** One line of the source document with its 1-based line number, for error messages. */
export interface SourceLine {
  readonly number: number;
  readonly text: string;
}

/** A run of non-blank lines, as separated by blank lines in the source. */
export interface Paragraph {
  readonly line: number;
  readonly lines: readonly SourceLine[];
}

/** Splits the document into numbered lines; a byte-order mark and any line ending style are accepted. */
export function splitLines(text: string): SourceLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line, index) => ({ number: index + 1, text: line }));
}

export function isBlank(line: SourceLine): boolean {
  return line.text.trim() === '';
}

/**
 * Collapses every run of whitespace (tabs, non-breaking spaces, newlines) to one space and trims.
 * Zero-width spaces are dropped: Thai editors insert them as invisible word breaks.
 */
export function collapseWhitespace(text: string): string {
  return text
    .replace(/\u200B/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Groups lines into paragraphs; blank lines only separate. */
export function paragraphs(lines: readonly SourceLine[]): Paragraph[] {
  const result: Paragraph[] = [];
  let current: SourceLine[] = [];
  const flush = (): void => {
    const first = current[0];
    if (first) result.push({ line: first.number, lines: current });
    current = [];
  };
  for (const line of lines) {
    if (isBlank(line)) flush();
    else current.push(line);
  }
  flush();
  return result;
}

/** A paragraph's text on one line, whitespace collapsed. */
export function paragraphText(paragraph: Paragraph): string {
  return collapseWhitespace(paragraph.lines.map((line) => line.text).join(' '));
}

/** The last line number of a list of lines (1 for an empty document), for "ends without …" errors. */
export function lastLineNumber(lines: readonly SourceLine[]): number {
  return lines.at(-1)?.number ?? 1;
}
