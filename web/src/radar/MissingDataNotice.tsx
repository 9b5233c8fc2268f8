import type { MissingData } from '../graph/sources.ts';

const REASONS: Readonly<Record<string, string>> = {
  TIMEOUT: 'antwoordde niet op tijd',
  DOWN: 'is niet bereikbaar',
  RATE_LIMITED: 'remt de graaf af',
  INVALID_RESPONSE: 'gaf een onleesbaar antwoord',
  ERROR: 'gaf een fout',
  CIRCUIT_OPEN: 'faalde herhaaldelijk en wordt even niet gevraagd',
};

/** Which data an answer lacks, and which comes from an older copy: never an empty map without a word. */
export function MissingDataNotice({ missing }: { readonly missing: readonly MissingData[] }) {
  if (missing.length === 0) return null;
  const unavailable = missing.filter((m) => m.toestand === 'ONBESCHIKBAAR');
  const stale = missing.filter((m) => m.toestand === 'VEROUDERD');
  return (
    <div className="melding" role="alert">
      {unavailable.length > 0 && (
        <>
          <strong>Ontbrekende gegevens.</strong>
          <ul>
            {unavailable.map((m) => (
              <li key={m.bron} data-bron={m.bron}>
                {m.bron} {m.reden ? (REASONS[m.reden] ?? m.reden) : 'is niet beschikbaar'}: {m.wat} ontbreken.
              </li>
            ))}
          </ul>
        </>
      )}
      {stale.length > 0 && (
        <>
          <strong>Verouderde gegevens.</strong>
          <ul>
            {stale.map((m) => (
              <li key={m.bron} data-bron={m.bron}>
                {m.bron}: {m.wat} komen uit een oudere kopie
                {m.bijgewerktOp ? ` (bijgewerkt op ${new Date(m.bijgewerktOp).toLocaleString('nl-BE')})` : ''}
                .
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
