import { dutchDate } from '../components/dates.ts';

export interface ChartPoint {
  readonly op: string;
  /** null: not known on that date (a gap in the line, not a zero). */
  readonly waarde: number | null;
}

interface Props {
  readonly id: string;
  readonly titel: string;
  readonly punten: readonly ChartPoint[];
  readonly formaat?: (n: number) => string;
}

const W = 360;
const H = 170;
const M = { links: 44, rechts: 12, boven: 12, onder: 30 };

/**
 * One indicator over time as a line chart in plain SVG: a handful of points
 * needs no chart library (and no 50–100 kB of it); the SVG carries a title and
 * a description, and every point its value, and the page's table has them all.
 */
export function LineChart({ id, titel, punten, formaat = (n) => n.toLocaleString('nl-BE') }: Props) {
  const waarden = punten.flatMap((p) => (p.waarde === null ? [] : [p.waarde]));
  const max = Math.max(1, ...waarden);
  const min = Math.min(0, ...waarden);
  const tijden = punten.map((p) => Date.parse(p.op));
  const t0 = Math.min(...tijden);
  const t1 = Math.max(...tijden);
  const x = (t: number) =>
    M.links + (t1 === t0 ? (W - M.links - M.rechts) / 2 : ((t - t0) / (t1 - t0)) * (W - M.links - M.rechts));
  const y = (v: number) => H - M.onder - ((v - min) / (max - min)) * (H - M.boven - M.onder);
  // A null breaks the line: each run of known values is its own segment.
  const lijnen: string[] = [];
  let huidig: string[] = [];
  punten.forEach((p, i) => {
    if (p.waarde === null) {
      if (huidig.length > 0) lijnen.push(huidig.join(' '));
      huidig = [];
    } else huidig.push(`${x(tijden[i] ?? 0).toFixed(1)},${y(p.waarde).toFixed(1)}`);
  });
  if (huidig.length > 0) lijnen.push(huidig.join(' '));
  const laatste = [...punten].reverse().find((p) => p.waarde !== null);
  return (
    <figure className="grafiek">
      <svg
        viewBox={`0 0 ${String(W)} ${String(H)}`}
        role="img"
        aria-labelledby={`${id}-titel ${id}-uitleg`}
        data-indicator={id}
      >
        <title id={`${id}-titel`}>{titel}</title>
        <desc id={`${id}-uitleg`}>
          {punten.length} peilingen van {dutchDate(punten[0]?.op)} tot {dutchDate(punten.at(-1)?.op)}
          {laatste?.waarde != null ? `; laatste waarde ${formaat(laatste.waarde)}` : ''}.
        </desc>
        <line x1={M.links} x2={W - M.rechts} y1={H - M.onder} y2={H - M.onder} stroke="#4a4a4a" />
        <line x1={M.links} x2={M.links} y1={M.boven} y2={H - M.onder} stroke="#4a4a4a" />
        <text x={M.links - 4} y={y(max) + 4} textAnchor="end" fontSize="11" fill="#1b1b1b">
          {formaat(max)}
        </text>
        <text x={M.links - 4} y={y(min) + 4} textAnchor="end" fontSize="11" fill="#1b1b1b">
          {formaat(min)}
        </text>
        <text x={M.links} y={H - 10} fontSize="11" fill="#1b1b1b">
          {dutchDate(punten[0]?.op)}
        </text>
        <text x={W - M.rechts} y={H - 10} textAnchor="end" fontSize="11" fill="#1b1b1b">
          {dutchDate(punten.at(-1)?.op)}
        </text>
        {lijnen.map((l) => (
          <polyline key={l} points={l} fill="none" stroke="#0a4d8c" strokeWidth="2" />
        ))}
        {punten.map((p, i) =>
          p.waarde === null ? null : (
            <circle key={p.op} cx={x(tijden[i] ?? 0)} cy={y(p.waarde)} r="3.5" fill="#0a4d8c">
              <title>
                {dutchDate(p.op)}: {formaat(p.waarde)}
              </title>
            </circle>
          ),
        )}
      </svg>
      <figcaption>{titel}</figcaption>
    </figure>
  );
}
