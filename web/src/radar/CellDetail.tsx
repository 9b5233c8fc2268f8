import { useEffect, useState } from 'react';
import { ask, type GraphAnswer } from '../graph/client.ts';
import { missingData } from '../graph/sources.ts';
import type { RadarCel, RadarCelData } from '../graph/types.ts';
import { MissingDataNotice } from './MissingDataNotice.tsx';
import { SIGNAL_LABELS } from './measures.ts';

interface Props {
  readonly cel: RadarCel;
  readonly onClose: () => void;
}

/** What stands behind a cell's counts: the aanbod, the erkende leerwerkplekken, the vacatures. */
export function CellDetail({ cel, onClose }: Props) {
  const [answer, setAnswer] = useState<GraphAnswer<RadarCelData> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    setAnswer(null);
    setFailure(null);
    ask<RadarCelData>(
      'RadarCel',
      { opleidingscode: cel.opleidingscode, regioCode: cel.regioCode },
      abort.signal,
    )
      .then(setAnswer)
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setFailure(e instanceof Error ? e.message : String(e));
      });
    return () => {
      abort.abort();
    };
  }, [cel.opleidingscode, cel.regioCode]);

  const opleiding = answer?.data?.opleiding;
  return (
    <section
      className="detail"
      aria-labelledby="detail-titel"
      aria-busy={answer === null && failure === null}
    >
      <div className="detail-kop">
        <h2 id="detail-titel" tabIndex={-1}>
          {cel.opleiding.naam} in {cel.regio.naam}
        </h2>
        <button type="button" onClick={onClose}>
          Sluit details
        </button>
      </div>
      <p>
        {cel.witteVlek
          ? `Witte vlek: ${cel.signalen.map((s) => SIGNAL_LABELS[s].toLowerCase()).join(', ')}.`
          : 'Geen witte vlek.'}
        {cel.aantalZoekendeLerenden?.onderdrukt === true &&
          ' Het aantal zoekende lerenden is onderdrukt: het ligt tussen 1 en 4 of zou afleidbaar zijn.'}
        {cel.aantalPlaatsen === null && ' Het aantal plaatsen is onbekend: een aanbieder heeft geen maximum.'}
      </p>
      {failure && <p role="alert">De details konden niet geladen worden: {failure}</p>}
      {answer === null && failure === null && <p role="status">Details laden…</p>}
      {answer && <MissingDataNotice missing={missingData(answer)} />}
      {opleiding && (
        <>
          <h3>Aanbod ({opleiding.aanbod.length})</h3>
          {opleiding.aanbod.length === 0 ? (
            <p>Geen aanbod in deze regio dit schooljaar.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">School</th>
                  <th scope="col">Gemeente</th>
                  <th scope="col">Schooljaar</th>
                  <th scope="col" className="getal">
                    Capaciteit
                  </th>
                  <th scope="col" className="getal">
                    Ingeschreven
                  </th>
                  <th scope="col" className="getal">
                    Vrije plaatsen
                  </th>
                </tr>
              </thead>
              <tbody>
                {opleiding.aanbod.map((a) => (
                  <tr key={`${a.school.instellingsnummer}-${a.gemeente.naam}`}>
                    <td>
                      {a.school.website ? <a href={a.school.website}>{a.school.naam}</a> : a.school.naam}
                    </td>
                    <td>{a.gemeente.naam}</td>
                    <td>{a.schooljaar}</td>
                    <td className="getal">{a.capaciteit ?? 'geen maximum'}</td>
                    <td className="getal">{a.ingeschreven}</td>
                    <td className="getal">{a.vrijePlaatsen ?? 'onbeperkt'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Erkende leerwerkplekken ({opleiding.erkendeLeerwerkplekken?.totalCount ?? 'onbekend'})</h3>
          {opleiding.erkendeLeerwerkplekken === null ? (
            <p>Niet beschikbaar.</p>
          ) : opleiding.erkendeLeerwerkplekken.edges.length === 0 ? (
            <p>Geen erkende leerwerkplekken in deze regio.</p>
          ) : (
            <ul className="lijst">
              {opleiding.erkendeLeerwerkplekken.edges.map(({ node }) => (
                <li key={node.vestigingsnummer}>
                  {node.onderneming.naam ?? 'Naam onbekend'} ({node.onderneming.ondernemingsnummer}),
                  vestiging {node.vestigingsnummer}
                  {node.adres?.gemeente ? `, ${node.adres.gemeente.naam}` : ''}
                </li>
              ))}
            </ul>
          )}
          <h3>Vacatures ({opleiding.vacatures?.totalCount ?? 'onbekend'})</h3>
          {opleiding.vacatures === null ? (
            <p>Niet beschikbaar.</p>
          ) : opleiding.vacatures.edges.length === 0 ? (
            <p>Geen vacatures in deze regio.</p>
          ) : (
            <ul className="lijst">
              {opleiding.vacatures.edges.map(({ node }) => (
                <li key={node.id}>
                  {node.titel}
                  {node.duaal ? ' (duaal)' : ''}, {node.leverancier.naam}
                  {node.gemeente ? `, ${node.gemeente.naam}` : ''}, gepubliceerd{' '}
                  {node.publicatiedatum.slice(0, 10)}
                </li>
              ))}
            </ul>
          )}
          {(opleiding.vacatures?.totalCount ?? 0) > 100 && <p>De eerste 100 vacatures staan hier.</p>}
        </>
      )}
    </section>
  );
}
