import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { Column } from './report-columns';
import { collect, contentDisposition, csvCell, csvStream, exportFileName, xlsxCell, xlsxStream } from './report-export';

const cols: Column[] = [
  { key: 'name', vi: 'Tên đơn vị', en: 'Unit', type: 'text' },
  { key: 'n', vi: 'Số vụ', en: 'Cases', type: 'int' },
  { key: 'h', vi: 'Giờ', en: 'Hours', type: 'hours' },
  { key: 'r', vi: 'Tỷ lệ', en: 'Ratio', type: 'ratio' },
  { key: 'at', vi: 'Lúc', en: 'At', type: 'datetime' },
  { key: 'd', vi: 'Xu hướng', en: 'Direction', type: 'label' },
];
const rows = [
  { name: 'Công an xã "Hồng Hà", Hà Nội', n: 3, h: '12.3456', r: 0.5, at: new Date('2026-03-01T17:30:00Z'), d: 'down' },
  { name: 'B', n: null, h: null, r: null, at: null, d: null },
];

describe('report export', () => {
  it('writes CSV cells: hours with 2 decimals, ratios with 4, Vietnam time, labels in the language', () => {
    expect(csvCell(cols[2], '12.3456', 'vi')).toBe('12.35');
    expect(csvCell(cols[3], 1 / 3, 'vi')).toBe('0.3333');
    expect(csvCell(cols[4], new Date('2026-03-01T17:30:00Z'), 'vi')).toBe('2026-03-02T00:30:00+07:00');
    expect(csvCell(cols[5], 'down', 'vi')).toBe('giảm');
    expect(csvCell(cols[5], 'down', 'en')).toBe('down');
    expect(csvCell(cols[1], null, 'vi')).toBe('');
  });

  it('streams CSV with a BOM, CRLF lines, quoted commas and quotes, headers in the language', async () => {
    const vi = await collect(csvStream({ name: 's', columns: cols, rows: Readable.from(rows) }, 'vi'));
    expect([...vi.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = vi.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Tên đơn vị,Số vụ,Giờ,Tỷ lệ,Lúc,Xu hướng');
    expect(lines[1]).toBe('"Công an xã ""Hồng Hà"", Hà Nội",3,12.35,0.5000,2026-03-02T00:30:00+07:00,giảm');
    expect(lines[2]).toBe('B,,,,,');
    const en = (await collect(csvStream({ name: 's', columns: cols, rows }, 'en'))).subarray(3).toString('utf8');
    expect(en.split('\r\n')[0]).toBe('Unit,Cases,Hours,Ratio,At,Direction');
  });

  it('writes XLSX with a bold frozen header, numbers as numbers and times as dates', async () => {
    expect(xlsxCell(cols[2], '12.3456', 'vi')).toBe(12.3456);
    const buf = await collect(xlsxStream([{ name: 'Báo cáo', columns: cols, rows: Readable.from(rows) }], 'vi'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Báo cáo')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Tên đơn vị', 'Số vụ', 'Giờ', 'Tỷ lệ', 'Lúc', 'Xu hướng']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const r = ws.getRow(2);
    expect(r.getCell(2).value).toBe(3);
    expect(r.getCell(3).value).toBe(12.3456);
    expect(r.getCell(3).numFmt).toBe('0.00');
    expect(r.getCell(4).numFmt).toBe('0.00%');
    expect((r.getCell(5).value as Date).toISOString()).toBe('2026-03-02T00:30:00.000Z'); // wall-clock time in Vietnam
    expect(r.getCell(6).value).toBe('giảm');
    expect(ws.getRow(3).getCell(2).value).toBeNull();
  });

  it('names the file after the report and the period, ASCII only', () => {
    expect(exportFileName('response-times', '2026-01-01_2026-03-31', 'xlsx', 'vi')).toBe('bao-cao-thoi-gian-xu-ly_2026-01-01_2026-03-31.xlsx');
    expect(exportFileName('hotspots', '2025_01', 'csv', 'en')).toBe('hotspots_2025_01.csv');
    expect(contentDisposition('a.csv')).toBe('attachment; filename="a.csv"');
  });

  it('fails the stream when the rows fail (a broken cursor is not a short file)', async () => {
    async function* broken() {
      yield rows[0];
      throw new Error('cursor broke');
    }
    await expect(collect(csvStream({ name: 's', columns: cols, rows: broken() }, 'vi'))).rejects.toThrow('cursor broke');
    await expect(collect(xlsxStream([{ name: 's', columns: cols, rows: broken() }], 'vi'))).rejects.toThrow('cursor broke');
  });
});
