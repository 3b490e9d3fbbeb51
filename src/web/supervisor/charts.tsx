/**
 * Small server-rendered SVG charts for the dashboard: typed functions of their data, no script.
 * Readable without colour: every series has its own fill pattern (bars) or dash and marker shape
 * (lines), every bar and point carries its value as text, and each chart is an `role="img"` with
 * a title and a description; the page puts the same figures in a table beside it (ChartTable).
 */
import type { ComponentChildren } from 'preact';

export interface ChartSeries {
  name: string;
  /** One value per category; null = no figure (drawn as the `noValue` text, never as 0). */
  values: readonly (number | null)[];
}

export interface ChartProps {
  /** Unique on the page: the ids of the title, description and patterns derive from it. */
  id: string;
  title: string;
  description: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** The text of a value (a direct label), e.g. `12.5 h` or `87%`. */
  format: (n: number) => string;
  /** What a missing value reads as, e.g. "no data". */
  noValue: string;
}

/** Dark ink on white (contrast above 7:1); series differ by pattern, not by hue. */
const INK = '#0b3d66';
const TEXT = '#111111';
const GRID = '#767676';
const FONT = 13;
const WIDTH = 560;

/** The fill patterns of bar series, in order: solid, diagonal hatch, dots, horizontal lines. */
export const BAR_PATTERNS = ['solid', 'hatch', 'dots', 'lines'] as const;
/** The line styles of line series: dash arrays and marker shapes. */
export const LINE_DASHES = ['', '8 4', '2 4', '12 4 2 4'] as const;
export const MARKERS = ['circle', 'square', 'triangle', 'diamond'] as const;

const patternId = (id: string, i: number) => `${id}-pat${i % BAR_PATTERNS.length}`;

function Patterns(props: { id: string; count: number }) {
  const defs = [];
  for (let i = 0; i < Math.min(props.count, BAR_PATTERNS.length); i++) {
    const kind = BAR_PATTERNS[i];
    const pid = patternId(props.id, i);
    if (kind === 'solid') {
      defs.push(
        <pattern id={pid} width="4" height="4" patternUnits="userSpaceOnUse">
          <rect width="4" height="4" fill={INK} />
        </pattern>,
      );
    } else if (kind === 'hatch') {
      defs.push(
        <pattern id={pid} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke={INK} stroke-width="3" />
        </pattern>,
      );
    } else if (kind === 'dots') {
      defs.push(
        <pattern id={pid} width="5" height="5" patternUnits="userSpaceOnUse">
          <rect width="5" height="5" fill="#ffffff" />
          <circle cx="2.5" cy="2.5" r="1.4" fill={INK} />
        </pattern>,
      );
    } else {
      defs.push(
        <pattern id={pid} width="5" height="5" patternUnits="userSpaceOnUse">
          <rect width="5" height="5" fill="#ffffff" />
          <line x1="0" y1="2.5" x2="5" y2="2.5" stroke={INK} stroke-width="2" />
        </pattern>,
      );
    }
  }
  return <defs>{defs}</defs>;
}

/** The chart's frame: an image with its title and description as its accessible name and description. */
function Frame(props: { id: string; title: string; description: string; height: number; children?: ComponentChildren }) {
  return (
    <svg
      class="chart-svg"
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-labelledby={`${props.id}-title`}
      aria-describedby={`${props.id}-desc`}
      viewBox={`0 0 ${WIDTH} ${props.height}`}
      width={WIDTH}
      height={props.height}
      font-family="system-ui, sans-serif"
      font-size={FONT}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <desc id={`${props.id}-desc`}>{props.description}</desc>
      {props.children}
    </svg>
  );
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The legend of bar series: a swatch with the series' pattern and its name, one line each. */
function BarLegend(props: { id: string; series: readonly ChartSeries[] }) {
  return (
    <g>
      {props.series.map((s, i) => (
        <g>
          <rect x="4" y={4 + i * 20} width="16" height="14" fill={`url(#${patternId(props.id, i)})`} stroke={INK} stroke-width="1" />
          <text x="26" y={15 + i * 20} fill={TEXT}>
            {s.name}
          </text>
        </g>
      ))}
    </g>
  );
}

/**
 * Horizontal grouped bars: each category's label on a line of its own (long unit names stay
 * whole on a phone), then one bar per series with its value written after it.
 */
export function BarChart(props: ChartProps) {
  const { id, series, categories } = props;
  const legendH = series.length > 1 ? series.length * 20 + 8 : 0;
  const barH = 14;
  const labelH = 18;
  const groupH = labelH + series.length * (barH + 3) + 8;
  const height = Math.max(legendH + categories.length * groupH + 4, 40);
  const left = 6;
  const valueRoom = 90;
  const maxW = WIDTH - left - valueRoom;
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const scale = max > 0 ? maxW / max : 0;
  return (
    <Frame id={id} title={props.title} description={props.description} height={height}>
      <Patterns id={id} count={series.length} />
      {series.length > 1 ? <BarLegend id={id} series={series} /> : null}
      {categories.length === 0 ? (
        <text x={left} y={legendH + 20} fill={TEXT}>
          {props.noValue}
        </text>
      ) : null}
      {categories.map((cat, c) => {
        const y0 = legendH + c * groupH;
        return (
          <g class="bar-group">
            <text x={left} y={y0 + 13} fill={TEXT} font-weight="600">
              {cat}
            </text>
            {series.map((s, i) => {
              const v = s.values[c] ?? null;
              const y = y0 + labelH + i * (barH + 3);
              const w = v === null ? 0 : Math.max(v > 0 ? 2 : 0, round1(v * scale));
              return (
                <g>
                  {v === null ? null : <rect x={left} y={y} width={w} height={barH} fill={`url(#${patternId(id, i)})`} stroke={INK} stroke-width="1" />}
                  <text x={left + w + 5} y={y + barH - 2} fill={TEXT}>
                    {v === null ? props.noValue : props.format(v)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </Frame>
  );
}

function Marker(props: { kind: (typeof MARKERS)[number]; x: number; y: number }) {
  const { x, y } = props;
  switch (props.kind) {
    case 'circle':
      return <circle cx={x} cy={y} r="4.5" fill={INK} />;
    case 'square':
      return <rect x={x - 4} y={y - 4} width="8" height="8" fill="#ffffff" stroke={INK} stroke-width="2" />;
    case 'triangle':
      return <path d={`M${x} ${y - 5}L${x + 5} ${y + 4}L${x - 5} ${y + 4}Z`} fill={INK} />;
    default:
      return <path d={`M${x} ${y - 5}L${x + 5} ${y}L${x} ${y + 5}L${x - 5} ${y}Z`} fill="#ffffff" stroke={INK} stroke-width="2" />;
  }
}

/** A line's segments, split where a value is missing (a gap, never a drop to 0). */
export function segments(points: readonly ({ x: number; y: number } | null)[]): { x: number; y: number }[][] {
  const out: { x: number; y: number }[][] = [];
  let cur: { x: number; y: number }[] = [];
  for (const p of points) {
    if (p === null) {
      if (cur.length) out.push(cur);
      cur = [];
    } else cur.push(p);
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Lines over ordered categories (months): each series with its own dash and marker shape, its
 * values written by the points (the first series above, the next below), a legend that shows
 * the dash and the marker, and three labelled gridlines. `yMax` fixes the top (1 for ratios).
 */
export function LineChart(props: ChartProps & { yMax?: number }) {
  const { id, series, categories } = props;
  const legendH = series.length * 20 + 8;
  const top = legendH + 14;
  const plotH = 170;
  const bottom = top + plotH;
  const height = bottom + 30;
  const left = 52;
  const right = WIDTH - 24;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = props.yMax ?? Math.max(0, ...values);
  const yOf = (v: number) => round1(bottom - (max > 0 ? (v / max) * plotH : 0));
  const n = categories.length;
  const xOf = (i: number) => round1(n <= 1 ? (left + right) / 2 : left + (i * (right - left)) / (n - 1));
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  const showValues = n <= 13;
  return (
    <Frame id={id} title={props.title} description={props.description} height={height}>
      {series.map((s, i) => (
        <g>
          <line x1="6" y1={11 + i * 20} x2="40" y2={11 + i * 20} stroke={INK} stroke-width="2" stroke-dasharray={LINE_DASHES[i % LINE_DASHES.length] || undefined} />
          <Marker kind={MARKERS[i % MARKERS.length]} x={23} y={11 + i * 20} />
          <text x="48" y={15 + i * 20} fill={TEXT}>
            {s.name}
          </text>
        </g>
      ))}
      {[0, 0.5, 1].map((f) => (
        <g>
          <line x1={left} y1={yOf(max * f)} x2={right} y2={yOf(max * f)} stroke={GRID} stroke-width="1" stroke-dasharray={f === 0 ? undefined : '1 3'} />
          <text x={left - 6} y={yOf(max * f) + 4} fill={TEXT} text-anchor="end">
            {props.format(max * f)}
          </text>
        </g>
      ))}
      {categories.map((cat, i) =>
        i % labelEvery === 0 || i === n - 1 ? (
          <text x={xOf(i)} y={bottom + 18} fill={TEXT} text-anchor="middle">
            {cat}
          </text>
        ) : null,
      )}
      {n === 0 || values.length === 0 ? (
        <text x={left + 8} y={top + plotH / 2} fill={TEXT}>
          {props.noValue}
        </text>
      ) : null}
      {series.map((s, i) => {
        const pts = categories.map((_, c) => {
          const v = s.values[c] ?? null;
          return v === null ? null : { x: xOf(c), y: yOf(v) };
        });
        return (
          <g>
            {segments(pts).map((seg) =>
              seg.length > 1 ? (
                <polyline points={seg.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke={INK} stroke-width="2" stroke-dasharray={LINE_DASHES[i % LINE_DASHES.length] || undefined} />
              ) : null,
            )}
            {pts.map((p, c) =>
              p === null ? null : (
                <g>
                  <Marker kind={MARKERS[i % MARKERS.length]} x={p.x} y={p.y} />
                  {showValues ? (
                    <text x={p.x} y={i % 2 === 0 ? p.y - 9 : p.y + 19} fill={TEXT} text-anchor="middle" font-size={FONT - 2}>
                      {props.format(s.values[c] as number)}
                    </text>
                  ) : null}
                </g>
              ),
            )}
          </g>
        );
      })}
    </Frame>
  );
}

/** The chart's figures as a table: categories down, series across (the chart's accessible twin). */
export function ChartTable(props: { caption: string; categoryHeader: string; categories: readonly string[]; series: readonly ChartSeries[]; format: (n: number) => string; noValue: string }) {
  return (
    <div class="table-wrap">
      <table class="chart-data">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.categoryHeader}</th>
            {props.series.map((s) => (
              <th scope="col">{s.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.categories.map((cat, c) => (
            <tr>
              <th scope="row">{cat}</th>
              {props.series.map((s) => {
                const v = s.values[c] ?? null;
                return <td class="num">{v === null ? props.noValue : props.format(v)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
