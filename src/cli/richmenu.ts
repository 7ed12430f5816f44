import path from 'node:path';
import { parseOrSay, runCommand } from './command-line.js';
import { ConfigError, loadConfig } from '../config.js';
import { richMenuDesignHtml } from '../richmenu/design.js';
import { installRichMenu, richMenuClients, RichMenuStepError } from '../richmenu/install-rich-menu.js';
import { MAIN_MENU, MENU_SIZE } from '../richmenu/main-menu.js';
import { saveMenuImage } from '../richmenu/menu-image-file.js';
import { renderHtmlToImage, RenderError, type RenderedImage } from '../richmenu/render-image.js';

const USAGE =
  'usage: npm run richmenu   (no arguments; renders the menu image, then installs it on the LINE channel in the environment)';

export interface RichMenuIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface RichMenuDeps {
  /** Draws the design; tests of LINE's answers pass a ready image to skip the browser. */
  render?: (html: string, size: { width: number; height: number }) => Promise<RenderedImage>;
}

/**
 * `npm run richmenu`: renders the menu image from its HTML design in headless chromium, keeps a
 * copy under DATA_DIR/richmenu/, then installs the menu on the configured LINE channel
 * (validate, create, upload, set default). In demo mode there is no channel: it says so and
 * explains where the same menu is seen. Exit 0 done, 1 with one line on stderr saying why
 * (an argument is refused the same way).
 */
export async function main(
  env: NodeJS.ProcessEnv,
  io: RichMenuIo = processIo(),
  deps: RichMenuDeps = {},
  argv: readonly string[] = [],
): Promise<number> {
  const args = parseOrSay(argv, { help: { type: 'boolean', short: 'h' } }, { command: 'richmenu', say: io.err });
  if (!args) return 1;
  if (args.values.help) {
    io.out(USAGE);
    return 0;
  }
  try {
    const config = loadConfig(env);
    const image = await (deps.render ?? renderHtmlToImage)(richMenuDesignHtml(), MENU_SIZE);
    const saved = await saveMenuImage(config.dataDir, image);
    io.out(
      `rendered the rich menu image: ${MENU_SIZE.width}×${MENU_SIZE.height} ${image.contentType === 'image/png' ? 'PNG' : 'JPEG'}, ${Math.round(image.data.length / 1024)} KB → ${shortPath(saved)}`,
    );
    if (!config.line) {
      demoModeNote(io, config.port);
      return 0;
    }
    const { richMenuId } = await installRichMenu(richMenuClients(config.line), MAIN_MENU, image, io.out);
    io.out(`done: ${richMenuId} is the rich menu every friend now sees`);
    return 0;
  } catch (err) {
    io.err(`richmenu failed: ${describe(err)}`);
    return 1;
  }
}

/** Relative to the current folder when inside it (data/richmenu/...), else absolute. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function describe(err: unknown): string {
  if (err instanceof ConfigError) return `configuration error: ${err.message}`;
  if (err instanceof RenderError) return `cannot render the image: ${err.message}`;
  if (err instanceof RichMenuStepError) return err.message;
  // chromium or the file system: the first line is the one that says what happened
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'unknown error';
}

function demoModeNote(io: RichMenuIo, port: number): void {
  [
    'Demo mode (no LINE credentials): there is no LINE channel to install the menu into, so nothing was sent.',
    `  The same six-area menu is on the demo chat page: run \`npm start\` and open http://localhost:${port}/ (the menu is under the input).`,
    "  `npm start` installs the image just rendered into the demo's LINE stand-in, so the page shows this very image.",
    '  To install it on LINE, set LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN and TIP_ENCRYPTION_KEY, then run `npm run richmenu` again.',
  ].forEach((line) => io.out(line));
}

function processIo(): RichMenuIo {
  return { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };
}

runCommand(import.meta.url, 'richmenu', (argv) => main(process.env, processIo(), {}, argv));
