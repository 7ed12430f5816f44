import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

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
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<Buffer>;
  evaluate<R>(fn: () => R): Promise<R>;
  setDefaultTimeout(ms: number): void;
  waitForTimeout(ms: number): Promise<void>;
  on(event: 'console' | 'pageerror', fn: (arg: any) => void): void;
  context(): BrowserContext;
  close(): Promise<void>;
}

export interface BrowserContext {
  newPage(): Promise<Page>;
  route(url: string, handler: (route: { fulfill(r: { status?: number; body: string | Buffer; contentType?: string }): Promise<void> }) => unknown): Promise<void>;
  waitForEvent(event: 'page', options?: { timeout?: number }): Promise<Page>;
  close(): Promise<void>;
}

export interface Browser {
  newContext(options?: { viewport?: { width: number; height: number }; deviceScaleFactor?: number; locale?: string; timezoneId?: string }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'test-artifacts');

// The flags that make Debian chromium quiet on a machine with no outside network
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches headless chromium, or explains why it cannot (null + reason). */
export async function launchChromium(): Promise<{ browser: Browser | null; reason: string }> {
  if (!fs.existsSync(CHROMIUM)) return { browser: null, reason: `${CHROMIUM} missing (apt-get install chromium fonts-thai-tlwg)` };
  const moduleName = 'playwright-core';
  let pw: { chromium: { launch(options: object): Promise<Browser> } };
  try {
    pw = (await import(moduleName)) as typeof pw;
  } catch {
    return { browser: null, reason: 'playwright-core is not installed (devDependency)' };
  }
  // playwright gives every launch a fresh, temporary user-data-dir of its own
  const browser = await pw.chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return { browser, reason: '' };
}

export const artifact = (name: string) => path.join(ARTIFACTS_DIR, name);
