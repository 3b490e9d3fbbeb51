import sharp from 'sharp';
import { sanitizePhoto, sniffImage } from './photo-sanitizer';

async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 10, b: 10 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'CANARY-MAKE', Model: 'CANARY-MODEL', ImageDescription: 'CANARY-DESC' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 4476/100', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 1512/100' },
    })
    .withIccProfile('p3')
    .toBuffer();
}

describe('sanitizePhoto', () => {
  it('re-encodes a photo with no EXIF, GPS, ICC or XMP left', async () => {
    const original = await jpegWithGps();
    expect(original.toString('latin1')).toContain('CANARY-MAKE');
    const meta0 = await sharp(original).metadata();
    expect(meta0.exif).toBeDefined();
    const clean = await sanitizePhoto(original, 10_000_000);
    if ('problem' in clean) throw new Error(clean.problem);
    expect(clean).toMatchObject({ mime: 'image/jpeg', width: 40, height: 30 });
    const meta = await sharp(clean.content).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(clean.content.toString('latin1')).not.toContain('CANARY');
  });

  it('checks content, not names: refuses other files, fakes and oversize photos', async () => {
    expect(await sanitizePhoto(Buffer.from('%PDF-1.4 hello'), 1000)).toEqual({ problem: 'photo_type' });
    expect(await sanitizePhoto(Buffer.from([0xff, 0xd8, 0xff, 0x00, 1, 2, 3]), 1000)).toEqual({ problem: 'photo_unreadable' });
    expect(await sanitizePhoto(Buffer.alloc(2000, 1), 1000)).toEqual({ problem: 'photo_too_large' });
    const png = await sharp({ create: { width: 5, height: 5, channels: 4, background: '#00ff00' } }).png().toBuffer();
    expect(sniffImage(png)).toBe('png');
    expect(await sanitizePhoto(png, 1000)).toMatchObject({ mime: 'image/png', width: 5 });
    const webp = await sharp({ create: { width: 5, height: 5, channels: 3, background: '#0000ff' } }).webp().toBuffer();
    expect(await sanitizePhoto(webp, 100000)).toMatchObject({ mime: 'image/jpeg', width: 5 });
  });
});

describe('coarsePhotoMeta', () => {
  it('keeps no exact dimension or size', () => {
    const { coarsePhotoMeta } = jest.requireActual<typeof import('./photo-sanitizer')>('./photo-sanitizer');
    expect(coarsePhotoMeta({ width: 4032, height: 3024, bytes: 2_345_678 })).toEqual({ width: 3840, height: 2816, bytes: 2_359_296 });
    expect(coarsePhotoMeta({ width: 64, height: 48, bytes: 1000 })).toEqual({ width: 256, height: 256, bytes: 65_536 });
  });
});
