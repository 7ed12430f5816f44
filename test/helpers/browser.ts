import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { CHROMIUM_ARGS as CHROMIUM_FLAGS, CHROMIUM_PATH as CHROMIUM } from '../../src/richmenu/render-image.js';

/**
 * Debian's chromium driven by playwright-core, without a compile-time dependency on it: the
 * types below are the few calls the page tests make, so the typecheck passes even where
 * playwright-core is not installed (the tests then skip, or fail when CI is set).
 */
export interface Locator {
  click(options?: { timeout?: number }): Promise<void>;
  fill(value: string): Promise<void>;
  count(): Promise<number>;
  first(): Locator;
  last(): Locator;
  nth(index: number): Locator;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  isVisible(): Promise<boolean>;
  isDisabled(): Promise<boolean>;
  textContent(): Promise<string | null>;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
  evaluate<R>(fn: (el: any) => R): Promise<R>;
  setInputFiles(files: { name: string; mimeType: string; buffer: Buffer }): Promise<void>;
  selectOption(value: string): Promise<unknown>;
  screenshot(options: { path: string }): Promise<Buffer>;
}

export interface Page {
  goto(url: string): Promise<unknown>;
  setContent(html: string): Promise<void>;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<Buffer>;
  evaluate<R>(fn: () => R): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
  setDefaultTimeout(ms: number): void;
  waitForTimeout(ms: number): Promise<void>;
  on(event: 'console' | 'pageerror', fn: (arg: any) => void): void;
  context(): BrowserContext;
  close(): Promise<void>;
}

export interface BrowserContext {
  newPage(): Promise<Page>;
  route(
    url: string,
    handler: (route: {
      fulfill(r: { status?: number; body: string | Buffer; contentType?: string }): Promise<void>;
    }) => unknown,
  ): Promise<void>;
  waitForEvent(event: 'page', options?: { timeout?: number }): Promise<Page>;
  newCDPSession(page: Page): Promise<{ send(method: string, params?: object): Promise<any> }>;
  close(): Promise<void>;
}

export interface Browser {
  newContext(options?: {
    viewport?: { width: number; height: number };
    deviceScaleFactor?: number;
    locale?: string;
    timezoneId?: string;
    javaScriptEnabled?: boolean;
  }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export { CHROMIUM };
export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'test-artifacts');

interface Playwright {
  chromium: { launch(options: object): Promise<Browser>; connect(wsEndpoint: string): Promise<Browser> };
}

/**
 * Headless chromium, or why there is none (null + reason). The run's one chromium when the
 * global setup started it (test/helpers/chromium-global-setup.ts): the file gets its own
 * connection, its contexts are its own, and its close() closes them and disconnects. Otherwise
 * a chromium of its own, with a fresh temporary user-data-dir.
 */
export async function launchChromium(): Promise<{ browser: Browser | null; reason: string }> {
  if (!fs.existsSync(CHROMIUM))
    return { browser: null, reason: `${CHROMIUM} missing (apt-get install chromium fonts-thai-tlwg)` };
  const moduleName = 'playwright-core';
  let pw: Playwright;
  try {
    pw = (await import(moduleName)) as Playwright;
  } catch {
    return { browser: null, reason: 'playwright-core is not installed (devDependency)' };
  }
  const shared = inject('chromium');
  const browser = shared?.wsEndpoint
    ? await pw.chromium.connect(shared.wsEndpoint)
    : await pw.chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return { browser, reason: '' };
}

/** Where a test keeps `name` for people to look at (the folder is made when missing). */
export function artifact(name: string): string {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, name);
}

// A 1×1 PNG, served for every https://example.com/*.png a Flex message shows
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * A phone-sized page (360 × 740 unless `width` says otherwise; Thai locale, Bangkok time) on the demo chat, connected as
 * `user` (a preset demo user); page errors are collected into `errors`.
 */
export async function openChat(
  browser: Browser,
  baseUrl: string,
  user: string,
  errors: string[],
  width = 360,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 740 },
    deviceScaleFactor: 1,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
  });
  // No outside network: example.com serves the Flex images and the uri action's page
  await context.route('https://example.com/**', (route) => route.fulfill({ body: 'ok', contentType: 'text/plain' }));
  await context.route('https://example.com/*.png', (route) => route.fulfill({ body: PIXEL, contentType: 'image/png' }));
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err: Error) => errors.push(err.message));
  await page.goto(baseUrl + '/');
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached' });
  if ((await page.locator('#user-select').evaluate((el: any) => el.value as string)) !== user)
    await page.locator('#user-select').selectOption(user);
  await page.locator(`body[data-connected="${user}"]`).waitFor({ state: 'attached' });
  return page;
}

/** Waits for the newest bot (or user) row containing `text`. */
export const botSays = (page: Page, text: string | RegExp) =>
  page.locator('.row.bot', { hasText: text }).last().waitFor();
export const userSays = (page: Page, text: string | RegExp) =>
  page.locator('.row.user', { hasText: text }).last().waitFor();
/** True when nothing sticks out sideways (the page fits its viewport width). */
export const fitsWidth = (page: Page) =>
  page.evaluate(() => {
    // Runs in the browser; this project's lib has no DOM types
    const w = globalThis as any;
    return w.document.documentElement.scrollWidth <= w.innerWidth;
  });
