import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '../storage/durable-file.js';
import { documentText } from '../storage/json-document.js';
import { richMenuDesignHtml } from './design.js';
import { MAIN_MENU } from './main-menu.js';
import type { RenderedImage } from './render-image.js';

/**
 * The last rendered menu image, kept under DATA_DIR/richmenu/ with a fingerprint of the design
 * and menu it was made from. Demo mode installs it into its LINE stand-in at start, so the
 * chat page shows the very image LINE would; an image from an older design is ignored.
 */
const Sidecar = z.object({
  fingerprint: z.string(),
  file: z.enum(['rich-menu.png', 'rich-menu.jpg']),
  contentType: z.enum(['image/png', 'image/jpeg']),
});

export const menuImageDir = (dataDir: string) => path.join(dataDir, 'richmenu');

/** Changes whenever the design or the menu's areas change. */
export function menuFingerprint(): string {
  return crypto
    .createHash('sha256')
    .update(richMenuDesignHtml())
    .update(JSON.stringify(MAIN_MENU))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Writes the image, then its sidecar, each durably (flushed, renamed, folder flushed): the
 * sidecar never names an image that a power cut could leave empty. Returns the image's path.
 */
export async function saveMenuImage(dataDir: string, image: RenderedImage): Promise<string> {
  const dir = menuImageDir(dataDir);
  const file = image.contentType === 'image/png' ? 'rich-menu.png' : 'rich-menu.jpg';
  await writeFileDurably(path.join(dir, file), image.data);
  await writeFileDurably(
    path.join(dir, 'rich-menu.json'),
    documentText({ fingerprint: menuFingerprint(), file, contentType: image.contentType }),
  );
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

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
