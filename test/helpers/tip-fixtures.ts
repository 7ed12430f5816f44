import { crc32 } from 'node:zlib';

/**
 * Images for the evidence tests: a real JPEG (24 × 16, made by Chromium) and a real PNG, and
 * the same pictures carrying the metadata a phone adds (EXIF with camera and GPS position,
 * XMP, a comment, text chunks, a trailer after the image) so tests can check it is gone.
 */
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAQABgDASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABAAH/8QAFRABAQAAAAAAAAAAAAAAAAAAAAP/xAAWAQEBAQAAAAAAAAAAAAAAAAAHAAb/xAAaEQABBQEAAAAAAAAAAAAAAAAAAQQFM0EG/9oADAMBAAIRAxEAPwDK5kzGmTNROG36PRU0pohta0BaQuU//9k=',
  'base64',
);

/** A 4 × 4 PNG (made by Chromium). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAMUlEQVR4nFTJwQkAIAwEQQ7uaQGKXYiVW4ekpUsgEMhnWFi+sWzfP09IAJJSVoXtOAAAAP//DIkDvgAAAAZJREFUAwAWkRY4C1u8owAAAABJRU5ErkJggg==',
  'base64',
);

/** Strings planted in the metadata; none may survive cleaning. */
export const SECRETS = ['SecretPhone', 'Somchai', '16.0544', 'TRAILER-SECRET', 'xmpmeta'] as const;

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** EXIF (big-endian TIFF): Make, Orientation = `orientation`, and a GPS note in the data area. */
function exif(orientation: number): Buffer {
  const make = Buffer.from('SecretPhone\0', 'latin1');
  const gps = Buffer.from('GPS 16.0544N 103.6520E Somchai\0', 'latin1');
  const ifd = Buffer.alloc(2 + 3 * 12 + 4);
  ifd.writeUInt16BE(3, 0);
  const dataAt = 8 + ifd.length;
  const entry = (i: number, tag: number, type: number, count: number, value: number, short = false) => {
    const at = 2 + i * 12;
    ifd.writeUInt16BE(tag, at);
    ifd.writeUInt16BE(type, at + 2);
    ifd.writeUInt32BE(count, at + 4);
    if (short) ifd.writeUInt16BE(value, at + 8);
    else ifd.writeUInt32BE(value, at + 8);
  };
  entry(0, 0x010f, 2, make.length, dataAt);
  entry(1, 0x0112, 3, 1, orientation, true);
  entry(2, 0x010e, 2, gps.length, dataAt + make.length);
  const tiff = Buffer.concat([Buffer.from('MM\0*\0\0\0\x08', 'latin1'), ifd, make, gps]);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

export function jpegWithMetadata(orientation = 6): Buffer {
  const xmp = Buffer.from(
    'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>Somchai</dc:creator></x:xmpmeta>',
    'latin1',
  );
  return Buffer.concat([
    JPEG.subarray(0, 2),
    segment(0xe1, exif(orientation)),
    segment(0xe1, xmp),
    segment(0xfe, Buffer.from('Taken by Somchai on SecretPhone', 'latin1')),
    JPEG.subarray(2),
    Buffer.from('TRAILER-SECRET', 'latin1'),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function pngWithMetadata(): Buffer {
  const ihdrEnd = 8 + 25;
  return Buffer.concat([
    PNG.subarray(0, ihdrEnd),
    chunk('tEXt', Buffer.from('Author\0Somchai', 'latin1')),
    chunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>', 'latin1')),
    chunk('eXIf', exif(1).subarray(6)),
    chunk('tIME', Buffer.from([0x07, 0xe9, 1, 2, 3, 4, 5])),
    PNG.subarray(ihdrEnd),
    Buffer.from('TRAILER-SECRET', 'latin1'),
  ]);
}
