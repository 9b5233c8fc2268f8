import { useMemo, useState } from 'react';
import { AnswerNotices } from '../components/AnswerNotices.tsx';
import { CsvDownload } from '../components/CsvDownload.tsx';
import { dutchDate, plusMonths } from '../components/dates.ts';
import { ConnectionPager, usePages } from '../components/Pager.tsx';
import type { KeuzesData } from '../graph/types.ts';
import {
  SECTOREN,
  type HernieuwingenData,
  type ProspectenData,
  type ReferentiedatumData,
  type Sector,
} from '../graph/types-pages.ts';
import { useAsk } from '../graph/use-ask.ts';
import { callerOf, useToken } from '../session.ts';
import { PROVINCIE_NAMEN } from '../components/Keuzes.tsx';

const PER_PAGE = 50;
/** The roles this page is for: a partner sees its own sector, an analist and a beheerder every sector. */
const ROLES = new Set(['partner', 'analist', 'beheerder']);

/**
 * Hernieuwingen: the erkenningen that expire in the coming months, and the
 * companies of a sector without its erkenning (prospects). Nothing is asked for
 * a caller this page is not for.
 */
export function HernieuwingenPage() {
  const caller = callerOf(useToken());
  const allowed = caller !== null && ROLES.has(caller.rol);
  const ownSector = caller?.rol === 'partner' ? ((caller.sector ?? null) as Sector | null) : null;
  if (!allowed)
    return (
      <>
        <h1>Hernieuwingen</h1>
        <p className="melding">
          Deze pagina is voor een partner (de eigen sector), een analist en een beheerder.{' '}
          <a href="#/aanmelden">Meld u aan</a> om de erkenningen te zien die binnenkort vervallen.
        </p>
      </>
    );
  return <Renewals ownSector={ownSector} />;
}

function Renewals({ ownSector }: { readonly ownSector: Sector | null }) {
  const referentie = useAsk<ReferentiedatumData>('Referentiedatum', {});
  const keuzes = useAsk<KeuzesData>('Keuzes', {});
  const [maanden, setMaanden] = useState(6);
  const [chosenSector, setChosenSector] = useState<Sector | ''>('');
  const [regioCode, setRegioCode] = useState('');
  const sector = ownSector ?? chosenSector;
  const vanaf = referentie.answer?.data?.referentiedatum ?? null;
  const tot = vanaf ? plusMonths(vanaf, maanden) : null;
  const filter = {
    sector: sector || null,
    vervaltVanaf: vanaf,
    vervaltTot: tot,
    regioCode: regioCode || null,
  };
  const pages = usePages(JSON.stringify(filter));
  const prospectPages = usePages(`${sector}|${regioCode}`);

  const renewals = useAsk<HernieuwingenData>(
    'Hernieuwingen',
    vanaf && tot ? { ...filter, first: PER_PAGE, after: pages.after } : null,
  );
  const prospects = useAsk<ProspectenData>(
    'Prospecten',
    sector
      ? {
          sectorKandidaat: sector,
          regioCode: regioCode || null,
          first: PER_PAGE,
          after: prospectPages.after,
        }
      : null,
  );
  const regios = useMemo(
    () =>
      [...(keuzes.answer?.data?.regios ?? [])].sort(
        (a, b) => a.provincie.localeCompare(b.provincie) || a.naam.localeCompare(b.naam, 'nl'),
      ),
    [keuzes.answer],
  );
  const page = renewals.answer?.data?.erkenningen;
  const prospectPage = prospects.answer?.data?.ondernemingen;

  return (
    <>
      <h1>Hernieuwingen</h1>
      <p className="inleiding">
        Erkenningen die vervallen in de komende maanden, gerekend vanaf de referentiedatum van de graaf
        {vanaf ? ` (${dutchDate(vanaf)})` : ''}, en ondernemingen van de sector zonder geldige erkenning.
      </p>
      <form
        className="keuzes"
        aria-label="Keuzes van de hernieuwingen"
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <label>
          Vervalt binnen (maanden)
          <input
            type="number"
            min={1}
            max={24}
            value={maanden}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 24) setMaanden(n);
            }}
          />
        </label>
        {ownSector ? (
          <p className="vast">Sector: {ownSector} (uw sector)</p>
        ) : (
          <label>
            Sector
            <select
              value={chosenSector}
              onChange={(e) => {
                setChosenSector(e.target.value as Sector | '');
              }}
            >
              <option value="">Alle sectoren</option>
              {SECTOREN.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Regio
          <select
            value={regioCode}
            onChange={(e) => {
              setRegioCode(e.target.value);
            }}
          >
            <option value="">Alle regio’s</option>
            {regios.map((r) => (
              <option key={r.code} value={r.code}>
                {r.naam} ({PROVINCIE_NAMEN[r.provincie]})
              </option>
            ))}
          </select>
        </label>
      </form>

      <section aria-labelledby="hernieuwingen-titel">
        <h2 id="hernieuwingen-titel">
          Vervallende erkenningen{tot ? ` tot ${dutchDate(tot)}` : ''}
          {page ? ` (${String(page.totalCount)})` : ''}
        </h2>
        <AnswerNotices wat="De erkenningen" {...renewals} />
        <AnswerNotices wat="De referentiedatum" {...referentie} />
        {vanaf && tot && (
          <CsvDownload
            naam="erkenningen"
            parameters={{ sector, vervaltVanaf: vanaf, vervaltTot: tot, regioCode }}
          />
        )}
        {page && (
          <>
            <div className="tabel-rol" tabIndex={0} role="group" aria-label="Vervallende erkenningen">
              <table className="lijsttabel" id="hernieuwingen">
                <thead>
                  <tr>
                    <th scope="col">Onderneming</th>
                    <th scope="col">Vestiging</th>
                    <th scope="col">Opleiding</th>
                    <th scope="col">Sector</th>
                    <th scope="col">Status</th>
                    <th scope="col">Geldig tot</th>
                    <th scope="col" className="getal">
                      Dagen
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.edges.map(({ node }) => (
                    <tr key={node.id} data-id={node.id} data-sector={node.sector}>
                      <td>
                        {node.onderneming.naam ?? 'Naam onbekend'} ({node.onderneming.ondernemingsnummer})
                      </td>
                      <td>
                        {node.vestiging
                          ? `${node.vestiging.vestigingsnummer}${node.vestiging.adres?.gemeente ? `, ${node.vestiging.adres.gemeente.naam}` : ''}`
                          : 'geen vestiging'}
                      </td>
                      <td>{node.opleiding.naam}</td>
                      <td>{node.sector}</td>
                      <td>{node.status.toLowerCase()}</td>
                      <td>{dutchDate(node.geldigTot)}</td>
                      <td className="getal">{node.dagenTotVerval ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {page.edges.length === 0 && <p>Geen erkenningen die in deze periode vervallen.</p>}
            <ConnectionPager
              label="de vervallende erkenningen"
              pages={pages}
              connection={page}
              perPage={PER_PAGE}
            />
          </>
        )}
      </section>

      <section aria-labelledby="prospecten-titel">
        <h2 id="prospecten-titel">
          Prospecten{sector ? ` voor ${sector}` : ''}
          {prospectPage ? ` (${String(prospectPage.totalCount)})` : ''}
        </h2>
        <p className="hint">
          Actieve ondernemingen waarvan de hoofdactiviteit volgens het ondernemingsregister (KBO) tot de
          sector behoort, zonder geldige erkenning van die sector.
        </p>
        {!sector && <p>Kies een sector om de prospecten te zien.</p>}
        <AnswerNotices wat="De prospecten" {...prospects} />
        {prospectPage && (
          <>
            <CsvDownload
              naam="ondernemingen"
              parameters={{ sectorKandidaat: sector, zonderErkenning: 'true', regioCode }}
              label="Download de prospecten als CSV"
            />
            <div className="tabel-rol" tabIndex={0} role="group" aria-label="Prospecten">
              <table className="lijsttabel" id="prospecten">
                <thead>
                  <tr>
                    <th scope="col">Onderneming</th>
                    <th scope="col">Ondernemingsnummer</th>
                    <th scope="col">Rechtsvorm</th>
                    <th scope="col">Zetel</th>
                    <th scope="col">Hoofdactiviteit (NACE)</th>
                  </tr>
                </thead>
                <tbody>
                  {prospectPage.edges.map(({ node }) => (
                    <tr key={node.ondernemingsnummer}>
                      <td>{node.naam ?? 'Naam onbekend'}</td>
                      <td>{node.ondernemingsnummer}</td>
                      <td>{node.kbo?.rechtsvorm ?? ''}</td>
                      <td>
                        {node.kbo?.zetel
                          ? `${node.kbo.zetel.postcode} ${node.kbo.zetel.gemeente?.naam ?? ''}`
                          : ''}
                      </td>
                      <td>{node.kbo?.hoofdactiviteit?.code ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <ConnectionPager
              label="de prospecten"
              pages={prospectPages}
              connection={prospectPage}
              perPage={PER_PAGE}
            />
          </>
        )}
      </section>
    </>
  );
}
