import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BenchDatabase, BenchTenant } from './postgres-setup.js';
import { staffTokens } from './postgres-setup.js';
import { startEnv, startOptions } from './start-options.js';
import type { ChannelStats } from './targets/channels-stand-in.js';
import { forkTarget, type Target } from './fork-target.js';

export { forkTarget, type Target } from './fork-target.js';

/** The many-channel LINE stand-in (bench/targets/channels-stand-in.ts) and its figures. */
export interface ChannelsStandIn extends Target<{ url: string }> {
  stats(): Promise<Record<string, ChannelStats>>;
  reset(): Promise<void>;
}

export async function startChannelsStandIn(latencyMs = 20): Promise<ChannelsStandIn> {
  const target = await forkTarget<{ url: string }>('channels-stand-in.js', { BENCH_LATENCY_MS: String(latencyMs) });
  // One question at a time, so each answer is taken by the one who asked
  let queue: Promise<unknown> = Promise.resolve();
  const ask = <R>(type: string): Promise<R> => {
    const answer = queue.then(
      () =>
        new Promise<R>((resolve) => {
          target.child.once('message', (m) => resolve(m as R));
          target.child.send({ type });
        }),
    );
    queue = answer;
    return answer;
  };
  return { ...target, stats: () => ask('stats'), reset: () => ask('reset') };
}

/** A shared-service process (bench/targets/postgres-service.ts) with npm start's Node options. */
export interface ServiceTarget extends Target<{ port: number; tenants: number; warmMs: number }> {
  url: string;
}

/** Starts a process of the shared service on the bench database, its own DATA_DIR, for these tenants' staff. */
export async function startService(
  db: BenchDatabase,
  tenants: BenchTenant[],
  lineUrl: string,
  pollMs = 5_000,
): Promise<ServiceTarget> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'phonsai-pg-service-'));
  const target = await forkTarget<{ port: number; tenants: number; warmMs: number }>(
    'postgres-service.js',
    {
      ...startEnv(),
      DATABASE_URL: db.url,
      SERVICE_KEY: db.serviceKey.toString('base64'),
      DATA_DIR: dataDir,
      STAFF_TOKENS: staffTokens(tenants),
      LINE_API_BASE_URL: lineUrl,
      BENCH_POLL_MS: String(pollMs),
    },
    startOptions(),
  );
  return {
    ...target,
    url: `http://127.0.0.1:${target.ready.port}`,
    stop: async () => {
      await target.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a publication through the tenant's staff API (as the console does); answers its id. */
export async function publishThrough(service: ServiceTarget, tenant: BenchTenant, title: string): Promise<string> {
  const res = await fetch(`${service.url}/t/${tenant.id}/staff/api/publications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tenant.staffToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ topic: 'news', title, body: 'ขอเชิญประชาชนร่วมงานประเพณีบุญบั้งไฟ ณ สนามกีฬาเทศบาล' }),
  });
  if (res.status !== 201) throw new Error(`publication refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** The publication's status and delivery figures, as the staff API shows them. */
export async function publicationOf(
  service: ServiceTarget,
  tenant: BenchTenant,
  id: string,
): Promise<{ status: string; delivery: { accepted: number; pending: number } }> {
  const res = await fetch(`${service.url}/t/${tenant.id}/staff/api/publications/${id}`, {
    headers: { authorization: `Bearer ${tenant.staffToken}` },
  });
  return (await res.json()) as { status: string; delivery: { accepted: number; pending: number } };
}
