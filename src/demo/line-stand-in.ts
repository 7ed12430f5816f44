import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { endpointLimits, loadLineContract, Ring, seededRandom, toLineDetails } from './stand-in-guards.js';
import type { LineContract } from './stand-in-guards.js';
import { createMessageRoutes } from './stand-in-messages.js';
import { createResourceRoutes } from './stand-in-richmenu.js';
import { lineError } from './stand-in-types.js';
import type {
  Answer,
  Delivery,
  LineStandInOptions,
  LoadingEvent,
  Profile,
  RecordedCall,
  Rejection,
  Route,
  StandInRequest,
} from './stand-in-types.js';

export type {
  Delivery,
  FailRule,
  LineStandInOptions,
  LoadingEvent,
  Profile,
  RecordedCall,
  Rejection,
} from './stand-in-types.js';

const JSON_LIMIT = 2 * 1024 * 1024;
const RECORDED_BODY_LIMIT = 256 * 1024;

interface StandInEvents {
  message: [Delivery];
  loading: [LoadingEvent];
  call: [RecordedCall];
  rejected: [Rejection];
  /** The default rich menu changed (its id, or null when there is none any more). */
  richmenu: [string | null];
}

/**
 * An in-process LINE Messaging API (and data API) on 127.0.0.1, for demo mode and tests.
 * It answers as LINE does, records every call and emits what the bot delivered.
 */
export interface LineStandIn extends EventEmitter<StandInEvents> {
  /** `http://127.0.0.1:<port>`: use as both LINE_API_BASE_URL and LINE_DATA_API_BASE_URL. */
  readonly url: string;
  readonly port: number;
  /** The recorded calls, oldest first (at most `maxCalls`). */
  readonly calls: RecordedCall[];
  clearCalls(): void;
  putContent(messageId: string, data: Buffer, contentType: string): void;
  issueReplyToken(userId: string | null): string;
  setProfile(userId: string, profile: Profile | null): void;
  richMenus(): Array<Record<string, unknown> & { richMenuId: string; hasImage: boolean }>;
  defaultRichMenuId(): string | null;
  richMenuImage(richMenuId: string): { data: Buffer; contentType: string } | undefined;
  close(): Promise<void>;
}

const compile = (route: Route) => {
  const names: string[] = [];
  const source = route.pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'));
  return { route, names, regex: new RegExp(`^${source}$`) };
};

const flatHeaders = (headers: http.IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));

/** Starts the stand-in; resolves once it listens. */
export async function startLineStandIn(opts: LineStandInOptions): Promise<LineStandIn> {
  const now = opts.now ?? Date.now;
  const warn = opts.warn ?? ((line: string) => console.warn(line));
  const emitter = new EventEmitter<StandInEvents>();
  const calls = new Ring<RecordedCall>(opts.maxCalls ?? 10_000);
  const limiter = endpointLimits(opts.rateLimits ?? {}, now);
  const failRules = [opts.failRate ?? []].flat().map((rule) => ({ ...rule, random: seededRandom(rule.seed ?? 1) }));
  // Compiling the LINE schema takes a moment: in the background, only when wanted
  const contract: Promise<LineContract | null> =
    opts.contract === false ? Promise.resolve(null) : loadLineContract(warn);
  const audience = new Set<string>();

  const checkBody = async (contractPath: string, req: StandInRequest): Promise<Answer | null> => {
    const checker = await contract;
    const errors = checker
      ? checker.check(contractPath, req.body, req.headers)
      : Array.isArray((req.body as { messages?: unknown } | null | undefined)?.messages) ||
          !contractPath.startsWith('/v2/bot/message/')
        ? []
        : ['messages must be an array'];
    if (errors.length === 0) return null;
    return lineError(400, `The request body has ${errors.length} error(s)`, { details: toLineDetails(errors) });
  };

  const messages = createMessageRoutes({
    opts,
    now,
    checkBody,
    deliver: (d) => emitter.emit('message', d),
    loading: (e) => emitter.emit('loading', e),
    audienceSize: () => Math.max(1, audience.size),
  });
  const resources = createResourceRoutes({ checkBody, defaultChanged: (id) => emitter.emit('richmenu', id) });
  const routes = [...messages.routes, ...resources.routes].map(compile);

  /** Who a message request was meant for, read from its body. */
  const targets = (path: string, body: unknown): string[] | 'all' => {
    const b = (body ?? {}) as { to?: unknown; replyToken?: unknown };
    if (path.endsWith('/broadcast')) return 'all';
    if (path.endsWith('/reply')) return [messages.tokenOwner(b.replyToken)].filter((u): u is string => u !== null);
    return [b.to].flat().filter((u): u is string => typeof u === 'string');
  };

  const answer = async (
    req: http.IncomingMessage,
    raw: Buffer,
    requestId: string,
    headers: Record<string, string>,
  ): Promise<Answer & { body?: unknown }> => {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const matches = routes.filter((r) => r.regex.test(path));
    const hit = matches.find((r) => r.route.method === req.method);
    if (!hit) return matches.length ? lineError(405, 'Method Not Allowed') : notFoundAnswer;
    if (headers.authorization !== `Bearer ${opts.token}`)
      return lineError(
        401,
        'Authentication failed. Confirm that the access token in the authorization header is valid.',
      );
    if (raw.length > (hit.route.maxBytes ?? JSON_LIMIT)) return lineError(413, 'Request Entity Too Large');
    if (limiter.exceeded(hit.route.pattern)) return lineError(429, 'Too many requests');
    const rule = failRules.find((r) => r.path === hit.route.pattern);
    const fail = rule !== undefined && rule.random() < rule.rate;
    if (fail && rule.when !== 'after') return lineError(500, 'Internal server error');

    let body: unknown = undefined;
    if ((headers['content-type'] ?? '').startsWith('application/json') && raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return lineError(400, 'The request body has 1 error(s)', {
          details: [{ message: 'Invalid JSON', property: '' }],
        });
      }
    }
    const params = Object.fromEntries(
      hit.names.map((name, i) => [name, decodeURIComponent(hit.regex.exec(path)?.[i + 1] ?? '')]),
    );
    const result = await hit.route.handle({
      method: req.method ?? 'GET',
      path,
      route: hit.route.pattern,
      params,
      headers,
      body,
      raw,
      requestId,
    });
    return fail && result.accepted ? lineError(500, 'Internal server error') : result;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Bounded memory: stop buffering past 4 MB; the route's own limit answers 413
      if (size <= 4 * JSON_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks);
        const requestId = crypto.randomUUID();
        const headers = flatHeaders(req.headers);
        const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
        let result: Answer;
        try {
          result =
            size > 4 * JSON_LIMIT
              ? lineError(413, 'Request Entity Too Large')
              : await answer(req, raw, requestId, headers);
        } catch (err) {
          warn(`LINE stand-in: ${req.method} ${path} failed: ${(err as Error).message}`);
          result = lineError(500, 'Internal server error');
        }
        if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
        const isJson = (headers['content-type'] ?? '').startsWith('application/json');
        const recordedBody = !isJson
          ? raw.length
            ? { bytes: raw.length, contentType: headers['content-type'] ?? '' }
            : undefined
          : raw.length > RECORDED_BODY_LIMIT
            ? { omitted: `JSON body of ${raw.length} bytes` }
            : safeParse(raw);
        const call: RecordedCall = {
          method: req.method ?? 'GET',
          path,
          headers,
          body: recordedBody,
          status: result.status,
          at: now(),
        };
        calls.push(call);
        emitter.emit('call', call);
        if (path.startsWith('/v2/bot/message/') && result.status >= 400 && result.status !== 409) {
          emitter.emit('rejected', {
            path,
            status: result.status,
            to: targets(path, recordedBody),
            response: result.body,
            requestId,
            at: call.at,
          });
        }
        const out = result.bytes
          ? { type: result.bytes.contentType, data: result.bytes.data }
          : { type: 'application/json', data: Buffer.from(JSON.stringify(result.body ?? {})) };
        res.writeHead(result.status, {
          'content-type': out.type,
          'content-length': out.data.length,
          'x-line-request-id': requestId,
          ...result.headers,
        });
        res.end(out.data);
      })();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const standIn = Object.assign(emitter, {
    url: `http://127.0.0.1:${port}`,
    port,
    calls: [] as RecordedCall[],
    clearCalls: () => calls.clear(),
    putContent: resources.putContent,
    issueReplyToken: (userId: string | null) => {
      if (userId) audience.add(userId);
      return messages.issueReplyToken(userId);
    },
    setProfile: resources.setProfile,
    richMenus: resources.richMenus,
    defaultRichMenuId: resources.defaultRichMenuId,
    richMenuImage: resources.richMenuImage,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  // Object.assign would copy a getter's value once: define it
  Object.defineProperty(standIn, 'calls', { get: () => calls.toArray() });
  return standIn;
}

const notFoundAnswer = lineError(404, 'Not found');

function safeParse(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return raw.toString('utf8').slice(0, 1000);
  }
}
