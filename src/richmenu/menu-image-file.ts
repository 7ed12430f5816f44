import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { richMenuDesignHtml } from './design.js';
import { MAIN_MENU } from './main-menu.js';
import type { RenderedImage } from './render-image.js';

/**
 * The last rendered menu image, kept under DATA_DIR/richmenu/ with a fingerprint of the design
 * and menu it was made from. Demo mode installs it into its LINE stand-in at start, so the
 * chat page shows the very image LINE would; an image from an older design is ignored.
 */
const Sidecar = z.object({ fingerprint: z.string(), file: z.enum(['rich-menu.png', 'rich-menu.jpg']), contentType: z.enum(['image/png', 'image/jpeg']) });

export const menuImageDir = (dataDir: string) => path.join(dataDir, 'richmenu');

/** Changes whenever the design or the menu's areas change. */
export function menuFingerprint(): string {
  return crypto.createHash('sha256').update(richMenuDesignHtml()).update(JSON.stringify(MAIN_MENU)).digest('hex').slice(0, 16);
}

/** Writes the image (atomically, with its sidecar); returns the image file's path. */
export async function saveMenuImage(dataDir: string, image: RenderedImage): Promise<string> {
  const dir = menuImageDir(dataDir);
  await fs.mkdir(dir, { recursive: true });
  const file = image.contentType === 'image/png' ? 'rich-menu.png' : 'rich-menu.jpg';
  await writeAtomically(path.join(dir, file), image.data);
  await writeAtomically(path.join(dir, 'rich-menu.json'), Buffer.from(JSON.stringify({ fingerprint: menuFingerprint(), file, contentType: image.contentType }) + '\n'));
  return path.join(dir, file);
}

/** The saved image when it was made from the current design; null otherwise (or when absent). */
export async function loadMenuImage(dataDir: string): Promise<RenderedImage | null> {
  const dir = menuImageDir(dataDir);
  const raw = await fs.readFile(path.join(dir, 'rich-menu.json'), 'utf8').catch(() => null);
  const sidecar = raw === null ? null : Sidecar.safeParse(safeJson(raw));
  if (!sidecar?.success || sidecar.data.fingerprint !== menuFingerprint()) return null;
  const data = await fs.readFile(path.join(dir, sidecar.data.file)).catch(() => null);
  return data ? { data, contentType: sidecar.data.contentType } : null;
}

async function writeAtomically(file: string, data: Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
