import { useState } from 'react';
import { AnswerNotices } from '../components/AnswerNotices.tsx';
import { CsvDownload } from '../components/CsvDownload.tsx';
import { dutchDate } from '../components/dates.ts';
import { GeoAttribution } from '../components/GeoAttribution.tsx';
import type { OndernemingData, OndernemingZoekenData } from '../graph/types-pages.ts';
import { useAsk } from '../graph/use-ask.ts';

/** An ondernemingsnummer in a common notation (0403.170.701, BE0403170701, 403170701): asked directly. */
const NUMMER = /^(BE)?\s*0?\d[\d.\s]{7,12}$/i;

/**
 * Maximaal duaal: find a company by name or number and see what the graph knows
 * of it (KBO, erkenningen), and the opleidingen it could still host
 * (`kandidaatOpleidingen`) with the schools, learners and vacatures within km.
 */
export function MaximaalDuaalPage() {
  const [tekst, setTekst] = useState('');
  const [zoek, setZoek] = useState<string | null>(null);
  const [nummer, setNummer] = useState<string | null>(null);
  const [km, setKm] = useState(20);
  const zoekt = zoek !== null && !NUMMER.test(zoek);
  const lijst = useAsk<OndernemingZoekenData>('OndernemingZoeken', zoekt ? { naamBevat: zoek } : null);
  const gekozen = nummer ?? (zoek !== null && !zoekt ? zoek : null);
  const onderneming = useAsk<OndernemingData>(
    'Onderneming',
    gekozen ? { ondernemingsnummer: gekozen, km } : null,
  );
  const gevonden = lijst.answer?.data?.ondernemingen;
  const o = onderneming.answer?.data?.onderneming;

  return (
    <>
      <h1>Maximaal duaal</h1>
      <p className="inleiding">
        Zoek een onderneming op naam of ondernemingsnummer: wat het ondernemingsregister (KBO) en de sectoren
        over haar zeggen, en haar erkenningen als leerwerkplek.
      </p>
      <form
        className="keuzes"
        role="search"
        aria-label="Zoek een onderneming"
        onSubmit={(e) => {
          e.preventDefault();
          const t = tekst.trim();
          if (t.length < 2) return;
          setNummer(null);
          setZoek(t);
        }}
      >
        <label>
          Naam of ondernemingsnummer
          <input
            value={tekst}
            required
            minLength={2}
            onChange={(e) => {
              setTekst(e.target.value);
            }}
          />
        </label>
        <button type="submit">Zoek</button>
      </form>
      <AnswerNotices wat="De zoekresultaten" {...lijst} />
      {gevonden && (
        <section aria-labelledby="gevonden-titel">
          <h2 id="gevonden-titel">
            {gevonden.totalCount === 0
              ? 'Geen onderneming met erkenningen gevonden'
              : `${String(gevonden.totalCount)} ondernemingen gevonden${gevonden.totalCount > gevonden.edges.length ? ` (de eerste ${String(gevonden.edges.length)})` : ''}`}
          </h2>
          <ul className="lijst" id="gevonden">
            {gevonden.edges.map(({ node }) => (
              <li key={node.ondernemingsnummer}>
                <button
                  type="button"
                  className="link"
                  aria-pressed={gekozen === node.ondernemingsnummer}
                  onClick={() => {
                    setNummer(node.ondernemingsnummer);
                  }}
                >
                  {node.naam ?? 'Naam onbekend'} ({node.ondernemingsnummer})
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <AnswerNotices wat="De onderneming" {...onderneming} />
      {onderneming.answer && gekozen && o === null && !onderneming.answer.errors.length && (
        <p className="melding">Het ondernemingsnummer {gekozen} is onbekend.</p>
      )}
      {o && (
        <section
          aria-labelledby="onderneming-titel"
          className="onderneming"
          data-nummer={o.ondernemingsnummer}
        >
          <h2 id="onderneming-titel">
            {o.naam ?? 'Naam onbekend'} ({o.ondernemingsnummer})
          </h2>
          <dl className="feiten">
            <dt>Erkend als leerwerkplek</dt>
            <dd>{o.isErkend ? 'ja, met minstens één geldige erkenning' : 'nee'}</dd>
            <dt>Naam volgens</dt>
            <dd>{o.naamBron ?? 'geen bron'}</dd>
            {o.kbo ? (
              <>
                <dt>Status in de KBO</dt>
                <dd>{o.kbo.status === 'ACTIEF' ? 'actief' : 'stopgezet'}</dd>
                <dt>Rechtsvorm</dt>
                <dd>{o.kbo.rechtsvorm ?? 'natuurlijk persoon'}</dd>
                <dt>Begonnen op</dt>
                <dd>{o.kbo.startdatum ? dutchDate(o.kbo.startdatum) : 'onbekend'}</dd>
                <dt>Zetel</dt>
                <dd>
                  {o.kbo.zetel
                    ? `${[o.kbo.zetel.straatnaam, o.kbo.zetel.huisnummer].filter(Boolean).join(' ')}, ${o.kbo.zetel.postcode} ${o.kbo.zetel.gemeente?.naam ?? ''}`
                    : 'onbekend'}
                </dd>
                <dt>Hoofdactiviteit (NACE-BEL)</dt>
                <dd>
                  {o.kbo.hoofdactiviteit
                    ? `${o.kbo.hoofdactiviteit.code} (${o.kbo.hoofdactiviteit.versie})`
                    : 'onbekend'}
                </dd>
                <dt>Sectoren volgens haar activiteiten</dt>
                <dd>{o.kbo.sectoren.length ? o.kbo.sectoren.join(', ') : 'geen'}</dd>
              </>
            ) : (
              <>
                <dt>KBO</dt>
                <dd>het ondernemingsregister kent haar niet (of werd nog niet gelezen)</dd>
              </>
            )}
          </dl>
          <h3>Erkenningen ({o.erkenningen.length})</h3>
          {o.erkenningen.length === 0 ? (
            <p>Geen erkenningen die u mag zien.</p>
          ) : (
            <div className="tabel-rol" tabIndex={0} role="group" aria-label="Erkenningen van de onderneming">
              <table className="lijsttabel" id="erkenningen">
                <thead>
                  <tr>
                    <th scope="col">Opleiding</th>
                    <th scope="col">Sector</th>
                    <th scope="col">Status</th>
                    <th scope="col">Geldig</th>
                    <th scope="col">Van</th>
                    <th scope="col">Tot</th>
                    <th scope="col">Vestiging</th>
                  </tr>
                </thead>
                <tbody>
                  {o.erkenningen.map((e) => (
                    <tr key={e.id} data-id={e.id}>
                      <td>{e.opleiding.naam}</td>
                      <td>{e.sector}</td>
                      <td>{e.status.toLowerCase()}</td>
                      <td>{e.geldig ? 'ja' : 'nee'}</td>
                      <td>{dutchDate(e.geldigVan)}</td>
                      <td>{e.geldigTot ? dutchDate(e.geldigTot) : 'open'}</td>
                      <td>
                        {e.vestiging
                          ? `${e.vestiging.vestigingsnummer}${e.vestiging.adres?.gemeente ? `, ${e.vestiging.adres.gemeente.naam}` : ''}`
                          : 'geen'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3>Kandidaat-opleidingen ({o.kandidaatOpleidingen.length})</h3>
          <p className="hint">
            De opleidingen van de sectoren die haar kennen (erkenningen, activiteiten in de KBO) waarvoor ze
            nog geen geldige erkenning heeft, met wat binnen de afstand van haar vestigingen ligt; de meeste
            duale vacatures en zoekende lerenden eerst. Afstanden tussen gemeenten.
          </p>
          <label>
            Afstand (km)
            <input
              type="number"
              min={1}
              max={50}
              value={km}
              onChange={(e) => {
                const waarde = Number(e.target.value);
                if (Number.isInteger(waarde) && waarde >= 1 && waarde <= 50) setKm(waarde);
              }}
            />
          </label>
          {o.kandidaatOpleidingen.length === 0 ? (
            <p>Geen kandidaat-opleidingen.</p>
          ) : (
            <>
              <CsvDownload
                naam="kandidaatOpleidingen"
                parameters={{ ondernemingsnummer: o.ondernemingsnummer, km }}
              />
              <div className="tabel-rol" tabIndex={0} role="group" aria-label="Kandidaat-opleidingen">
                <table className="lijsttabel" id="kandidaten">
                  <thead>
                    <tr>
                      <th scope="col">Opleiding</th>
                      <th scope="col">Sectoren</th>
                      <th scope="col">Duale vacatures</th>
                      <th scope="col">Zoekende lerenden</th>
                      <th scope="col">Knelpunt</th>
                      <th scope="col">Scholen</th>
                      <th scope="col">Dichtste aanbod</th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.kandidaatOpleidingen.map((k) => (
                      <tr key={k.opleiding.code} data-code={k.opleiding.code}>
                        <td>{k.opleiding.naam}</td>
                        <td>{k.sectoren.join(', ')}</td>
                        <td>{k.aantalDualeVacaturesInDeBuurt}</td>
                        <td>
                          {k.aantalZoekendeLerendenInDeBuurt.onderdrukt
                            ? '1 tot 4'
                            : (k.aantalZoekendeLerendenInDeBuurt.waarde ?? 'onbekend')}
                        </td>
                        <td>{k.knelpunt ? 'ja' : 'nee'}</td>
                        <td>{k.aantalScholenInDeBuurt}</td>
                        <td>
                          {k.dichtsteAanbod.length === 0
                            ? 'geen'
                            : k.dichtsteAanbod
                                .map(
                                  (a) =>
                                    `${a.aanbod.school.naam} (${a.aanbod.gemeente.naam}, ${a.afstandKm.toLocaleString('nl-BE')} km)`,
                                )
                                .join('; ')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <GeoAttribution />
            </>
          )}
        </section>
      )}
    </>
  );
}
