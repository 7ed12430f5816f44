import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

/** A running throwaway cluster: reachable only through its unix socket in `dir`. */
export interface Cluster {
  dir: string;
  port: number;
  /** The superuser's connection string (tests create databases and roles with it). */
  adminUrl: string;
  stop(): Promise<void>;
}

/** The newest Debian PostgreSQL's bin folder, or null when the `postgresql` package is missing. */
export function postgresBin(): string | null {
  if (!fs.existsSync(PG_ROOT)) return null;
  const versions = fs.readdirSync(PG_ROOT).filter((v) => fs.existsSync(path.join(PG_ROOT, v, 'bin', 'initdb')));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? path.join(PG_ROOT, newest, 'bin') : null;
}

export interface ClusterOptions {
  /** The process whose end stops the cluster if nobody stopped it (the test run, the bench). */
  watchPid?: number;
  /** How a failure starts ("test PostgreSQL", "bench PostgreSQL"). */
  label?: string;
  /**
   * true: commits wait for the disk as a real server's do (benchmarks measure them); false:
   * fsync and synchronous commit off, as tests want (the data is thrown away anyway).
   */
  durable?: boolean;
}

/**
 * initdb into a fresh temp folder and start it with pg_ctl on a unix socket in that folder
 * (no TCP), for the tests and the benchmarks. initdb and postgres refuse to run as root, so as
 * root they run as the Debian package's `postgres` user, owner of the folder.
 */
export async function startThrowawayCluster(bin: string, opts: ClusterOptions = {}): Promise<Cluster> {
  const { watchPid = process.pid, label = 'throwaway PostgreSQL', durable = false } = opts;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonsai-pg-'));
  const [data, log] = [path.join(dir, 'data'), path.join(dir, 'log')];
  let step = stepper(bin, [], label);
  const port = await freePort();
  try {
    step = stepper(bin, ownerPrefix(dir, label), label);
    await step('initdb', 'initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '--encoding=UTF8',
      '--locale=C',
    ]);
    const unsafe = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    const options = `-c listen_addresses='' -c unix_socket_directories='${dir}' -p ${port}${unsafe}`;
    await step('pg_ctl start', 'pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '20', 'start']);
  } catch (err) {
    // The server's own log says why it would not start (a port taken, shared memory, permissions)
    const server = fs.existsSync(log) ? ` | server log: ${lastLines(fs.readFileSync(log, 'utf8'))}` : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}${server}`);
  }
  const stopArgs = ['-D', data, '-m', 'immediate', '-w', 'stop'];
  stopWhenGone(watchPid, step.argv('pg_ctl', stopArgs), dir);
  const stop = () =>
    step('pg_ctl stop', 'pg_ctl', stopArgs).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, port, adminUrl: socketUrl(dir, port, 'postgres', 'postgres'), stop };
}

/** Runs one of the cluster's tools (as `postgres` when `asOwner` says so); a failure says which step and why. */
function stepper(bin: string, asOwner: string[], label: string) {
  const argv = (tool: string, args: string[]) => [...asOwner, path.join(bin, tool), ...args];
  const step = async (what: string, tool: string, args: string[]): Promise<void> => {
    const [file, ...rest] = argv(tool, args);
    try {
      await run(file!, rest, { timeout: 30_000 });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`${label}: ${what} failed: ${lastLines(e.stderr || e.message)}`);
    }
  };
  return Object.assign(step, { argv });
}

/**
 * A detached watchdog: when the run that started the cluster ends without its teardown
 * (killed, crashed), the cluster is stopped and its folder removed within a couple of seconds.
 */
function stopWhenGone(pid: number, stopArgv: string[], dir: string): void {
  const quoted = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const script = `while kill -0 ${pid} 2>/dev/null; do sleep 1; done; ${stopArgv.map(quoted).join(' ')} >/dev/null 2>&1; rm -rf ${quoted(dir)}`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

const lastLines = (text: string) => text.trim().split('\n').slice(-3).join(' | ');

/** A connection string through the cluster's socket (the form DATABASE_URL takes for a local server). */
export function socketUrl(dir: string, port: number, user: string, database: string): string {
  return `postgresql:///${database}?host=${encodeURIComponent(dir)}&port=${port}&user=${user}`;
}

/** As root: ['runuser', '-u', 'postgres', '--'] with the folder handed to postgres; otherwise nothing. */
function ownerPrefix(dir: string, label: string): string[] {
  if (process.getuid?.() !== 0) return [];
  const { uid, gid } = postgresUser(label);
  fs.chownSync(dir, uid, gid);
  return ['runuser', '-u', 'postgres', '--'];
}

function postgresUser(label: string): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line)
    throw new Error(
      `${label}: running as root but there is no \`postgres\` user (apt-get install postgresql creates it)`,
    );
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A port nobody listens on now (the socket file's name carries it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
