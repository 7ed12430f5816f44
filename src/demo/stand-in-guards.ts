import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RateLimiter } from '../http/rate-limiter.js';
import { PROJECT_ROOT } from '../paths.js';

/** The small stateful rules the LINE stand-in enforces, each bounded in memory. */

/** A fixed-size ring: keeps the newest `capacity` items, oldest first in `toArray()`. */
export class Ring<T> {
  private readonly items: T[] = [];
  private start = 0;
  constructor(private readonly capacity: number) {}

  push(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  toArray(): T[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }

  clear(): void {
    this.items.length = 0;
    this.start = 0;
  }
}

/** mulberry32: a tiny seeded RNG, so injected failures repeat from run to run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Requests per second per endpoint, over a sliding one-second window: one RateLimiter per
 * limited route. `exceeded` is true when this request is over the route's limit (the request
 * is then not counted); routes without a limit are never exceeded.
 */
export function endpointLimits(
  limits: Record<string, number>,
  now: () => number,
): { exceeded(endpoint: string): boolean } {
  const clock = () => new Date(now());
  const perRoute = new Map(
    Object.entries(limits).map(([route, limit]) => [route, new RateLimiter(clock, limit, 1000)]),
  );
  return { exceeded: (endpoint) => perRoute.get(endpoint)?.take(endpoint) === false };
}

export interface AcceptedRequest {
  requestId: string;
  body: unknown;
  at: number;
}

/** X-Line-Retry-Key memory: LINE remembers an accepted key for 24 hours. */
export class RetryKeyStore {
  private readonly accepted = new Map<string, AcceptedRequest>();
  constructor(
    private readonly now: () => number,
    private readonly ttlMs = 24 * 3600_000,
    private readonly max = 100_000,
  ) {}

  get(key: string): AcceptedRequest | undefined {
    const hit = this.accepted.get(key);
    if (hit && this.now() - hit.at > this.ttlMs) {
      this.accepted.delete(key);
      return undefined;
    }
    return hit;
  }

  remember(key: string, requestId: string, body: unknown): void {
    // Only keep the most recent keys; Map iterates in insertion order
    if (this.accepted.size >= this.max) this.accepted.delete(this.accepted.keys().next().value as string);
    this.accepted.set(key, { requestId, body, at: this.now() });
  }
}

export interface LineContract {
  check(urlPath: string, body: unknown, headers?: Record<string, string>): string[];
}

/**
 * Loads `../shared/line-openapi/line-contract.mjs` (beside the project) at run time; it takes
 * ajv, ajv-formats and yaml from this project's dependencies. When the file is not there (the
 * project copied without its neighbour), the checks are skipped with a one-line warning
 * instead of failing the demo.
 */
export function loadLineContract(warn: (line: string) => void = console.warn): Promise<LineContract | null> {
  // Compiling the schema takes a moment: once per process
  loading ??= importLineContract(warn);
  return loading;
}

let loading: Promise<LineContract | null> | undefined;

async function importLineContract(warn: (line: string) => void): Promise<LineContract | null> {
  const file = path.resolve(PROJECT_ROOT, '../shared/line-openapi/line-contract.mjs');
  try {
    const mod = (await import(pathToFileURL(file).href)) as {
      createLineContract(opts: { from: string }): LineContract;
    };
    return mod.createLineContract({ from: PROJECT_ROOT + path.sep });
  } catch (err) {
    warn(
      `LINE stand-in: request bodies are not checked (${file} not loadable: ${(err as Error).message.split('\n')[0]})`,
    );
    return null;
  }
}

/** Turns the checker's lines ("messages[0].text must be string") into LINE's `details`. */
export function toLineDetails(errors: string[]): { message: string; property: string }[] {
  return errors.map((line) => {
    const m = /^([A-Za-z_][\w]*(?:\[\d+\]|\.[A-Za-z_]\w*)*) (.+)$/.exec(line);
    return m ? { message: m[2] as string, property: m[1] as string } : { message: line, property: '' };
  });
}
