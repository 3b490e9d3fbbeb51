import type { FastifyRequest } from 'fastify';
import type { Lang } from '../categories/category-catalogue';
import { FieldProblem } from '../common/errors/domain-error';
import { problem } from './intake-messages';
import type { UploadedPhoto } from './tips.service';

export interface Submission {
  fields: Record<string, unknown>;
  photos: UploadedPhoto[];
  problems: FieldProblem[];
}

/**
 * Folds form fields (`details[people]`, repeated `details[vehicles]`) into the JSON shape of a
 * tip. Form values arrive as strings or arrays of strings; empty ones are dropped.
 */
export function foldFormFields(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  // No prototype: a field named `__proto__` or `toString` is just an (unknown) field.
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const put = (target: Record<string, unknown>, key: string, value: unknown) => {
    if (value === '' || value === undefined) return;
    const prev = target[key];
    if (prev === undefined) target[key] = value;
    else target[key] = ([] as unknown[]).concat(prev, value);
  };
  for (const [key, value] of entries) {
    const values = Array.isArray(value) ? value : [value];
    const m = /^details\[([A-Za-z0-9_]{1,40})\]$/.exec(key);
    for (const v of values) {
      if (m) {
        // A bare `details=...` field before `details[x]` is no object to fold into: the bracketed fields win.
        if (typeof out.details !== 'object' || out.details === null || Array.isArray(out.details)) out.details = Object.create(null);
        const details = out.details as Record<string, unknown>;
        put(details, m[1], v);
      } else put(out, key, v);
    }
  }
  return out;
}

/**
 * Reads a tip from JSON, a URL-encoded form or a multipart form (photos in `photos`). Oversize
 * or surplus files become field problems in the tipster's language, never a raw 413.
 */
export async function readSubmission(
  req: FastifyRequest,
  limits: { maxPhotos: number; maxPhotoBytes: number },
  langHint: Lang,
): Promise<Submission> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('multipart/form-data')) {
    const body = req.body;
    const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const isForm = type.startsWith('application/x-www-form-urlencoded');
    return { fields: isForm ? foldFormFields(Object.entries(fields)) : fields, photos: [], problems: [] };
  }
  const entries: [string, unknown][] = [];
  const photos: UploadedPhoto[] = [];
  const problems: FieldProblem[] = [];
  const multipart = req as FastifyRequest & {
    parts(o: unknown): AsyncIterableIterator<
      { type: 'file'; fieldname: string; filename: string; toBuffer(): Promise<Buffer>; file: NodeJS.ReadableStream } | { type: 'field'; fieldname: string; value: unknown }
    >;
  };
  try {
    for await (const part of multipart.parts({
      limits: { fileSize: limits.maxPhotoBytes, files: limits.maxPhotos + 1, fields: 200, fieldSize: 64 * 1024, parts: 250 },
    })) {
      if (part.type === 'file') {
        if (!part.filename) {
          // An empty file input sends a nameless, empty part.
          await part.toBuffer().catch(() => undefined);
          continue;
        }
        try {
          const data = await part.toBuffer();
          if (data.length > 0) photos.push({ field: part.fieldname, data });
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') problems.push(problem(`photos[${photos.length}]`, 'photo_too_large', langHint));
          else throw e;
        }
      } else entries.push([part.fieldname, part.value]);
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') problems.push(problem('photos', 'too_many_photos', langHint));
    else if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') problems.push(problem('form', 'too_long', langHint));
    // Anything else the multipart parser refuses (no or wrong boundary, truncated body, a part
    // without headers, a malformed JSON part) is the client's body: a 400 naming it, never a 500.
    else problems.push(problem('form', 'unreadable_body', langHint));
  }
  return { fields: foldFormFields(entries), photos, problems };
}
