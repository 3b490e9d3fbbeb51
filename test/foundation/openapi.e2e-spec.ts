import { CASE_REFERENCE_PATTERN } from '../../src/cases/case-reference';
import { ROUTE_ACCESS } from '../staff/route-access';
import { createTestApp, TestApp } from '../utils/test-app';

type Schema = { $ref?: string; type?: string; items?: Schema; properties?: Record<string, Schema>; example?: unknown; allOf?: Schema[]; oneOf?: Schema[] };
type Response = { description?: string; content?: Record<string, { schema?: Schema; example?: unknown }> };
type Operation = { responses?: Record<string, Response>; parameters?: { in: string; name: string }[]; requestBody?: unknown };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/** GeoReport v2 routes that only ever answer 404 (tips are never listed or shown publicly). */
const NEVER_SUCCEEDS = new Set(['GET /open311/v2/requests.json', 'GET /open311/v2/requests.xml', 'GET /open311/v2/requests/{file}']);

const refName = (s: Schema | undefined): string | undefined => s?.$ref?.split('/').pop() ?? s?.items?.$ref?.split('/').pop();

describe('the OpenAPI document (/docs-json)', () => {
  let t: TestApp;
  let doc: Doc;
  let ops: { key: string; path: string; op: Operation }[];
  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/docs-json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
    ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, path, op })));
  });
  afterAll(() => t.close());

  /** Properties of a component schema (and of the schemas it extends) that carry no example. */
  function withoutExample(name: string, seen = new Set<string>()): string[] {
    if (seen.has(name)) return [];
    seen.add(name);
    const schema = doc.components.schemas[name];
    const own = Object.entries(schema?.properties ?? {}).flatMap(([field, p]) => {
      const nested = refName(p) ?? refName(p.allOf?.[0]);
      if (nested) return withoutExample(nested, seen).map((f) => `${field}.${f}`);
      return p.example === undefined ? [field] : [];
    });
    return [...own, ...(schema?.allOf ?? []).flatMap((s) => (refName(s) ? withoutExample(refName(s)!, seen) : []))];
  }

  it('documents a response schema for the success status of every operation, with examples', () => {
    expect(ops.length).toBeGreaterThan(80);
    const problems: string[] = [];
    for (const { key, op } of ops) {
      const responses = op.responses ?? {};
      const successes = Object.keys(responses).filter((s) => /^2\d\d$/.test(s));
      if (successes.length === 0 && !NEVER_SUCCEEDS.has(key)) problems.push(`${key}: no success status`);
      for (const status of successes) {
        if (status === '204') continue;
        const content = Object.values(responses[status].content ?? {});
        if (content.length === 0) {
          problems.push(`${key} ${status}: no response schema`);
          continue;
        }
        for (const c of content) {
          const name = refName(c.schema);
          if (name) for (const f of withoutExample(name)) problems.push(`${key} ${status}: ${name}.${f} has no example`);
          else if (c.schema?.example === undefined && c.example === undefined) problems.push(`${key} ${status}: inline schema without example`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents a request schema with examples for every JSON body', () => {
    const problems: string[] = [];
    for (const { key, op } of ops) {
      const body = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {};
      for (const [type, c] of Object.entries(body)) {
        if (type !== 'application/json') continue;
        const name = refName(c.schema);
        if (!name) problems.push(`${key}: inline request body`);
        else if (Object.keys(doc.components.schemas[name].properties ?? {}).length === 0 && !doc.components.schemas[name].allOf) problems.push(`${key}: ${name} is empty`);
        else for (const f of withoutExample(name)) problems.push(`${key}: ${name}.${f} has no example`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents the error responses: the error body on 4xx, 401/403 on staff routes, 401 on signed channel routes, 400 or 404 on path ids', () => {
    const problems: string[] = [];
    for (const { key, path, op } of ops) {
      const responses = op.responses ?? {};
      const errors = Object.keys(responses).filter((s) => /^[45]\d\d$/.test(s));
      if (errors.length === 0) problems.push(`${key}: no error response`);
      for (const status of errors) {
        const content = Object.values(responses[status].content ?? {});
        if (content.length === 0) problems.push(`${key} ${status}: no error schema`);
        // GeoReport v2 answers errors in its own format, as the spec says; everything else in ours.
        if (/^4/.test(status) && !path.startsWith('/open311/')) {
          for (const c of content) if (refName(c.schema) !== 'ErrorBodyDto') problems.push(`${key} ${status}: not the error body`);
        }
      }
      const access = ROUTE_ACCESS[`${key.split(' ')[0]} ${path.replace(/\{(\w+)\}/g, ':$1')}`];
      if (access === undefined) problems.push(`${key}: not in the access table`);
      else if (!access.public) {
        for (const s of ['401', '403']) if (!responses[s]) problems.push(`${key}: staff route without ${s}`);
      } else if (access.signed && !responses['401']) problems.push(`${key}: signed route without 401`);
      if (/\{\w+\}/.test(path) && !responses['400'] && !responses['404']) problems.push(`${key}: path parameter without 400 or 404`);
    }
    expect(problems).toEqual([]);
  });

  it('shows case references only in the real format (TL-XXXX-XXXX) and no stale ones', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/\bHN-[0-9A-Z]/);
    const references = [...text.matchAll(/\bTL-[0-9A-Z]+(?:-[0-9A-Z]+)*/g)].map((m) => m[0]);
    expect(references.length).toBeGreaterThan(5);
    expect(references.filter((r) => !CASE_REFERENCE_PATTERN.test(r))).toEqual([]);
    // every property that names a case reference shows one
    const named: string[] = [];
    for (const [schema, s] of Object.entries(doc.components.schemas)) {
      for (const [field, p] of Object.entries(s.properties ?? {})) {
        if (/^(reference|caseReference|service_request_id)$/.test(field)) {
          named.push(`${schema}.${field}`);
          expect({ at: `${schema}.${field}`, ok: typeof p.example === 'string' && CASE_REFERENCE_PATTERN.test(p.example) }).toEqual({ at: `${schema}.${field}`, ok: true });
        }
      }
    }
    expect(named).toEqual(expect.arrayContaining(['SubmittedTipDto.reference', 'HotlineTipAcceptedDto.reference', 'TipsterViewDto.reference', 'Open311TokenDto.service_request_id']));
  });
});
