import nock from 'nock';
import { afterAll, beforeAll, vi } from 'vitest';

/**
 * Setup of the bot project, whose files share their worker's loaded modules and its nock
 * (vitest.config.ts): a file must leave the process as it found it. After each file this fails
 * when LINE interceptors are left (a bot not closed: the next file's bot would answer through
 * them), when fake timers are still on, or when the environment was changed; it then puts things
 * back, so only the file at fault fails.
 */
let env: Record<string, string | undefined> = {};

beforeAll(() => {
  env = { ...process.env };
});

afterAll(() => {
  const faults: string[] = [];
  if (nock.activeMocks().length > 0) faults.push('LINE interceptors left active (close every bot it starts)');
  if (vi.isFakeTimers()) faults.push('fake timers left on (call vi.useRealTimers())');
  const changed = [...new Set([...Object.keys(env), ...Object.keys(process.env)])].filter(
    (k) => env[k] !== process.env[k],
  );
  if (changed.length > 0) faults.push(`process.env changed: ${changed.join(', ')}`);
  nock.cleanAll();
  nock.enableNetConnect();
  vi.useRealTimers();
  for (const k of changed) {
    if (env[k] === undefined) delete process.env[k];
    else process.env[k] = env[k];
  }
  if (faults.length > 0) throw new Error(`this file must clean up (or go in OWN_PROCESS): ${faults.join('; ')}`);
});
