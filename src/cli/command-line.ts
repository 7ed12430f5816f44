import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runDirectly } from './run-directly.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Bad command-line input; its message is the one line the command prints. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The command's arguments, parsed strictly by node:util parseArgs (`npm run x -- ARGS`: a
 * leading `--` is dropped). An unknown option, a missing value or a stray argument throws a
 * UsageError with a short reason ("unknown argument "--colour"", "--topic needs a value").
 */
export function parseCommandLine<const O extends Options>(
  argv: readonly string[],
  options: O,
  allowPositionals = false,
) {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(reasonOf(err as NodeJS.ErrnoException));
  }
}

/**
 * parseCommandLine for a command's main: on bad input it says so in one line through `say`
 * (`LABEL: reason (npm run NAME -- --help)`) and returns null, for the command to exit 1.
 */
export function parseOrSay<const O extends Options>(
  argv: readonly string[],
  options: O,
  how: { command: string; label?: string; say: (line: string) => void; positionals?: boolean },
) {
  try {
    return parseCommandLine(argv, options, how.positionals ?? false);
  } catch (err) {
    how.say(usageLine(how.label ?? how.command, how.command, (err as Error).message));
    return null;
  }
}

/** "publish refused: --topic is required (npm run publish -- --help)" */
export function usageLine(label: string, command: string, reason: string): string {
  return `${label}: ${reason} (npm run ${command} -- --help)`;
}

function reasonOf(err: NodeJS.ErrnoException): string {
  const quoted = /'([^']*)'/.exec(err.message)?.[1] ?? '';
  const flag = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown argument "${quoted}"`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(err.message) ? `${flag} takes no value` : `${flag} needs a value`;
    default:
      return err.message.split('\n')[0]!;
  }
}

/**
 * Runs a command when its module is the entry point: `main` gets the arguments and returns
 * the exit code. Bad input (a UsageError) is one line on stderr, `NAME: reason (npm run NAME
 * -- --help)`, exit 1; anything else thrown is one line too, `NAME failed: …`, exit 1.
 */
export function runCommand(moduleUrl: string, name: string, main: (argv: string[]) => Promise<number>): void {
  if (!runDirectly(moduleUrl)) return;
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`${failureLine(name, err)}\n`);
      process.exitCode = 1;
    },
  );
}

/** The one line a command prints for a failure it did not handle itself. */
export function failureLine(name: string, err: unknown): string {
  if (err instanceof UsageError) return usageLine(name, name, err.message);
  const message = err instanceof Error ? err.message : String(err);
  return `${name} failed: ${message.split('\n')[0]}`;
}
