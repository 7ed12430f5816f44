import { describe, expect, it } from 'vitest';
import { cleanImage, ImageRejected } from '../../../src/tips/images/clean-image.js';
import { exifOrientation } from '../../../src/tips/images/jpeg-clean.js';
import { JPEG, PNG, SECRETS, jpegWithMetadata, pngWithMetadata } from '../../helpers/tip-fixtures.js';

const MB10 = 10 * 1024 * 1024;
const hasAny = (bytes: Buffer, words: readonly string[]) =>
  words.filter((w) => bytes.includes(Buffer.from(w, 'latin1')));

/** The JPEG's segment markers in order, up to the start of scan. */
function markers(jpeg: Buffer): number[] {
  const out: number[] = [];
  let at = 2;
  while (at < jpeg.length && jpeg[at] === 0xff) {
    const m = jpeg[at + 1]!;
    out.push(m);
    if (m === 0xda) break;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return out;
}

describe('evidence images', () => {
  it('when a JPEG carries EXIF, GPS, XMP, a comment, an ICC profile and a trailer, then all of it is gone and the pixels stay', () => {
    const dirty = jpegWithMetadata();
    expect(hasAny(dirty, SECRETS).length).toBe(SECRETS.length);
    const clean = cleanImage(dirty, MB10);
    expect(clean.type).toBe('image/jpeg');
    expect(hasAny(clean.bytes, SECRETS)).toEqual([]);
    expect(clean.bytes.includes(Buffer.from('ICC_PROFILE', 'latin1'))).toBe(false);
    // Only JFIF, the orientation-only EXIF, and what the decoder needs (quantisation, frame, Huffman, scan)
    expect(markers(clean.bytes).filter((m) => m >= 0xe0 && m <= 0xef)).toEqual([0xe0, 0xe1]);
    expect(markers(clean.bytes)).toContain(0xc0);
    expect(clean.bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    // The compressed picture is carried over byte for byte
    const scan = JPEG.subarray(JPEG.indexOf(Buffer.from([0xff, 0xda])));
    expect(clean.bytes.includes(scan)).toBe(true);
  });

  it('when a phone photo is rotated by EXIF, then only the orientation is kept, so it is not shown sideways', () => {
    const clean = cleanImage(jpegWithMetadata(6), MB10).bytes;
    const app1 = clean.indexOf(Buffer.from([0xff, 0xe1]));
    const payload = clean.subarray(app1 + 4, app1 + 2 + clean.readUInt16BE(app1 + 2));
    expect(exifOrientation(payload)).toBe(6);
    expect(payload.length).toBe(32);
    expect(markers(cleanImage(jpegWithMetadata(1), MB10).bytes).filter((m) => m === 0xe1)).toEqual([]);
  });

  it('when a PNG carries text, XMP, EXIF and time chunks and a trailer, then only the picture chunks remain', () => {
    const clean = cleanImage(pngWithMetadata(), MB10);
    expect(clean.type).toBe('image/png');
    expect(hasAny(clean.bytes, [...SECRETS, 'tEXt', 'iTXt', 'eXIf', 'tIME'])).toEqual([]);
    expect(clean.bytes).toEqual(PNG);
  });

  it.each([
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'type'],
    ['HTML posing as an image', Buffer.from('<script>alert(1)</script>'), 'type'],
    ['an empty file', Buffer.alloc(0), 'type'],
    ['a JPEG cut in the middle', JPEG.subarray(0, 400), 'damaged'],
    ['a JPEG with no image in it', Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'damaged'],
    [
      'a PNG with a damaged chunk',
      Buffer.concat([PNG.subarray(0, 23), Buffer.from([PNG[23]! ^ 0xff]), PNG.subarray(24)]),
      'damaged',
    ],
    ['a PNG with no end', PNG.subarray(0, PNG.length - 12), 'damaged'],
  ])('when the upload is %s, then it is refused', (_name, bytes, reason) => {
    expect(() => cleanImage(bytes, MB10)).toThrow(ImageRejected);
    try {
      cleanImage(bytes, MB10);
    } catch (err) {
      expect((err as ImageRejected).reason).toBe(reason);
    }
  });

  it('when an image is over the size cap, then it is refused as too large before it is read', () => {
    expect(() => cleanImage(JPEG, 100)).toThrow(expect.objectContaining({ reason: 'too-large' }));
  });
});
