import { ImageRejected } from './image-rejected.js';

/**
 * Removes what a JPEG says besides its pixels: every APPn segment (EXIF with GPS position,
 * camera serial, time and thumbnail; XMP; ICC profiles; maker notes; JFIF thumbnails) and
 * comments, and anything after the end-of-image marker (trailers, appended files). Kept:
 * the segments a decoder needs, a fresh minimal JFIF header, the Adobe colour-transform flag
 * (CMYK images decode wrongly without it) and the EXIF orientation alone, so a phone photo
 * is not shown sideways.
 */
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP14 = 0xee;

const JFIF = Buffer.from([
  0xff,
  APP0,
  0x00,
  0x10,
  0x4a,
  0x46,
  0x49,
  0x46,
  0x00,
  0x01,
  0x01,
  0x00,
  0x00,
  0x01,
  0x00,
  0x01,
  0x00,
  0x00,
]);

const isStandalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);
const isFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

export function cleanJpeg(input: Buffer): Buffer {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== SOI) throw new ImageRejected('damaged', 'not a JPEG');
  const kept: Buffer[] = [];
  let orientation = 1;
  let sawFrame = false;
  let at = 2;
  for (;;) {
    // Markers may be preceded by any number of 0xFF fill bytes.
    if (input[at] !== 0xff) throw new ImageRejected('damaged', 'JPEG marker expected');
    while (input[at] === 0xff) at += 1;
    const marker = input[at];
    if (marker === undefined) throw new ImageRejected('damaged', 'JPEG ends early');
    at += 1;
    if (marker === EOI) {
      if (!sawFrame) throw new ImageRejected('damaged', 'JPEG has no image');
      // Whatever follows the image (a second picture, a trailer, an appended file) is dropped.
      const head = orientation === 1 ? [] : [orientationSegment(orientation)];
      return Buffer.concat([Buffer.from([0xff, SOI]), JFIF, ...head, ...kept, Buffer.from([0xff, EOI])]);
    }
    if (isStandalone(marker)) {
      kept.push(Buffer.from([0xff, marker]));
      continue;
    }
    if (at + 2 > input.length) throw new ImageRejected('damaged', 'JPEG ends early');
    const length = input.readUInt16BE(at);
    const end = at + length;
    if (length < 2 || end > input.length) throw new ImageRejected('damaged', 'JPEG segment runs past the end');
    const segment = input.subarray(at - 2, end);
    if (marker === APP1) orientation = exifOrientation(input.subarray(at + 2, end)) ?? orientation;
    if (isFrame(marker)) sawFrame = true;
    const keep = (marker < APP0 || marker > 0xef || (marker === APP14 && isAdobeFlags(segment))) && marker !== COM;
    if (keep) kept.push(segment);
    at = end;
    if (marker === SOS) {
      const dataEnd = scanEnd(input, at);
      kept.push(input.subarray(at, dataEnd));
      at = dataEnd;
    }
  }
}

/** The end of entropy-coded data: the next marker that is not a stuffed 0xFF00 or a restart. */
function scanEnd(input: Buffer, from: number): number {
  for (let i = from; i + 1 < input.length; i++) {
    if (input[i] !== 0xff) continue;
    const next = input[i + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) continue;
    return i;
  }
  throw new ImageRejected('damaged', 'JPEG ends inside image data');
}

function isAdobeFlags(segment: Buffer): boolean {
  // "Adobe", version, two flag words and the transform byte: 12 bytes of data, nothing personal.
  return segment.length === 16 && segment.subarray(4, 9).toString('latin1') === 'Adobe';
}

/** The Orientation tag (0x0112) of IFD0 in an EXIF payload, or null. */
export function exifOrientation(payload: Buffer): number | null {
  if (payload.length < 14 || payload.subarray(0, 6).toString('latin1') !== 'Exif\0\0') return null;
  const tiff = payload.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  try {
    const ifd = u32(4);
    const count = u16(ifd);
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      if (u16(entry) === 0x0112) {
        const value = u16(entry + 8);
        return value >= 1 && value <= 8 ? value : null;
      }
    }
  } catch {
    // A truncated EXIF block: no orientation to keep.
  }
  return null;
}

/** A minimal EXIF APP1 holding only the orientation (big-endian TIFF, one IFD0 entry). */
function orientationSegment(orientation: number): Buffer {
  const data = Buffer.alloc(6 + 8 + 2 + 12 + 4);
  data.write('Exif\0\0', 0, 'latin1');
  data.write('MM', 6, 'latin1');
  data.writeUInt16BE(42, 8);
  data.writeUInt32BE(8, 10);
  data.writeUInt16BE(1, 14);
  data.writeUInt16BE(0x0112, 16);
  data.writeUInt16BE(3, 18);
  data.writeUInt32BE(1, 20);
  data.writeUInt16BE(orientation, 24);
  return Buffer.concat([Buffer.from([0xff, APP1]), u16be(data.length + 2), data]);
}

const u16be = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
