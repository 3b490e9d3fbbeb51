import { render } from 'preact-render-to-string';
import { BAR_PATTERNS, BarChart, ChartTable, LineChart, segments } from './charts';

const fmt = (n: number) => `${n} h`;

describe('BarChart', () => {
  const html = render(
    <BarChart
      id="c1"
      title="Median <hours>"
      description="Bars per unit"
      categories={['Unit A', 'Unit B']}
      series={[
        { name: 'ack', values: [2, null] },
        { name: 'close', values: [10, 0] },
      ]}
      format={fmt}
      noValue="none"
    />,
  );

  it('is an image named by its title and described by its description (escaped)', () => {
    expect(html).toMatch(/^<svg[^>]* role="img" aria-labelledby="c1-title" aria-describedby="c1-desc"/);
    expect(html).toContain('<title id="c1-title">Median &lt;hours></title>');
    expect(html).toContain('<desc id="c1-desc">Bars per unit</desc>');
  });

  it('writes every value as text, a missing one as the no-value text (never a zero bar)', () => {
    const texts = [...html.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(['ack', 'close', 'Unit A', '2 h', '10 h', 'Unit B', 'none', '0 h']);
  });

  it('gives each series its own pattern (not a colour) and scales bars to the largest value', () => {
    expect(html).toContain('fill="url(#c1-pat0)"');
    expect(html).toContain('fill="url(#c1-pat1)"');
    expect(BAR_PATTERNS.length).toBeGreaterThanOrEqual(3);
    const widths = [...html.matchAll(/<rect x="6" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    // 2 of 10: a fifth of the longest bar; 0 is drawn as an empty bar
    expect(widths).toHaveLength(3);
    expect(widths[0] / widths[1]).toBeCloseTo(0.2, 2);
    expect(widths[2]).toBe(0);
  });

  it('says so when there is nothing to draw', () => {
    const empty = render(<BarChart id="e" title="t" description="d" categories={[]} series={[{ name: 's', values: [] }]} format={fmt} noValue="no data" />);
    expect(empty).toContain('>no data</text>');
  });
});

describe('LineChart', () => {
  const html = render(
    <LineChart
      id="m"
      title="Attainment"
      description="Lines per clock"
      categories={['2026-01', '2026-02', '2026-03']}
      series={[
        { name: 'ack', values: [0.5, null, 1] },
        { name: 'first', values: [0.25, 0.5, 0.75] },
      ]}
      format={(n) => `${Math.round(n * 100)}%`}
      noValue="none"
      yMax={1}
    />,
  );

  it('labels points with their values and the axis with 0, half and the top', () => {
    for (const v of ['50%', '100%', '25%', '75%', '0%']) expect(html).toContain(`>${v}</text>`);
    expect(html).toContain('<title id="m-title">Attainment</title>');
  });

  it('breaks a line at a missing value and tells series apart by dash', () => {
    const lines = [...html.matchAll(/<polyline points="([^"]+)"[^>]*?(stroke-dasharray="([^"]+)")?/g)];
    // "ack" has no segment of two points (a gap in the middle); "first" is one dashed line of three points
    expect(lines).toHaveLength(1);
    expect(lines[0][1].split(' ')).toHaveLength(3);
    expect(html).toMatch(/<polyline[^>]*stroke-dasharray="8 4"/);
  });

  it('segments() splits at nulls', () => {
    const p = (x: number) => ({ x, y: x });
    expect(segments([p(1), p(2), null, p(3), null, null, p(4), p(5)])).toEqual([[p(1), p(2)], [p(3)], [p(4), p(5)]]);
  });
});

describe('ChartTable', () => {
  it('puts the categories down and the series across, with row and column headers', () => {
    const html = render(<ChartTable caption="Cap" categoryHeader="Month" categories={['2026-01']} series={[{ name: 'ack', values: [null] }]} format={fmt} noValue="none" />);
    expect(html).toContain('<caption>Cap</caption>');
    expect(html).toContain('<th scope="col">Month</th><th scope="col">ack</th>');
    expect(html).toContain('<th scope="row">2026-01</th><td class="num">none</td>');
  });
});
