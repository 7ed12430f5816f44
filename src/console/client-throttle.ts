/**
 * Failed logins per client address, in memory: past the limit within the window, the client
 * is refused before any password is checked. Behind a reverse proxy every client shares the
 * proxy's address, so the limit then acts as a brake on the whole login page; the
 * per-account lockout (src/staff/accounts.ts) is the main defence.
 */
export class ClientThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly clock: () => Date,
    private readonly limit = 20,
    private readonly windowMs = 15 * 60_000,
  ) {}

  blocked(client: string): boolean {
    const entry = this.current(client);
    return entry !== undefined && entry.count >= this.limit;
  }

  fail(client: string): void {
    const entry = this.current(client) ?? { count: 0, since: this.clock().getTime() };
    entry.count += 1;
    this.failures.set(client, entry);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  private current(client: string): { count: number; since: number } | undefined {
    const entry = this.failures.get(client);
    if (entry && this.clock().getTime() - entry.since > this.windowMs) {
      this.failures.delete(client);
      return undefined;
    }
    return entry;
  }
}
