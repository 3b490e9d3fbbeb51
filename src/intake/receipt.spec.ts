import { newReceipt, normalizeReceipt, ReceiptHasher } from './receipt';

describe('receipts', () => {
  it('are 16 digits in four groups and normalise from what people type', () => {
    const r = newReceipt();
    expect(r).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(normalizeReceipt(r)).toBe(r.replace(/ /g, ''));
    expect(normalizeReceipt('1234-5678.9012 3456')).toBe('1234567890123456');
    expect(normalizeReceipt('1234')).toBeNull();
    expect(normalizeReceipt(12)).toBeNull();
    expect(new Set(Array.from({ length: 50 }, newReceipt)).size).toBe(50);
  });

  it('hash deterministically under one pepper and differently under another', async () => {
    const a = new ReceiptHasher(Buffer.from('pepper-a'));
    const b = new ReceiptHasher(Buffer.from('pepper-b'));
    const h = await a.hash('1234567890123456');
    expect(await a.hash('1234567890123456')).toBe(h);
    expect(await b.hash('1234567890123456')).not.toBe(h);
    expect(await a.hash('1234567890123457')).not.toBe(h);
    expect(h).not.toContain('1234567890123456');
  });
});
