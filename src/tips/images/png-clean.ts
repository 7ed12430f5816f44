import { crc32 } from 'node:zlib';
import { ImageRejected } from './image-rejected.js';

/**
 * Keeps only the PNG chunks that draw the picture: the critical ones (IHDR, PLTE, IDAT, IEND)
 * and the colour and transparency chunks a viewer needs. Everything else goes: text
 * (tEXt, iTXt, zTXt: software, author, comments), eXIf (camera, GPS), tIME, ICC profiles
 * with their device names, and any chunk we do not know. A chunk with a bad CRC, a missing
 * IHDR or IEND, or bytes after IEND are not carried over (the latter are simply dropped).
 */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB']);

export function isPng(input: Buffer): boolean {
  return input.length >= 8 && input.subarray(0, 8).equals(SIGNATURE);
}

export function cleanPng(input: Buffer): Buffer {
  if (!isPng(input)) throw new ImageRejected('damaged', 'not a PNG');
  const out: Buffer[] = [SIGNATURE];
  let at = 8;
  let first = true;
  while (at + 12 <= input.length) {
    const length = input.readUInt32BE(at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > input.length) throw new ImageRejected('damaged', 'PNG chunk runs past the end');
    const type = input.toString('latin1', at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new ImageRejected('damaged', 'PNG chunk type is not letters');
    if (crc32(input.subarray(at + 4, at + 8 + length)) !== input.readUInt32BE(at + 8 + length)) {
      throw new ImageRejected('damaged', `PNG ${type} chunk is damaged`);
    }
    if (first && type !== 'IHDR') throw new ImageRejected('damaged', 'PNG does not start with IHDR');
    first = false;
    if (KEEP.has(type)) out.push(input.subarray(at, end));
    at = end;
    // Whatever follows the image end (appended files) is dropped.
    if (type === 'IEND') return Buffer.concat(out);
  }
  throw new ImageRejected('damaged', 'PNG has no IEND');
}
