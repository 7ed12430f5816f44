import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS as CHROMIUM_FLAGS, CHROMIUM_PATH as CHROMIUM } from '../../src/richmenu/render-image.js';
import { selectsTestsUsing } from './selected-tests.js';

/** Where the run's one chromium listens (playwright's websocket), or why there is none. */
export interface ProvidedChromium {
  wsEndpoint: string | null;
  reason: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absent in a project without this global setup. */
    chromium: ProvidedChromium | undefined;
  }
}

interface BrowserServer {
  wsEndpoint(): string;
  close(): Promise<void>;
}

/** Starts chromium as a server playwright clients connect to, or says why it cannot. */
async function launchServer(): Promise<{ server: BrowserServer | null; reason: string }> {
  if (!fs.existsSync(CHROMIUM))
    return { server: null, reason: `${CHROMIUM} missing (apt-get install chromium fonts-thai-tlwg)` };
  const moduleName = 'playwright-core';
  let pw: { chromium: { launchServer(options: object): Promise<BrowserServer> } };
  try {
    pw = (await import(moduleName)) as typeof pw;
  } catch {
    return { server: null, reason: 'playwright-core is not installed (devDependency)' };
  }
  try {
    const server = await pw.chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    return { server, reason: '' };
  } catch (err) {
    return { server: null, reason: `chromium did not start: ${(err as Error).message}` };
  }
}

/**
 * Vitest globalSetup: one headless chromium for the run, which every page test connects to
 * (launchChromium in test/helpers/browser.ts) and opens its own browser contexts in, instead of
 * starting a chromium per file (a second or more each). It never throws: the page tests read
 * the reason and skip, or fail when CI is set. A run selecting no page test starts none.
 * Returns its teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!selectsTestsUsing(project, /launchChromium\(/)) {
    project.provide('chromium', { wsEndpoint: null, reason: 'no page test selected in this run' });
    return async () => {};
  }
  const { server, reason } = await launchServer();
  project.provide('chromium', { wsEndpoint: server?.wsEndpoint() ?? null, reason });
  return async () => {
    await server?.close();
  };
}
