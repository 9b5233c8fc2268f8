import { useMemo, useState } from 'react';
import { BuurtMap, type BuurtPlek } from '../buurt/BuurtMap.tsx';
import { AnswerNotices } from '../components/AnswerNotices.tsx';
import { CsvDownload } from '../components/CsvDownload.tsx';
import { NiveauKeuze, OpleidingKeuze } from '../components/Keuzes.tsx';
import type { InDeBuurtData, Plaats } from '../graph/types-pages.ts';
import type { KeuzesData, Niveau } from '../graph/types.ts';
import { useAsk } from '../graph/use-ask.ts';
import { useRuntimeConfig } from '../runtime-config.ts';

const SOORTEN = {
  AANBOD: 'Aanbod',
  LEERWERKPLEK: 'Erkende leerwerkplek',
  VACATURE: 'Duale vacature',
} as const;

interface Vraag {
  readonly postcode: string;
  readonly km: number;
  readonly opleidingscode: string | null;
  readonly niveau: Niveau | null;
}

interface Rij {
  readonly sleutel: string;
  readonly soort: keyof typeof SOORTEN;
  readonly afstandKm: number;
  readonly opleiding: string;
  readonly wat: string;
  readonly plaats: Plaats | null;
}

/** In de buurt: schools, erkende leerwerkplekken and duale vacatures within a distance of a postcode. */
export function InDeBuurtPage() {
  const config = useRuntimeConfig();
  const keuzes = useAsk<KeuzesData>('Keuzes', {});
  const [postcode, setPostcode] = useState('');
  const [km, setKm] = useState(15);
  const [niveau, setNiveau] = useState<Niveau | ''>('SECUNDAIR');
  const [opleiding, setOpleiding] = useState('');
  const [vraag, setVraag] = useState<Vraag | null>(null);
  const buurt = useAsk<InDeBuurtData>('InDeBuurt', vraag ? { ...vraag } : null);
  const opleidingen = useMemo(
    () =>
      [...(keuzes.answer?.data?.opleidingen ?? [])]
        .filter((o) => niveau === '' || o.niveau === niveau)
        .sort((a, b) => a.naam.localeCompare(b.naam, 'nl')),
    [keuzes.answer, niveau],
  );
  const antwoord = buurt.answer?.data?.inDeBuurt ?? null;
  const rijen = useMemo(() => (antwoord ? rijenVan(antwoord.opleidingen) : []), [antwoord]);
  const plekken = useMemo(() => plekkenVan(rijen), [rijen]);

  return (
    <>
      <h1>In de buurt</h1>
      <p className="inleiding">
        Wat valt er duaal te leren in de buurt? Geef een postcode, een afstand en eventueel een opleiding: u
        krijgt de scholen met aanbod, de erkende leerwerkplekken en de duale vacatures, de dichtste eerst.
      </p>
      <form
        className="keuzes"
        aria-label="Vraag in de buurt"
        onSubmit={(e) => {
          e.preventDefault();
          setVraag({
            postcode: postcode.trim(),
            km,
            opleidingscode: opleiding || null,
            niveau: niveau || null,
          });
        }}
      >
        <label>
          Postcode
          <input
            value={postcode}
            required
            inputMode="numeric"
            autoComplete="postal-code"
            placeholder="8310"
            onChange={(e) => {
              setPostcode(e.target.value);
            }}
          />
        </label>
        <label>
          Afstand (km)
          <input
            type="number"
            min={1}
            max={50}
            value={km}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 50) setKm(n);
            }}
          />
        </label>
        <NiveauKeuze
          value={niveau}
          onChange={(n) => {
            setNiveau(n);
            setOpleiding('');
          }}
        />
        <OpleidingKeuze opleidingen={opleidingen} value={opleiding} onChange={setOpleiding} />
        <button type="submit">Zoek in de buurt</button>
      </form>
      <AnswerNotices wat="In de buurt" {...buurt} />
      {vraag && antwoord && (
        <>
          <CsvDownload
            naam="inDeBuurt"
            parameters={{
              postcode: vraag.postcode,
              km: vraag.km,
              opleidingscode: vraag.opleidingscode,
              niveau: vraag.niveau,
            }}
          />
          <BuurtMap
            vertrek={antwoord.vertrek}
            km={antwoord.km}
            plekken={plekken}
            tileUrl={config?.tegelUrl ?? null}
          />
          <section aria-labelledby="buurt-titel" className="tabel-sectie">
            <h2 id="buurt-titel">
              {antwoord.opleidingen.length} opleidingen binnen {antwoord.km} km van {antwoord.vertrek.naam}
            </h2>
            <p className="hint">
              Afstanden zijn hemelsbreed tussen gemeenten: binnen dezelfde gemeente is de afstand 0 km. Per
              opleiding staan de 20 dichtste leerwerkplekken en duale vacatures hier; de CSV heeft er tot 200.
            </p>
            <div className="tabel-rol" tabIndex={0} role="group" aria-label="Wat er in de buurt ligt">
              <table className="lijsttabel" id="buurt">
                <thead>
                  <tr>
                    <th scope="col" className="getal">
                      Afstand (km)
                    </th>
                    <th scope="col">Soort</th>
                    <th scope="col">Opleiding</th>
                    <th scope="col">Wat</th>
                    <th scope="col">Gemeente</th>
                  </tr>
                </thead>
                <tbody>
                  {rijen.map((r) => (
                    <tr key={r.sleutel} data-soort={r.soort}>
                      <td className="getal">{r.afstandKm.toLocaleString('nl-BE')}</td>
                      <td>{SOORTEN[r.soort]}</td>
                      <td>{r.opleiding}</td>
                      <td>{r.wat}</td>
                      <td>{r.plaats?.naam ?? 'onbekend'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}

function rijenVan(opleidingen: NonNullable<InDeBuurtData['inDeBuurt']>['opleidingen']): Rij[] {
  const rijen: Rij[] = [];
  for (const o of opleidingen) {
    for (const a of o.aanbod)
      rijen.push({
        sleutel: `A|${o.opleiding.code}|${a.aanbod.school.instellingsnummer}|${a.aanbod.gemeente.nisCode}`,
        soort: 'AANBOD',
        afstandKm: a.afstandKm,
        opleiding: o.opleiding.naam,
        wat: `${a.aanbod.school.naam}${a.aanbod.vrijePlaatsen === null ? '' : ` (${String(a.aanbod.vrijePlaatsen)} vrije plaatsen)`}`,
        plaats: a.aanbod.gemeente,
      });
    for (const l of o.erkendeLeerwerkplekken)
      rijen.push({
        sleutel: `L|${o.opleiding.code}|${l.vestiging.vestigingsnummer}`,
        soort: 'LEERWERKPLEK',
        afstandKm: l.afstandKm,
        opleiding: o.opleiding.naam,
        wat: `${l.vestiging.onderneming.naam ?? 'Naam onbekend'}, vestiging ${l.vestiging.vestigingsnummer}`,
        plaats: l.vestiging.adres?.gemeente ?? null,
      });
    for (const v of o.dualeVacatures)
      rijen.push({
        sleutel: `V|${o.opleiding.code}|${v.vacature.id}`,
        soort: 'VACATURE',
        afstandKm: v.afstandKm,
        opleiding: o.opleiding.naam,
        wat: `${v.vacature.titel} (${v.vacature.leverancier.naam})`,
        plaats: v.vacature.gemeente,
      });
  }
  // Nearest first; the graph's own order (per opleiding) breaks ties, as a stable sort keeps it.
  return rijen.sort((a, b) => a.afstandKm - b.afstandKm);
}

function plekkenVan(rijen: readonly Rij[]): BuurtPlek[] {
  const perGemeente = new Map<string, { -readonly [K in keyof BuurtPlek]: BuurtPlek[K] }>();
  for (const r of rijen) {
    if (!r.plaats) continue;
    const plek = perGemeente.get(r.plaats.nisCode) ?? {
      plaats: r.plaats,
      afstandKm: r.afstandKm,
      aanbod: 0,
      leerwerkplekken: 0,
      vacatures: 0,
    };
    if (r.soort === 'AANBOD') plek.aanbod++;
    else if (r.soort === 'LEERWERKPLEK') plek.leerwerkplekken++;
    else plek.vacatures++;
    perGemeente.set(r.plaats.nisCode, plek);
  }
  return [...perGemeente.values()];
}
