import sharp from 'sharp';
import { solveForTest } from '../../src/intake/proof-of-work';
import type { TestApp } from '../utils/test-app';

/** Low difficulty and no waiting, so tests run fast; production refuses such values. */
export const FAST_PROOF_ENV = {
  INTAKE_POW_DIFFICULTY: '50',
  INTAKE_FORM_MIN_AGE_SECONDS: '0',
  INTAKE_NOJS_WAIT_SECONDS: '0',
};

/** A Bắc Ninh ward (2025 list); the seed routes use_hotspot there to its commune police. */
export const COMMUNE = '07228';

export async function proof(t: TestApp): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/intake/challenge' });
  return solveForTest(res.json());
}

export async function validTip(t: TestApp, over: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return {
    category: 'use_hotspot',
    locality: COMMUNE,
    observedAt: '2026-11-20T21:30',
    narrative: 'Nhiều người tụ tập sử dụng ma túy dưới gầm cầu mỗi tối.',
    details: { people: 6, timesOfDay: ['night'] },
    place: 'gầm cầu cạnh chợ',
    proof: await proof(t),
    ...over,
  };
}

/** A JPEG carrying EXIF text and GPS coordinates (what a phone camera writes). */
export function jpegWithExif(text: string): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: text, Model: text, Artist: text, ImageDescription: text, Copyright: text },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 11/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '106/1 3/1 4321/100' },
    })
    .toBuffer();
}

/** A multipart/form-data body (fields and files), for app.inject. */
export function multipartBody(fields: [string, string][], files: { name: string; filename: string; type: string; data: Buffer }[]) {
  const boundary = `----tipline${Date.now().toString(16)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of fields) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`));
    chunks.push(f.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
