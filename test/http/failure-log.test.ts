import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { failureOf } from '../../src/http/failure-log.js';
import { HttpError } from '../../src/http/http-error.js';
import type { Logger } from '../../src/logger.js';
import { staffErrorFunnel } from '../../src/staff/staff-api.js';

/** A staff-API-like app: feature routers under /staff/api, the JSON funnel after them; every log line kept. */
async function call(
  path: string,
  fail: (id: string) => unknown,
): Promise<{ status: number; body: unknown; logs: Array<Record<string, unknown>> }> {
  const logs: Array<Record<string, unknown>> = [];
  const logger = {
    error: (msg: string, f?: object) => logs.push({ msg, ...f }),
    warn: () => undefined,
    info: () => undefined,
  } as unknown as Logger;
  const tips = express.Router();
  tips.get('/:id/files/:file', (req) => {
    throw fail(String(req.params.id));
  });
  const api = express.Router();
  api.use('/tips', tips);
  api.use(staffErrorFunnel(logger));
  const app = express().use('/staff/api', api);
  const server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
    return { status: res.status, body: await res.json(), logs };
  } finally {
    server.close();
  }
}

describe('where a failure happened, in the log', () => {
  it('when a route throws a bug, then the funnel logs the method and route pattern with ids masked, the error name and the line that threw, never the message', async () => {
    const got = await call(
      '/staff/api/tips/2569-0012/files/abcdef?who=somchai',
      (id) => new TypeError(`tip ${id} said: ถูกเรียกเงิน\n    at บ้านนายก`),
    );
    expect(got.status).toBe(500);
    expect(got.body).toEqual({ error: { code: 'internal', message: 'something went wrong; it has been logged' } });
    expect(got.logs).toHaveLength(1);
    const line = got.logs[0]!;
    expect(line).toMatchObject({
      msg: 'staff API failed',
      route: 'GET /staff/api/tips/:id/files/:file',
      error: 'TypeError',
    });
    expect(String(line.at)).toMatch(/failure-log\.test\.ts:\d+:\d+/);
    expect(JSON.stringify(got.logs)).not.toMatch(/2569|somchai|ถูกเรียกเงิน|บ้านนายก|abcdef/);
  });

  it('when a route refuses with an HttpError, then the JSON error is answered as before and nothing is logged', async () => {
    const got = await call(
      '/staff/api/tips/1/files/2',
      () => new HttpError(409, 'conflict', 'the tip is closed', [{ path: 'status', message: 'closed' }]),
    );
    expect(got.status).toBe(409);
    expect(got.body).toEqual({
      error: { code: 'conflict', message: 'the tip is closed', details: [{ path: 'status', message: 'closed' }] },
    });
    expect(got.logs).toEqual([]);
  });

  it('when what was thrown is not an Error, or its message changed after it was made, then only its name and a code line are said', () => {
    expect(failureOf('a string')).toEqual({ error: 'string', at: null });
    const err = new RangeError('first');
    err.message = 'changed later:\n    at something a resident typed';
    const safe = failureOf(err);
    expect(safe.error).toBe('RangeError');
    expect(JSON.stringify(safe)).not.toMatch(/first|changed|resident/);
  });
});
