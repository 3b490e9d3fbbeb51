import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { AccessService } from '../../src/access/access.service';
import { TipsRepository } from '../../src/tips/tips.repository';
import { bearer, loginAs } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';
import { COMMUNE, FAST_PROOF_ENV, jpegWithExif, multipartBody, proof, validTip } from './intake-helpers';

describe('POST /api/v1/tips and the tipster follow-up', () => {
  let t: TestApp;
  let ds: DataSource;
  const count = async (table: string) => Number((await ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp({ env: FAST_PROOF_ENV });
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('stores the tip with its case, routed to the commune police, encrypted, and only then gives a receipt', async () => {
    const body = await validTip(t);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: body });
    expect(res.statusCode).toBe(201);
    const { reference, receipt } = res.json();
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    const [row] = await ds.query(
      `SELECT c.id, c.reference, u.code AS unit, t.receipt_hash, t.narrative::text AS narrative, t.created_at, t.locality_code
         FROM tips t JOIN cases c ON c.id = t.case_id JOIN units u ON u.id = c.unit_id WHERE c.reference = $1`,
      [reference],
    );
    expect(row.unit).toBe(`CA-24-${COMMUNE}`);
    expect(row.locality_code).toBe(COMMUNE);
    expect(row.receipt_hash).not.toContain(receipt.replace(/ /g, ''));
    expect(row.narrative).not.toContain('ma túy');
    expect(new Date(row.created_at).getUTCMinutes()).toBe(0);
    const audit = await ds.query(`SELECT action FROM audit_events WHERE target_id = (SELECT id::text FROM tips WHERE case_id = $1)`, [row.id]);
    expect(audit.map((a: { action: string }) => a.action)).toContain('tip.submitted');
    const [tip] = await t.app.get(TipsRepository).findForCase((await t.app.get(AccessService).caseForSystem(ds.manager, row.id))!, ds.manager);
    expect(tip).toMatchObject({ narrative: body.narrative, details: { people: 6, timesOfDay: ['night'] }, placeDescription: 'gầm cầu cạnh chợ' });

    // The same proof cannot be spent twice.
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: { ...body } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details).toEqual([expect.objectContaining({ field: 'proof', reason: 'proof_used' })]);
  });

  it('spends a proof once when two tips carry it at the same moment', async () => {
    const body = await validTip(t);
    const cases = await count('cases');
    const res = await Promise.all([1, 2, 3].map(() => t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: body })));
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 400, 400]);
    for (const r of res.filter((x) => x.statusCode === 400)) expect(r.json().error.details).toEqual([expect.objectContaining({ field: 'proof', reason: 'proof_used' })]);
    expect(await count('cases')).toBe(cases + 1);
  });

  it('routes "local police involved" away from the commune police', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: await validTip(t, { localPoliceInvolved: true }) });
    expect(res.statusCode).toBe(201);
    const [row] = await ds.query(`SELECT u.kind FROM cases c JOIN units u ON u.id = c.unit_id WHERE c.reference = $1`, [res.json().reference]);
    expect(row.kind).not.toBe('commune_police');
  });

  it('refuses bad input with each field and reason in Vietnamese, or English on request, leaving nothing behind', async () => {
    const before = [await count('tips'), await count('cases'), await count('intake_used_proofs')];
    const bad = { category: 'weather', locality: '99999', observedAt: 'hôm qua', narrative: 'ngắn', proof: await proof(t) };
    const vi = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: bad });
    expect(vi.statusCode).toBe(400);
    expect(vi.json().error.details.map((d: { field: string }) => d.field)).toEqual(['category', 'observedAt', 'narrative']);
    expect(vi.json().error.details[2].message).toContain('ít nhất 10 ký tự');
    const en = await t.app.inject({ method: 'POST', url: '/api/v1/tips?lang=en', payload: bad });
    expect(en.json().error.details[2].message).toContain('at least 10 characters');
    const viaField = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: { ...bad, lang: 'en' } });
    expect(viaField.json().error.message).toContain('Some information is not valid');
    // An unknown commune is refused too (after the cheap checks, before any write).
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: await validTip(t, { locality: '99999' }) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([expect.objectContaining({ field: 'locality', reason: 'invalid_locality' })]);
    const noProof = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: { ...(await validTip(t)), proof: undefined } });
    expect(noProof.json().error.details).toEqual([expect.objectContaining({ field: 'proof', reason: 'proof_missing' })]);
    expect([await count('tips'), await count('cases'), await count('intake_used_proofs')]).toEqual(before);
  });

  it('takes photos as multipart, stores them re-encoded without metadata, and refuses other files in the tipster language', async () => {
    const tip = await validTip(t);
    const fields: [string, string][] = [
      ['category', String(tip.category)],
      ['locality', COMMUNE],
      ['observedAt', String(tip.observedAt)],
      ['narrative', String(tip.narrative)],
      ['details[people]', '3'],
      ['proof', String(tip.proof)],
    ];
    const photo = await jpegWithExif('EXIF-SECRET-CAMERA');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tips',
      ...multipartBody(fields, [{ name: 'photos', filename: 'IMG_0001.jpg', type: 'image/jpeg', data: photo }]),
    });
    expect(ok.statusCode).toBe(201);
    const [p] = await ds.query(
      `SELECT p.id, c.id AS case_id, p.mime, p.width FROM tip_photos p JOIN tips t ON t.id = p.tip_id JOIN cases c ON c.id = t.case_id WHERE c.reference = $1`,
      [ok.json().reference],
    );
    // Dimensions are stored coarse (256 px steps): exact ones name a phone family.
    expect(p).toMatchObject({ mime: 'image/jpeg', width: 256 });
    const stored = await t.app.get(TipsRepository).findPhoto((await t.app.get(AccessService).caseForSystem(ds.manager, p.case_id))!, p.id, ds.manager);
    const meta = await sharp(stored!.content!).metadata();
    expect(meta.exif).toBeUndefined();
    expect(stored!.content!.toString('latin1')).not.toContain('EXIF-SECRET-CAMERA');

    const pdf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tips',
      ...multipartBody([...fields.slice(0, 5), ['proof', await proof(t)]], [{ name: 'photos', filename: 'a.jpg', type: 'image/jpeg', data: Buffer.from('%PDF-1.7 not a photo') }]),
    });
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.details).toEqual([expect.objectContaining({ field: 'photos[0]', reason: 'photo_type', message: 'Chỉ nhận ảnh JPEG, PNG hoặc WebP.' })]);
  });

  it('lets the tipster read an officer question and answer it with the receipt; a wrong receipt learns nothing', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: await validTip(t) });
    const { reference, receipt } = res.json();
    const status = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', payload: { receipt } });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ reference, status: 'received', messages: [] });

    const [c] = await ds.query('SELECT id FROM cases WHERE reference = $1', [reference]);
    const officer = await loginAs(t, 'officer', `CA-24-${COMMUNE}`);
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/messages`,
      headers: bearer(officer.token),
      payload: { body: 'Bạn có thấy biển số xe không?', visibility: 'tipster' },
    });
    expect(asked.statusCode).toBe(201);

    const withQuestion = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', payload: { receipt: receipt.replace(/ /g, '-') } });
    expect(withQuestion.json().messages).toEqual([expect.objectContaining({ from: 'officer', body: 'Bạn có thấy biển số xe không?' })]);
    const answered = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/messages', payload: { receipt, body: 'Có, 99A-123.45' } });
    expect(answered.statusCode).toBe(201);
    expect(answered.json().messages.map((m: { from: string }) => m.from)).toEqual(['officer', 'tipster']);
    const [flag] = await ds.query('SELECT reply_waiting FROM cases WHERE id = $1', [c.id]);
    expect(flag.reply_waiting).toBe(true);
    // 3,000 emoji are 3,000 characters (6,000 UTF-16 units): within the 5,000-character limit on both sides
    const emoji = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/messages', payload: { receipt, body: '🚨'.repeat(3000) } });
    expect(emoji.statusCode).toBe(201);
    const tooLong = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/messages', payload: { receipt, body: '🚨'.repeat(5001) } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details[0]).toMatchObject({ field: 'body', reason: 'too_long' });

    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', payload: { receipt: '0000 0000 0000 0001' } });
    const garbage = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', payload: { receipt: 'abc' } });
    expect(wrong.statusCode).toBe(404);
    expect(garbage.statusCode).toBe(404);
    expect(wrong.json().error.message).toBe(garbage.json().error.message);
    expect(wrong.json().error.message).toBe('Không tìm thấy tin nào với mã biên nhận này.');
    const noReply = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/messages', payload: { receipt: '0000 0000 0000 0001', body: 'x' } });
    expect(noReply.statusCode).toBe(404);
  });
});
