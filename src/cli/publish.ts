import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { ConfigError, loadConfig } from '../config.js';
import { newPublicationId } from '../publications/publication.js';
import { errorLine } from '../publications/publish-error.js';
import { requestPublication, type SpoolOutcome } from '../publications/spool-client.js';
import { validatePublicationInput } from '../publications/validate-input.js';
import { formatDateTimeThai } from '../thai/date.js';
import { TENANT_ID } from '../db/tenants.js';
import { parseCommandLine, parseOrSay, runCommand, usageLine } from './command-line.js';
import { publishForTenant, type TenantPublishOutcome } from './publish-tenant.js';

const USAGE = [
  'usage: npm run publish -- --topic T --title TITLE --body-file FILE [--url URL] [--image-url URL] [--at ISO] [--urgent]',
  '       add --tenant ID to publish for a municipality of the shared service (needs DATABASE_URL, SERVICE_KEY)',
].join('\n');

/** The command's options (node:util parseArgs), and the flag each publication field has on the command line. */
const OPTIONS = {
  topic: { type: 'string' },
  title: { type: 'string' },
  'body-file': { type: 'string' },
  url: { type: 'string' },
  'image-url': { type: 'string' },
  at: { type: 'string' },
  urgent: { type: 'boolean' },
  tenant: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
const FIELD_FLAGS: Record<string, string> = {
  topic: '--topic',
  title: '--title',
  body: '--body-file',
  url: '--url',
  imageUrl: '--image-url',
  publishAt: '--at',
  urgent: '--urgent',
};

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
}

interface Parsed {
  topic: string;
  title: string;
  bodyFile: string;
  url?: string;
  imageUrl?: string;
  publishAt?: string;
  urgent?: boolean;
}

/** The publication's fields from the parsed options, or the reason they are not enough. */
function fieldsOf(values: ReturnType<typeof parseCommandLine<typeof OPTIONS>>['values']): Parsed | string {
  const { topic, title, 'body-file': bodyFile } = values;
  if (values.tenant !== undefined && !TENANT_ID.test(values.tenant))
    return '--tenant needs an ID (2-32 of a-z, 0-9 and -)';
  if (topic === undefined) return '--topic is required';
  if (title === undefined) return '--title is required';
  if (bodyFile === undefined) return '--body-file is required';
  const optional = { url: values.url, imageUrl: values['image-url'], publishAt: values.at, urgent: values.urgent };
  return {
    topic,
    title,
    bodyFile,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined && v !== false)),
  };
}

async function readBody(file: string, cwd: string): Promise<string> {
  try {
    const bytes = await readFile(path.resolve(cwd, file));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      `--body-file: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code ? 'cannot read it' : 'not UTF-8 text'} (${file})`,
    );
  }
}

/**
 * `npm run publish`: the staff API's rules from the command line. Bad input is one line on
 * stderr and exit 1; a good request goes to the bot through the spool folder,
 * and the line printed says what the bot did with it (or that it waits for the bot to start).
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo = processIo(),
  opts: { waitMs?: number } = {},
): Promise<number> {
  const parsed = parseOrSay(argv, OPTIONS, { command: 'publish', label: 'publish refused', say: io.err });
  if (!parsed) return 1;
  if (parsed.values.help) {
    io.out(USAGE);
    return 0;
  }
  const args = fieldsOf(parsed.values);
  if (typeof args === 'string') {
    io.err(usageLine('publish refused', 'publish', args));
    return 1;
  }
  try {
    const config = loadConfig(env);
    const { bodyFile, ...fields } = args;
    const input = { ...fields, body: await readBody(bodyFile, io.cwd) };
    const draft = validatePublicationInput(input, new Date());
    const id = newPublicationId();
    const author = { actor: `cli:${os.userInfo().username}`, source: 'cli' as const };
    const tenant = parsed.values.tenant;
    if (tenant !== undefined)
      return reportTenant(await publishForTenant(config, { tenant, id, input, author }, opts), id, tenant, io);
    const outcome = await requestPublication(
      path.join(config.dataDir, 'state'),
      { v: 1, id, input, author, requestedAt: new Date().toISOString() },
      opts,
    );
    return report(outcome, id, draft.publishAt, io);
  } catch (err) {
    io.err(
      `publish refused: ${err instanceof ConfigError ? `configuration: ${err.message}` : errorLine(err, (p) => FIELD_FLAGS[p] ?? p)}`,
    );
    return 1;
  }
}

function report(outcome: SpoolOutcome, id: string, publishAt: string, io: CliIo): number {
  if (outcome.kind === 'queued') {
    io.out(
      outcome.botRunning
        ? `queued ${id}: the bot is running but has not taken it yet; it looks every few seconds`
        : `queued ${id}: the bot is not running; it will be published when the bot starts`,
    );
    return 0;
  }
  const { receipt } = outcome;
  if (receipt.error) {
    io.err(`publish refused: ${receipt.error}`);
    return 1;
  }
  io.out(
    receipt.status === 'scheduled'
      ? `scheduled ${id} for ${formatDateTimeThai(new Date(receipt.publishAt ?? publishAt))} (Asia/Bangkok)`
      : `published ${id}: sending to ${receipt.recipients ?? 0} subscriber(s); GET /staff/api/publications/${id} shows the delivery`,
  );
  return 0;
}

/** What the tenant's rows say by the time the command stopped waiting (exit 0: the publication is stored). */
function reportTenant(outcome: TenantPublishOutcome, id: string, tenant: string, io: CliIo): number {
  if (outcome.kind === 'scheduled')
    io.out(`scheduled ${id} for ${tenant} at ${formatDateTimeThai(new Date(outcome.publishAt))} (Asia/Bangkok)`);
  else if (outcome.kind === 'sending')
    io.out(
      `published ${id} for ${tenant}: sending to ${outcome.recipients} subscriber(s); GET /t/${tenant}/staff/api/publications/${id} shows the delivery`,
    );
  else
    io.out(`queued ${id} for ${tenant}: no process of the service has started it yet; the next one to look sends it`);
  return 0;
}

function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
  };
}

runCommand(import.meta.url, 'publish', (argv) => main(argv, process.env));
