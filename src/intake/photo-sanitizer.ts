import sharp from 'sharp';
import type { Reason } from './intake-messages';

export interface CleanPhoto {
  content: Buffer;
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  bytes: number;
}

/** What the first bytes say the file is (never the client's file name or content type). */
export function sniffImage(b: Buffer): 'jpeg' | 'png' | 'webp' | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

/**
 * Decodes the photo and encodes a new one from its pixels only: orientation is applied to the
 * pixels, and nothing else survives (sharp writes no EXIF, GPS, XMP, IPTC, ICC or comments
 * unless asked to). PNG stays PNG (screenshots), everything else becomes JPEG. HEIC is refused:
 * sharp's prebuilt libvips has no HEVC decoder.
 */
export async function sanitizePhoto(input: Buffer, maxBytes: number): Promise<CleanPhoto | { problem: Reason }> {
  if (input.length > maxBytes) return { problem: 'photo_too_large' };
  const kind = sniffImage(input);
  if (!kind) return { problem: 'photo_type' };
  try {
    const image = sharp(input, { failOn: 'error', limitInputPixels: 50_000_000, animated: false }).rotate();
    const meta = await sharp(input).metadata();
    if (meta.format !== (kind === 'jpeg' ? 'jpeg' : kind)) return { problem: 'photo_type' };
    const out =
      kind === 'png'
        ? await image.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true })
        : await image.jpeg({ quality: 85, mozjpeg: false }).toBuffer({ resolveWithObject: true });
    return {
      content: out.data,
      mime: kind === 'png' ? 'image/png' : 'image/jpeg',
      width: out.info.width,
      height: out.info.height,
      bytes: out.data.length,
    };
  } catch {
    return { problem: 'photo_unreadable' };
  }
}

/**
 * What is stored in clear about a photo: width and height rounded down to 256 px and the size
 * rounded up to 64 KiB (4032×3024 would name a phone family; 3840×3072 names none).
 */
export function coarsePhotoMeta(p: { width: number; height: number; bytes: number }): { width: number; height: number; bytes: number } {
  const px = (n: number) => Math.max(256, Math.floor(n / 256) * 256);
  return { width: px(p.width), height: px(p.height), bytes: Math.ceil(p.bytes / 65_536) * 65_536 };
}
