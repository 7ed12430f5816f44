import type { RenderedImage } from '../../src/richmenu/render-image.js';

/** The header of a PNG of the given size: enough for LINE's (and the stand-in's) checks, no browser needed. */
export function fakePng(width = 2500, height = 843): RenderedImage {
  const data = Buffer.alloc(64);
  data.writeUInt32BE(0x89504e47, 0);
  data.writeUInt32BE(width, 16);
  data.writeUInt32BE(height, 20);
  return { data, contentType: 'image/png' };
}
