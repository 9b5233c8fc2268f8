import { useMemo, useState } from 'react';
import { AnswerNotices } from '../components/AnswerNotices.tsx';
import { CsvDownload } from '../components/CsvDownload.tsx';
import { dutchDate } from '../components/dates.ts';
import { RADAR_OP } from '../graph/radar-op.ts';
import type { IndicatorenData, IndicatorPunt, PeilingenData } from '../graph/types-pages.ts';
import type { KeuzesData, Provincie } from '../graph/types.ts';
import { useAsk } from '../graph/use-ask.ts';
import { LineChart } from '../verloop/LineChart.tsx';
import { PROVINCIE_NAMEN, ProvincieKeuze } from '../components/Keuzes.tsx';

const INDICATOREN: readonly {
  key: string;
  titel: string;
  waarde: (p: IndicatorPunt) => number | null;
  toon?: (p: IndicatorPunt) => string;
  formaat?: (n: number) => string;
}[] = [
  {
    key: 'erkend',
    titel: 'Erkende leerwerkplekken',
    waarde: (p) => p.aantalErkendeLeerwerkplekken,
  },
  { key: 'actief', titel: 'Actieve leerwerkplekken', waarde: (p) => p.aantalActieveLeerwerkplekken },
  {
    key: 'gestart',
    titel: 'Gestarte lerenden',
    waarde: (p) => p.aantalGestarteLerenden?.waarde ?? null,
    toon: (p) =>
      p.aantalGestarteLerenden?.onderdrukt === true
        ? 'onderdrukt'
        : String(p.aantalGestarteLerenden?.waarde ?? 'onbekend'),
  },
  { key: 'aanbod', titel: 'Opleidingen met aanbod', waarde: (p) => p.aantalOpleidingenMetAanbod },
  { key: 'wittevlekken', titel: 'Witte vlekken', waarde: (p) => p.aantalWitteVlekken },
  {
    key: 'knelpunt',
    titel: 'Aandeel knelpuntvacatures met duaal aanbod',
    waarde: (p) => p.aandeelKnelpuntvacaturesMetDuaalAanbod,
    formaat: (n) => `${(n * 100).toLocaleString('nl-BE', { maximumFractionDigits: 1 })} %`,
  },
];

/** Verloop: the output indicators over the measurements the graph keeps, and the radar of a past date. */
export function VerloopPage() {
  const keuzes = useAsk<KeuzesData>('Keuzes', {});
  const peilingen = useAsk<PeilingenData>('Peilingen', {});
  const [provincie, setProvincie] = useState<Provincie>('WEST_VLAANDEREN');
  const [regioCode, setRegioCode] = useState('');
  const [verleden, setVerleden] = useState('');
  const data = peilingen.answer?.data?.peilingen ?? null;
  const van = data?.[0]?.op ?? null;
  const tot = data?.at(-1)?.op ?? null;
  const indicatoren = useAsk<IndicatorenData>(
    'Indicatoren',
    van && tot ? { provincie, regioCode: regioCode || null, van, tot } : null,
  );
  const regios = useMemo(
    () => (keuzes.answer?.data?.regios ?? []).filter((r) => r.provincie === provincie),
    [keuzes.answer, provincie],
  );
  const provincies = useMemo(() => {
    const met = new Set((keuzes.answer?.data?.regios ?? []).map((r) => r.provincie));
    return (Object.keys(PROVINCIE_NAMEN) as Provincie[]).filter((p) => met.size === 0 || met.has(p));
  }, [keuzes.answer]);
  const punten = indicatoren.answer?.data?.indicatoren ?? null;
  const gebied = regioCode
    ? (regios.find((r) => r.code === regioCode)?.naam ?? regioCode)
    : PROVINCIE_NAMEN[provincie];

  return (
    <>
      <h1>Verloop</h1>
      <p className="inleiding">
        De outputindicatoren van een provincie of een regio over de peilingen die de graaf bewaart: één punt
        per peiling.
      </p>
      <form
        className="keuzes"
        aria-label="Keuzes van het verloop"
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <ProvincieKeuze
          provincies={provincies}
          value={provincie}
          onChange={(p) => {
            setProvincie(p);
            setRegioCode('');
          }}
        />
        <label>
          Regio
          <select
            value={regioCode}
            onChange={(e) => {
              setRegioCode(e.target.value);
            }}
          >
            <option value="">De hele provincie</option>
            {regios.map((r) => (
              <option key={r.code} value={r.code}>
                {r.naam}
              </option>
            ))}
          </select>
        </label>
      </form>
      <AnswerNotices wat="De peilingen" {...peilingen} />
      {data?.length === 0 && (
        <p className="melding">
          De graaf heeft nog geen peilingen: de eerste wordt genomen op het dagelijkse tijdstip van de radar.
        </p>
      )}
      <AnswerNotices wat="De indicatoren" {...indicatoren} />
      {punten && punten.length > 0 && (
        <>
          <h2>Indicatoren van {gebied}</h2>
          <div className="grafieken">
            {INDICATOREN.map((i) => (
              <LineChart
                key={i.key}
                id={i.key}
                titel={i.titel}
                punten={punten.map((p) => ({ op: p.op, waarde: i.waarde(p) }))}
                {...(i.formaat ? { formaat: i.formaat } : {})}
              />
            ))}
          </div>
          {van && tot && <CsvDownload naam="indicatoren" parameters={{ provincie, regioCode, van, tot }} />}
          <div className="tabel-rol" tabIndex={0} role="group" aria-label="De indicatoren per peiling">
            <table className="lijsttabel" id="indicatoren">
              <caption>De indicatoren per peiling</caption>
              <thead>
                <tr>
                  <th scope="col">Peiling</th>
                  {INDICATOREN.map((i) => (
                    <th key={i.key} scope="col" className="getal">
                      {i.titel}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {punten.map((p) => (
                  <tr key={p.op} data-op={p.op}>
                    <th scope="row">
                      {dutchDate(p.op)}
                      {p.gereconstrueerd ? ' (gereconstrueerd)' : ''}
                    </th>
                    {INDICATOREN.map((i) => {
                      const w = i.waarde(p);
                      return (
                        <td key={i.key} className="getal" data-indicator={i.key}>
                          {i.toon ? i.toon(p) : w === null ? 'onbekend' : (i.formaat ?? String)(w)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <section aria-labelledby="verleden-titel">
        <h2 id="verleden-titel">De radar van een vroegere datum</h2>
        <label>
          Peiling
          <select
            value={verleden}
            onChange={(e) => {
              setVerleden(e.target.value);
            }}
          >
            <option value="">Kies een datum</option>
            {(data ?? []).map((p) => (
              <option key={p.op} value={p.op}>
                {dutchDate(p.op)}
              </option>
            ))}
          </select>
        </label>
        {RADAR_OP ? (
          verleden && <a href={`#/radar?op=${verleden}`}>Toon de radar van {dutchDate(verleden)}</a>
        ) : (
          <p className="hint">
            De radar van een vroegere datum komt hier zodra de graaf hem kan geven (<code>radar(op:)</code>).
          </p>
        )}
      </section>
    </>
  );
}
