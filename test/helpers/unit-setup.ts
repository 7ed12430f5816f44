import http from 'node:http';
import { afterAll } from 'vitest';

/**
 * Setup of the unit project, whose files share their worker's modules (vitest.config.ts): a file
 * that loads nock would leave node:http patched for every later file of its worker (a keep-alive
 * socket then stops being reused, for one). The worker's first file notes the real http.request;
 * after each file this fails when it has been replaced, naming the fix.
 */
const store = globalThis as { realHttpRequest?: typeof http.request };
const real = (store.realHttpRequest ??= http.request);

afterAll(() => {
  if (http.request !== real)
    throw new Error('this file patched node:http (nock): list it in OWN_PROCESS in vitest.config.ts');
});
