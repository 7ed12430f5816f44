import path from 'node:path';
import { z } from 'zod';

/**
 * The environment, parsed once at start. A bad value stops the start with one line naming
 * the variable and what is wrong; a secret's value never appears in that line.
 */
/** A tenant's id in the shared service (it names its webhook, /webhook/ID). */
export const TENANT_ID = /^[a-z0-9-]{2,32}$/;

/** STAFF_TOKENS, split: the single town's tokens, and each tenant's (entries `tenant/name:token`). */
interface StaffTokenSets {
  town: Map<string, string>;
  byTenant: Map<string, Map<string, string>>;
}

const StaffTokens = z.string().transform((raw, ctx): StaffTokenSets => {
  const tokens: StaffTokenSets = { town: new Map(), byTenant: new Map() };
  for (const pair of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf(':');
    const owner = at > 0 ? pair.slice(0, at).trim() : '';
    const token = at > 0 ? pair.slice(at + 1).trim() : '';
    const slash = owner.indexOf('/');
    const [tenant, name] = slash >= 0 ? [owner.slice(0, slash), owner.slice(slash + 1)] : [null, owner];
    const problem = staffTokenProblem(tenant, name, token);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    if ([tokens.town, ...tokens.byTenant.values()].some((m) => m.has(token))) {
      // /staff/api finds a tenant by its token, so one token cannot serve two
      ctx.addIssue({ code: 'custom', message: `the token for "${name}" is given twice` });
      return z.NEVER;
    }
    if (tenant === null) tokens.town.set(token, name);
    else tokens.byTenant.set(tenant, (tokens.byTenant.get(tenant) ?? new Map<string, string>()).set(token, name));
  }
  return tokens;
});

/** What is wrong with one STAFF_TOKENS entry (never its token), or null. */
function staffTokenProblem(tenant: string | null, name: string, token: string): string | null {
  if (tenant !== null && !TENANT_ID.test(tenant))
    return `the tenant in "${tenant.slice(0, 40)}/..." must be 2-32 of a-z, 0-9 and -`;
  if (!/^[\w.-]{1,40}$/.test(name))
    return 'each entry must be name:token or tenant/name:token with a name of letters, digits, . _ or -';
  if (token.length < 32) return `the token for "${name}" is shorter than 32 characters`;
  return null;
}

/** 32 random bytes in base64 (TIP_ENCRYPTION_KEY, SERVICE_KEY). */
const Key32 = z.string().transform((raw, ctx) => {
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== raw.trim().replace(/=+$/, '')) {
    ctx.addIssue({ code: 'custom', message: 'must be 32 bytes encoded in base64 (e.g. `openssl rand -base64 32`)' });
    return z.NEVER;
  }
  return key;
});

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LINE_CHANNEL_SECRET: z.string().min(1).optional(),
  LINE_CHANNEL_ACCESS_TOKEN: z.string().min(1).optional(),
  LINE_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.line.me'),
  LINE_DATA_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api-data.line.me'),
  DATA_DIR: z.string().min(1).default('data'),
  STAFF_TOKENS: StaffTokens.optional(),
  TIP_ENCRYPTION_KEY: Key32.optional(),
  DATABASE_URL: z
    .string()
    .refine(
      isPostgresUrl,
      'must be a PostgreSQL connection string, e.g. postgresql://bot:PASSWORD@db.example:5432/integrity',
    )
    .optional(),
  SERVICE_KEY: Key32.optional(),
  SERVICE_ADMIN_TOKEN: z.string().trim().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|loopback|linklocal|uniquelocal|[0-9a-fA-F.:/, ]+)$/,
      'use false, true, a number of proxies, loopback, or proxy addresses',
    )
    .default('false')
    .transform((v): boolean | number | string =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v,
    ),
  TIP_ACK_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  TIP_FEEDBACK_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  TIP_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: "must be the bot's public address, e.g. https://bot.example.go.th" })
    .optional(),
});

export interface Config {
  port: number;
  mode: 'live' | 'demo';
  line: { channelSecret: string; channelAccessToken: string; apiBaseUrl: string; dataApiBaseUrl: string } | null;
  /** Where Messaging API and content calls go (LINE_API_BASE_URL, LINE_DATA_API_BASE_URL), in any mode: tenants' channels use them. */
  lineApi: { apiBaseUrl: string; dataApiBaseUrl: string };
  dataDir: string;
  /** token → staff name, for the staff API's bearer tokens (the single town's). */
  staffTokens: Map<string, string>;
  /** tenant id → (token → staff name): STAFF_TOKENS entries `tenant/name:token` (shared service only). */
  tenantStaffTokens: Map<string, Map<string, string>>;
  tipEncryptionKey: Buffer | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /**
   * Which reverse proxies to believe about the client's address and scheme (Express's
   * "trust proxy"): per-client limits on the tip form and the console login use it.
   */
  trustProxy: boolean | number | string;
  /** Tip deadlines and retention, in days (TIP_ACK_DAYS, TIP_FEEDBACK_DAYS, TIP_RETENTION_DAYS). */
  tips: { acknowledgeDays: number; feedbackDays: number; retentionDays: number };
  /**
   * The bot's public address (PUBLIC_BASE_URL, no trailing slash): links residents tap in
   * chat (the /tip form) are built from it. Live mode: https, or null when unset (no links).
   * Demo mode: http://localhost:PORT unless set.
   */
  publicBaseUrl: string | null;
  /**
   * The shared service's PostgreSQL (DATABASE_URL) and the key sealing each tenant's secrets
   * and data key (SERVICE_KEY); null when DATABASE_URL is unset (files under DATA_DIR).
   */
  database: { url: string; serviceKey: Buffer } | null;
  /** The service administrator's bearer token for /service/api (SERVICE_ADMIN_TOKEN); null: no admin API. */
  serviceAdminToken: string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment into a Config; throws ConfigError with one line on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
  }
  const e = parsed.data;
  const hasSecret = e.LINE_CHANNEL_SECRET !== undefined;
  const hasToken = e.LINE_CHANNEL_ACCESS_TOKEN !== undefined;
  if (hasSecret !== hasToken) {
    const missing = hasSecret ? 'LINE_CHANNEL_ACCESS_TOKEN' : 'LINE_CHANNEL_SECRET';
    throw new ConfigError(
      `${missing}: must be set too (set both LINE variables for live mode, or neither for demo mode)`,
    );
  }
  const mode = hasSecret ? 'live' : 'demo';
  if (mode === 'live' && !e.TIP_ENCRYPTION_KEY) {
    throw new ConfigError('TIP_ENCRYPTION_KEY: required in live mode (32 bytes, base64)');
  }
  if (mode === 'live' && e.PUBLIC_BASE_URL && !e.PUBLIC_BASE_URL.startsWith('https://')) {
    throw new ConfigError('PUBLIC_BASE_URL: must start with https:// in live mode (LINE opens only secure links)');
  }
  checkServiceVariables(e);
  return {
    port: e.PORT,
    mode,
    line: hasSecret
      ? {
          channelSecret: e.LINE_CHANNEL_SECRET!,
          channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN!,
          apiBaseUrl: e.LINE_API_BASE_URL,
          dataApiBaseUrl: e.LINE_DATA_API_BASE_URL,
        }
      : null,
    lineApi: { apiBaseUrl: e.LINE_API_BASE_URL, dataApiBaseUrl: e.LINE_DATA_API_BASE_URL },
    dataDir: path.resolve(e.DATA_DIR),
    staffTokens: e.STAFF_TOKENS?.town ?? new Map<string, string>(),
    tenantStaffTokens: e.STAFF_TOKENS?.byTenant ?? new Map<string, Map<string, string>>(),
    tipEncryptionKey: e.TIP_ENCRYPTION_KEY ?? null,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    tips: { acknowledgeDays: e.TIP_ACK_DAYS, feedbackDays: e.TIP_FEEDBACK_DAYS, retentionDays: e.TIP_RETENTION_DAYS },
    publicBaseUrl: publicBaseUrl(e.PUBLIC_BASE_URL, mode, e.PORT),
    database: e.DATABASE_URL ? { url: e.DATABASE_URL, serviceKey: e.SERVICE_KEY! } : null,
    serviceAdminToken: e.SERVICE_ADMIN_TOKEN ?? null,
  };
}

/** The shared service's variables make sense only together, and only with DATABASE_URL. */
function checkServiceVariables(e: z.infer<typeof EnvSchema>): void {
  if (e.DATABASE_URL && !e.SERVICE_KEY) {
    throw new ConfigError('SERVICE_KEY: required with DATABASE_URL (32 bytes, base64)');
  }
  if (!e.DATABASE_URL && e.SERVICE_ADMIN_TOKEN) {
    throw new ConfigError('SERVICE_ADMIN_TOKEN: works only with DATABASE_URL (the shared service)');
  }
  if (!e.DATABASE_URL && e.STAFF_TOKENS?.byTenant.size) {
    throw new ConfigError('STAFF_TOKENS: entries tenant/name:token work only with DATABASE_URL (the shared service)');
  }
  const staff = [
    ...(e.STAFF_TOKENS?.town.keys() ?? []),
    ...[...(e.STAFF_TOKENS?.byTenant.values() ?? [])].flatMap((m) => [...m.keys()]),
  ];
  if (e.SERVICE_ADMIN_TOKEN && staff.includes(e.SERVICE_ADMIN_TOKEN)) {
    throw new ConfigError('SERVICE_ADMIN_TOKEN: must differ from every STAFF_TOKENS token');
  }
}

/** The configured address without its trailing slash; demo mode falls back to its own. */
function publicBaseUrl(raw: string | undefined, mode: 'live' | 'demo', port: number): string | null {
  if (raw) return raw.replace(/\/+$/, '');
  return mode === 'demo' ? `http://localhost:${port}` : null;
}

/**
 * postgres:// or postgresql://. Only the scheme is checked here: node-postgres also takes forms
 * a WHATWG URL refuses (a password with a socket folder: postgresql://bot:PW@/db?host=/run/postgresql);
 * anything else wrong is reported when connecting.
 */
function isPostgresUrl(raw: string): boolean {
  return /^postgres(ql)?:\/\/\S*$/.test(raw.trim());
}
