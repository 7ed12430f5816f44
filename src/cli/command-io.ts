/** Where a command writes its lines: the terminal, or an array in tests. */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export function processIo(): CommandIo {
  return { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };
}
