import { readSmsText } from './sms-text';

describe('reading an inbound text', () => {
  it('a receipt first continues the dialogue, a receipt alone reads it', () => {
    expect(readSmsText('4821 0937 5520 1184 Họ vẫn tụ tập tối nay')).toEqual({ kind: 'continue', receipt: '4821 0937 5520 1184', text: 'Họ vẫn tụ tập tối nay' });
    expect(readSmsText('4821093755201184: thêm thông tin')).toEqual({ kind: 'continue', receipt: '4821 0937 5520 1184', text: 'thêm thông tin' });
    expect(readSmsText(' 4821-0937-5520-1184 ')).toEqual({ kind: 'read', receipt: '4821 0937 5520 1184' });
  });

  it('a commune code first (or tagged) places a new tip; otherwise it goes to triage', () => {
    expect(readSmsText('#07228 Bán ma túy ở bãi xe sau chợ')).toEqual({ kind: 'tip', text: 'Bán ma túy ở bãi xe sau chợ', locality: '07228' });
    expect(readSmsText('07228 Bán ma túy ở bãi xe')).toEqual({ kind: 'tip', text: 'Bán ma túy ở bãi xe', locality: '07228' });
    expect(readSmsText('Bán ma túy ở bãi xe #07228 mỗi tối')).toEqual({ kind: 'tip', text: 'Bán ma túy ở bãi xe mỗi tối', locality: '07228' });
    expect(readSmsText('Có người bán 20000 đồng một gói ở chợ')).toEqual({ kind: 'tip', text: 'Có người bán 20000 đồng một gói ở chợ', locality: null });
  });

  it('seventeen digits are not a receipt', () => {
    expect(readSmsText('48210937552011849 abc').kind).toBe('tip');
    expect(readSmsText(undefined)).toEqual({ kind: 'tip', text: '', locality: null });
  });
});
