import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_SERVER as SERVER, requireCleanBuild } from './helpers/built-project.js';
import { tempDir } from './helpers/temp-dir.js';

/** Starts the built server as `npm start` does and waits for its "listening" log line. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [SERVER], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /"msg":"listening","port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  // A start that is meant to fail never listens; only tests that await `listening` care.
  listening.catch(() => undefined);
  return { child, listening, exited, output: () => ({ out, err }) };
}

describe('npm start', () => {
  // The project is built once for the run (test/helpers/build-global-setup.ts)
  beforeAll(requireCleanBuild);

  it('when started without LINE credentials, then demo mode serves health, the chat page and the webhook, and stops cleanly', async () => {
    const server = start({ PORT: '0', DATA_DIR: await tempDir() });
    const port = await server.listening;
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('lang="th"');
    expect((await fetch(`http://127.0.0.1:${port}/webhook`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect(server.output().out).toContain('Demo mode');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('when only one LINE variable is set, then it refuses to start with one line and exit 1', async () => {
    const server = start({ PORT: '0', DATA_DIR: await tempDir(), LINE_CHANNEL_SECRET: 'a-secret-value' });
    expect(await server.exited).toBe(1);
    const { err } = server.output();
    expect(err.trim().split('\n')).toEqual([
      'configuration error: LINE_CHANNEL_ACCESS_TOKEN: must be set too (set both LINE variables for live mode, or neither for demo mode)',
    ]);
    expect(err).not.toContain('a-secret-value');
  });

  it('when live mode starts, then the home page is a short page about the bot and holds no data', async () => {
    const server = start({
      PORT: '0',
      DATA_DIR: await tempDir(),
      LINE_CHANNEL_SECRET: 's'.repeat(32),
      LINE_CHANNEL_ACCESS_TOKEN: 't'.repeat(40),
      TIP_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      LINE_API_BASE_URL: 'http://127.0.0.1:9',
    });
    const port = await server.listening;
    const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(html).toContain('เทศบาลตำบลโพนทราย');
    expect(html).not.toContain('demo/api');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
