import { useEffect, useMemo, useState } from 'react';
import { ask, type GraphAnswer } from '../graph/client.ts';
import { missingData, otherErrors } from '../graph/sources.ts';
import type { KeuzesData, Niveau, Provincie, RadarCel, RadarData } from '../graph/types.ts';
import { CsvDownload } from '../components/CsvDownload.tsx';
import {
  NIVEAU_NAMEN,
  NiveauKeuze,
  OpleidingKeuze,
  PROVINCIE_NAMEN,
  ProvincieKeuze,
} from '../components/Keuzes.tsx';
import { dutchDate } from '../components/dates.ts';
import { RADAR_OP } from '../graph/radar-op.ts';
import { CellDetail } from '../radar/CellDetail.tsx';
import { MissingDataNotice } from '../radar/MissingDataNotice.tsx';
import { isBooleanMeasure, MEASURE_LABELS, type Measure } from '../radar/measures.ts';
import { areaKey, hashWithSchaal, paintAreas, schaalFromHash, type Schaal } from '../radar/paint.ts';
import { RadarMap } from '../radar/RadarMap.tsx';
import { cellKey, RadarTable } from '../radar/RadarTable.tsx';
import { useRuntimeConfig } from '../runtime-config.ts';

/** The date of a past measurement in the page's address (`#/radar?op=2026-06-01`), once the graph has `radar(op:)`. */
function pastDate(): string | null {
  const op = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('op');
  return op && /^\d{4}-\d{2}-\d{2}$/.test(op) ? op : null;
}

export function RadarPage() {
  const config = useRuntimeConfig();
  const asked = pastDate();
  const op = RADAR_OP ? asked : null;
  const [keuzes, setKeuzes] = useState<GraphAnswer<KeuzesData> | null>(null);
  const [provincie, setProvincie] = useState<Provincie>('WEST_VLAANDEREN');
  const [niveau, setNiveau] = useState<Niveau | ''>('SECUNDAIR');
  const [opleiding, setOpleiding] = useState('');
  const [measure, setMeasure] = useState<Measure>('witteVlek');
  const [radar, setRadar] = useState<GraphAnswer<RadarData> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [selected, setSelected] = useState<RadarCel | null>(null);
  const [filterRegio, setFilterRegio] = useState('');
  const [schaal, setSchaal] = useState<Schaal>(() => schaalFromHash(window.location.hash));
  const kiesSchaal = (s: Schaal) => {
    setSchaal(s);
    window.history.replaceState(null, '', hashWithSchaal(window.location.hash, s));
  };

  useEffect(() => {
    ask<KeuzesData>('Keuzes')
      .then(setKeuzes)
      .catch((e: unknown) => {
        setFailure(e instanceof Error ? e.message : String(e));
      });
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    setRadar(null);
    setFailure(null);
    setSelected(null);
    ask<RadarData>(
      schaal === 'gemeente' ? 'RadarPerGemeente' : 'Radar',
      { provincie, ...(niveau ? { niveau } : {}), ...(op ? { op } : {}) },
      abort.signal,
    )
      .then(setRadar)
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setFailure(e instanceof Error ? e.message : String(e));
      });
    return () => {
      abort.abort();
    };
  }, [provincie, niveau, op, schaal]);

  const provincies = useMemo(() => {
    const withRegions = new Set((keuzes?.data?.regios ?? []).map((r) => r.provincie));
    return (Object.keys(PROVINCIE_NAMEN) as Provincie[]).filter(
      (p) => withRegions.size === 0 || withRegions.has(p),
    );
  }, [keuzes]);
  const regios = useMemo(
    () => (keuzes?.data?.regios ?? []).filter((r) => r.provincie === provincie),
    [keuzes, provincie],
  );
  const opleidingen = useMemo(
    () =>
      (keuzes?.data?.opleidingen ?? [])
        .filter((o) => niveau === '' || o.niveau === niveau)
        .sort((a, b) => a.naam.localeCompare(b.naam, 'nl')),
    [keuzes, niveau],
  );
  useEffect(() => {
    if (opleiding && !opleidingen.some((o) => o.code === opleiding)) setOpleiding('');
  }, [opleiding, opleidingen]);
  const oneOpleiding = opleiding !== '';
  const effectiveMeasure: Measure = oneOpleiding || isBooleanMeasure(measure) ? measure : 'witteVlek';

  const cells = useMemo(
    () => (radar?.data?.radar ?? []).filter((c) => !oneOpleiding || c.opleidingscode === opleiding),
    [radar, opleiding, oneOpleiding],
  );
  const { paint, legend } = useMemo(
    () =>
      radar?.data?.radar
        ? paintAreas(cells, effectiveMeasure, oneOpleiding, schaal)
        : { paint: null, legend: [] },
    [radar, cells, effectiveMeasure, oneOpleiding, schaal],
  );

  const opleidingNaam = opleidingen.find((o) => o.code === opleiding)?.naam;
  const title = `${MEASURE_LABELS[effectiveMeasure]} in ${PROVINCIE_NAMEN[provincie]}, ${
    oneOpleiding
      ? (opleidingNaam ?? opleiding)
      : `aantal opleidingen per ${schaal}${niveau ? ` (${NIVEAU_NAMEN[niveau].toLowerCase()})` : ''}`
  }`;
  const missing = radar ? missingData(radar) : [];
  const errors = radar ? otherErrors(radar) : [];
  const loading = radar === null && failure === null;

  return (
    <>
      <h1>Radar Duaal{op ? ` op ${dutchDate(op)}` : ''}</h1>
      {asked && !op && (
        <p className="melding">
          De radar van een vroegere datum ({dutchDate(asked)}) kan de graaf nog niet geven: u ziet de radar
          van vandaag.
        </p>
      )}
      <p className="inleiding">
        Waar ontbreekt aanbod, een leerwerkplek of een opleiding voor de vraag? Kies een provincie, een niveau
        en een opleiding (of alle), en wat de kaart kleurt.
      </p>
      <form
        className="keuzes"
        onSubmit={(e) => {
          e.preventDefault();
        }}
        aria-label="Keuzes van de radar"
      >
        <ProvincieKeuze
          provincies={provincies}
          value={provincie}
          onChange={(p) => {
            setProvincie(p);
            setFilterRegio('');
          }}
        />
        <NiveauKeuze value={niveau} onChange={setNiveau} />
        <OpleidingKeuze opleidingen={opleidingen} value={opleiding} onChange={setOpleiding} />
        <label>
          Kaart per
          <select
            value={schaal}
            onChange={(e) => {
              kiesSchaal(e.target.value === 'gemeente' ? 'gemeente' : 'regio');
            }}
          >
            <option value="regio">regio</option>
            <option value="gemeente">gemeente</option>
          </select>
        </label>
        <label>
          Kaart kleurt
          <select
            value={effectiveMeasure}
            onChange={(e) => {
              setMeasure(e.target.value as Measure);
            }}
          >
            {(Object.keys(MEASURE_LABELS) as Measure[])
              .filter((m) => oneOpleiding || isBooleanMeasure(m))
              .map((m) => (
                <option key={m} value={m}>
                  {MEASURE_LABELS[m]}
                </option>
              ))}
          </select>
        </label>
      </form>
      {!oneOpleiding && (
        <p className="hint">
          Voor alle opleidingen samen kleurt de kaart het aantal opleidingen per {schaal} met een witte vlek
          of een signaal; kies één opleiding om een aantal te kleuren.
        </p>
      )}
      {loading && (
        <p role="status" className="laden">
          Radar van {PROVINCIE_NAMEN[provincie]} laden…
        </p>
      )}
      {failure && (
        <p role="alert" className="melding">
          De radar kon niet geladen worden: {failure}
        </p>
      )}
      {radar && <MissingDataNotice missing={missing} />}
      {radar && errors.length > 0 && (
        <div role="alert" className="melding">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
      {radar && radar.data?.radar == null && (
        <p className="melding">
          De graaf gaf geen radar terug: de kaart toont de gemeenten zonder kleur tot de ontbrekende gegevens
          er weer zijn.
        </p>
      )}
      <div className="radar-raster" aria-busy={loading}>
        <RadarMap
          provincie={provincie}
          paint={paint}
          schaal={schaal}
          title={title}
          legend={legend}
          tileUrl={config?.tegelUrl ?? null}
          onRegion={(code) => {
            const cel = oneOpleiding ? cells.find((c) => areaKey(c, schaal) === code) : undefined;
            if (cel) setSelected(cel);
            else
              setFilterRegio(
                schaal === 'gemeente'
                  ? (cells.find((c) => areaKey(c, schaal) === code)?.regioCode ?? '')
                  : code,
              );
          }}
        />
        {selected && (
          <CellDetail
            cel={selected}
            onClose={() => {
              setSelected(null);
            }}
          />
        )}
      </div>
      {radar?.data?.radar && !op && (
        <CsvDownload
          naam="radar"
          label="Download de cellen als CSV"
          parameters={{
            provincie,
            niveau,
            opleidingscode: opleiding,
            per: schaal === 'gemeente' ? 'GEMEENTE' : null,
          }}
        />
      )}
      {radar?.data?.radar && (
        <RadarTable
          cells={cells}
          selected={selected ? cellKey(selected) : null}
          onSelect={setSelected}
          filterRegio={filterRegio}
          onFilterRegio={setFilterRegio}
          regios={regios}
        />
      )}
    </>
  );
}
