import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';

/**
 * The shared LINE contract checker (`../shared/line-openapi/line-contract.mjs`: the official
 * OpenAPI schema plus LINE's prose limits), made once per test file when first used: making it
 * (reading the schema, compiling its validators) takes most of a second, and many files never
 * send anything to LINE.
 */
interface LineContract {
  endpoints: string[];
  check(urlPath: string, body: unknown, headers?: Record<string, string>): string[];
}

const contractFile = path.resolve(PROJECT_ROOT, '../shared/line-openapi/line-contract.mjs');
const { createLineContract } = (await import(pathToFileURL(contractFile).href)) as {
  createLineContract(opts?: { from?: string }): LineContract;
};
let made: LineContract | undefined;
const contract = () => (made ??= createLineContract({ from: `${PROJECT_ROOT}/` }));
export const lineContract: LineContract = {
  get endpoints() {
    return contract().endpoints;
  },
  check: (urlPath, body, headers) => contract().check(urlPath, body, headers),
};

/** Asserts LINE would accept `body` on `path` (e.g. '/v2/bot/message/reply'); shows every error when not. */
export function expectLineValid(path: string, body: object, headers: Record<string, string> = {}): void {
  expect(lineContract.endpoints, `unknown LINE endpoint ${path}`).toContain(path);
  const errors = lineContract.check(path, body, headers);
  expect(errors, `LINE contract errors for ${path}:\n${errors.join('\n')}`).toEqual([]);
}
