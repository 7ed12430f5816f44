import type { Browser, Page } from '../helpers/browser.js';

/** The few more playwright calls the console tests make (types kept local, as in test/helpers/browser.ts). */
export interface ConsolePage extends Page {
  url(): string;
  pdf(options: { path: string; format: 'A4'; printBackground?: boolean }): Promise<Buffer>;
  emulateMedia(options: { media: 'print' | 'screen' | null }): Promise<void>;
  waitForURL(url: string | RegExp): Promise<void>;
  on(event: 'console' | 'pageerror' | 'dialog', fn: (arg: any) => void): void;
  content(): Promise<string>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
}

/**
 * A console page in its own browser context (cookies of its own), Thai locale, Bangkok time.
 * Page errors, console errors (a CSP refusal is one) and dialogs (an alert() from injected
 * script would be one) are collected into `problems`.
 */
export async function openConsole(
  browser: Browser,
  problems: string[],
  viewport = { width: 1024, height: 900 },
): Promise<ConsolePage> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
  });
  const page = (await context.newPage()) as ConsolePage;
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err: Error) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg: { type(): string; text(): string }) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on(
    'dialog',
    (dialog: { message(): string; type(): string; accept(): Promise<void>; dismiss(): Promise<void> }) => {
      if (dialog.type() === 'confirm') return void dialog.accept();
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    },
  );
  return page;
}

/** Logs in through the form; sets `newPassword` when the console asks for one. */
export async function loginAs(
  page: ConsolePage,
  baseUrl: string,
  name: string,
  password: string,
  newPassword?: string,
): Promise<void> {
  await page.goto(`${baseUrl}/staff/login`);
  await page.locator('#name').fill(name);
  await page.locator('#password').fill(password);
  await page.locator('button[type="submit"]', { hasText: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL(/\/staff\/(password)?$/);
  if (page.url().endsWith('/staff/password')) {
    if (!newPassword) throw new Error(`${name} must set a new password`);
    await page.locator('#current').fill(password);
    await page.locator('#next').fill(newPassword);
    await page.locator('#confirm').fill(newPassword);
    await page.locator('button[type="submit"]', { hasText: 'บันทึกรหัสผ่านใหม่' }).click();
    await page.waitForURL(/\/staff\/$/);
  }
}
