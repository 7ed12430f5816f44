import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Debian's chromium (apt-get install chromium fonts-thai-tlwg). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Quiet on a machine with no outside network; playwright adds --headless and its own pipe. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** LINE's limit for a rich menu image. */
export const IMAGE_MAX_BYTES = 1024 * 1024;

export interface RenderedImage {
  data: Buffer;
  contentType: 'image/png' | 'image/jpeg';
}

/** The image could not be made (no chromium, no playwright-core, or too large): one line says why. */
export class RenderError extends Error {
  override name = 'RenderError';
}

interface Shot {
  screenshot(options: {
    type: 'png' | 'jpeg';
    quality?: number;
    clip: { x: number; y: number; width: number; height: number };
  }): Promise<Buffer>;
  setContent(html: string, options: { waitUntil: 'load' }): Promise<void>;
  evaluate<R>(fn: () => R): Promise<R>;
}
interface PersistentContext {
  newPage(): Promise<Shot>;
  route(
    url: string,
    handler: (route: { request(): { url(): string }; abort(): Promise<void>; continue(): Promise<void> }) => unknown,
  ): Promise<void>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launchPersistentContext(userDataDir: string, options: object): Promise<PersistentContext> };
}

/**
 * Renders a self-contained HTML page to a `width` × `height` image in headless chromium
 * (playwright-core, fresh user-data-dir, no network): PNG, or JPEG when the PNG is over 1 MB.
 */
export async function renderHtmlToImage(
  html: string,
  size: { width: number; height: number },
  chromium = CHROMIUM_PATH,
): Promise<RenderedImage> {
  if (!fs.existsSync(chromium))
    throw new RenderError(`${chromium} not found (apt-get install chromium fonts-thai-tlwg)`);
  const pw = await loadPlaywright();
  const userDataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'richmenu-chromium-'));
  let context: PersistentContext | undefined;
  try {
    context = await pw.chromium.launchPersistentContext(userDataDir, {
      executablePath: chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: size,
      deviceScaleFactor: 1,
      locale: 'th-TH',
    });
    // The design is self-contained: anything it would fetch is refused
    await context.route('**/*', (route) =>
      /^(about|data):/.test(route.request().url()) ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    // Thai glyphs come from system fonts: wait until they are laid out
    await page.evaluate(() =>
      (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready.then(
        () => true,
      ),
    );
    const clip = { x: 0, y: 0, ...size };
    const png = await page.screenshot({ type: 'png', clip });
    if (png.length <= IMAGE_MAX_BYTES) return { data: png, contentType: 'image/png' };
    for (const quality of [92, 85, 75, 65]) {
      const jpeg = await page.screenshot({ type: 'jpeg', quality, clip });
      if (jpeg.length <= IMAGE_MAX_BYTES) return { data: jpeg, contentType: 'image/jpeg' };
    }
    throw new RenderError('the rendered image stays over 1 MB even as JPEG: simplify the design');
  } finally {
    await context?.close().catch(() => {});
    await fs.promises.rm(userDataDir, { recursive: true, force: true });
  }
}

async function loadPlaywright(): Promise<Playwright> {
  // A devDependency: `npm ci` installs it, `npm ci --omit=dev` does not
  const moduleName = 'playwright-core';
  try {
    return (await import(moduleName)) as Playwright;
  } catch {
    throw new RenderError('playwright-core is not installed (run npm ci, which installs it with the dev tools)');
  }
}
