import { createLogger, type Logger } from '../../src/logger.js';

/** A logger that keeps lines in memory, for tests that assert what was (not) logged. */
export function createMemoryLogger(): Logger & { lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: 'debug',
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return Object.assign(logger, { lines });
}
