import { useMemo, useState } from 'react';
import type { RadarCel } from '../graph/types.ts';
import { SIGNAL_LABELS } from './measures.ts';

type Column = {
  readonly key: string;
  readonly label: string;
  readonly numeric: boolean;
  readonly value: (c: RadarCel) => string | number | null;
  readonly show?: (c: RadarCel) => string;
};

const number = (v: number | null) => (v === null ? 'onbekend' : String(v));

export const COLUMNS: readonly Column[] = [
  { key: 'regio', label: 'Regio', numeric: false, value: areaName },
  { key: 'opleiding', label: 'Opleiding', numeric: false, value: (c) => c.opleiding.naam },
  { key: 'aanbieders', label: 'Aanbieders', numeric: true, value: (c) => c.aantalAanbieders },
  {
    key: 'plaatsen',
    label: 'Plaatsen',
    numeric: true,
    value: (c) => c.aantalPlaatsen,
    show: (c) => (c.aantalPlaatsen === null ? 'onbeperkt' : String(c.aantalPlaatsen)),
  },
  {
    key: 'leerwerkplekken',
    label: 'Erkende leerwerkplekken',
    numeric: true,
    value: (c) => c.aantalErkendeLeerwerkplekken,
  },
  { key: 'vacatures', label: 'Vacatures', numeric: true, value: (c) => c.aantalVacatures },
  { key: 'duaal', label: 'Duale vacatures', numeric: true, value: (c) => c.aantalDualeVacatures },
  {
    key: 'knelpunt',
    label: 'Knelpunt',
    numeric: false,
    value: (c) => (c.knelpunt === null ? 'onbekend' : c.knelpunt ? 'ja' : 'nee'),
  },
  {
    key: 'lerenden',
    label: 'Zoekende lerenden',
    numeric: true,
    value: (c) => c.aantalZoekendeLerenden?.waarde ?? null,
    show: (c) =>
      c.aantalZoekendeLerenden?.onderdrukt === true
        ? 'onderdrukt'
        : number(c.aantalZoekendeLerenden?.waarde ?? null),
  },
  { key: 'witteVlek', label: 'Witte vlek', numeric: false, value: (c) => (c.witteVlek ? 'ja' : 'nee') },
  {
    key: 'signalen',
    label: 'Signalen',
    numeric: false,
    value: (c) => c.signalen.map((s) => SIGNAL_LABELS[s]).join(', '),
  },
];

interface Props {
  readonly cells: readonly RadarCel[];
  readonly selected: string | null;
  readonly onSelect: (cel: RadarCel) => void;
  readonly filterRegio: string;
  readonly onFilterRegio: (regioCode: string) => void;
  readonly regios: readonly { code: string; naam: string }[];
}

const cellKey = (c: RadarCel) => `${c.gemeente?.nisCode ?? c.regioCode}|${c.opleidingscode}`;
/** The area of a cell as the table names it: its regio, or per gemeente the gemeente and its regio. */
function areaName(c: RadarCel): string {
  return c.gemeente ? `${c.gemeente.naam} (${c.regio.naam})` : c.regio.naam;
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'nl');
}

/** The radar's cells as a table: sortable by every column, filtered by text, regio and witte vlek. */
export function RadarTable({ cells, selected, onSelect, filterRegio, onFilterRegio, regios }: Props) {
  const [sort, setSort] = useState<{ key: string; up: boolean }>({ key: 'regio', up: true });
  const [text, setText] = useState('');
  const [onlyWhite, setOnlyWhite] = useState(false);
  const rows = useMemo(() => {
    const needle = text.trim().toLocaleLowerCase('nl');
    const column = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0];
    const kept = cells.filter(
      (c) =>
        (!onlyWhite || c.witteVlek) &&
        (filterRegio === '' || c.regioCode === filterRegio) &&
        (needle === '' ||
          c.opleiding.naam.toLocaleLowerCase('nl').includes(needle) ||
          areaName(c).toLocaleLowerCase('nl').includes(needle)),
    );
    if (!column) return kept;
    return [...kept].sort((a, b) => {
      const order =
        compare(column.value(a), column.value(b)) ||
        compare(areaName(a), areaName(b)) ||
        compare(a.opleiding.naam, b.opleiding.naam);
      return sort.up ? order : -order;
    });
  }, [cells, sort, text, onlyWhite, filterRegio]);

  return (
    <section aria-labelledby="tabel-titel" className="tabel-sectie">
      <h2 id="tabel-titel">Cellen van de radar</h2>
      <div className="tabel-filters">
        <label>
          Zoek op opleiding of regio
          <input
            type="search"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
            }}
          />
        </label>
        <label>
          Regio
          <select
            value={filterRegio}
            onChange={(e) => {
              onFilterRegio(e.target.value);
            }}
          >
            <option value="">Alle regio’s</option>
            {regios.map((r) => (
              <option key={r.code} value={r.code}>
                {r.naam}
              </option>
            ))}
          </select>
        </label>
        <label className="vinkje">
          <input
            type="checkbox"
            checked={onlyWhite}
            onChange={(e) => {
              setOnlyWhite(e.target.checked);
            }}
          />
          Alleen witte vlekken
        </label>
      </div>
      <p role="status" className="telling">
        {rows.length} van {cells.length} cellen
      </p>
      <div
        className="tabel-rol"
        tabIndex={0}
        role="group"
        aria-label="Tabel van de cellen, horizontaal scrollbaar"
      >
        <table className="radartabel">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={c.numeric ? 'getal' : undefined}
                  aria-sort={sort.key === c.key ? (sort.up ? 'ascending' : 'descending') : undefined}
                >
                  <button
                    type="button"
                    onClick={() => {
                      setSort((s) => ({ key: c.key, up: s.key === c.key ? !s.up : true }));
                    }}
                  >
                    {c.label}
                    <span aria-hidden="true">{sort.key === c.key ? (sort.up ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cel) => (
              <tr
                key={cellKey(cel)}
                data-regio={cel.regioCode}
                data-nis={cel.gemeente?.nisCode}
                data-opleiding={cel.opleidingscode}
                className={selected === cellKey(cel) ? 'gekozen' : undefined}
              >
                {COLUMNS.map((c, i) =>
                  i === 0 ? (
                    <th key={c.key} scope="row">
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          onSelect(cel);
                        }}
                        aria-label={`Details van ${cel.opleiding.naam} in ${areaName(cel)}`}
                      >
                        {areaName(cel)}
                      </button>
                    </th>
                  ) : (
                    <td key={c.key} className={c.numeric ? 'getal' : undefined} data-kolom={c.key}>
                      {c.show ? c.show(cel) : (c.value(cel) ?? (c.numeric ? 'onbekend' : ''))}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export { cellKey };
