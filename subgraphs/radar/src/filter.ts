import type { Provincie } from '@duaal-graph/domein';
import { graphError } from '@duaal-graph/subgraph-toolkit';
import type { RadarSchaal } from './cellen.ts';
import type { RadarMaat, Signaal } from './signalen.ts';

/**
 * The signals of a radar's cells depend on counts that other subgraphs own, so
 * the radar cannot filter on them by itself: it asks the graph (the gateway) the
 * same radar without the signal filter, as the public asks it, and keeps the
 * cells whose answer matches. The gateway's response cache makes that inner,
 * unfiltered question cheap when it is asked again (every signal of the same
 * radar is the same inner question). Signals are those the graph shows: raised
 * on known measures only, so a cell whose owner is down raises no signal that
 * needs it.
 */

/** What the graph says of one cell's signals. */
export interface CelSignalen {
  readonly regioCode: string;
  readonly witteVlek: boolean;
  readonly signalen: readonly Signaal[];
  readonly onbekend: readonly RadarMaat[];
}

/** One radar question without its signal fields; the other fields narrow the inner question. */
export interface SignaalVraag {
  readonly provincie: Provincie;
  readonly niveau: string | null;
  readonly per: RadarSchaal;
  readonly regioCode: string | null;
  readonly nisCode: string | null;
  readonly opleidingscode: string | null;
  /** The date of a stored measurement (`radar(op:)`), passed on when the radar answers for one. */
  readonly op?: string | null;
}

/** The graph's answer for the cells of a question, by cell id; errors that cost some cells are listed. */
export interface SignalenAntwoord {
  readonly cellen: ReadonlyMap<string, CelSignalen>;
  /** The codes of the errors in the inner answer (an owner that could not answer): its signals may be missing. */
  readonly fouten: readonly string[];
}

/** The one hook that gets the cells' signals: the graph in production, anything that answers alike in a test. */
export type SignalenLezer = (vraag: SignaalVraag) => Promise<SignalenAntwoord>;

export interface SignaalFilter {
  readonly signaal?: Signaal | null;
  readonly alleenWitteVlekken?: boolean | null;
}

/** Whether a filter asks anything of the signals; `alleenWitteVlekken: false` asks nothing. */
export function vraagtSignalen(filter: SignaalFilter | null | undefined): boolean {
  return !!filter && ((filter.signaal ?? null) !== null || filter.alleenWitteVlekken === true);
}

/** Whether a cell, as the graph shows it, matches the signal fields of a filter. */
export function past(cel: CelSignalen | undefined, filter: SignaalFilter): boolean {
  if (!cel) return false;
  if (filter.alleenWitteVlekken === true && !cel.witteVlek) return false;
  if (filter.signaal && !cel.signalen.includes(filter.signaal)) return false;
  return true;
}

/** The inner question: only what the filter and the totals read, so that every caller shares one cached answer. */
function operatie(metOp: boolean): string {
  const op = metOp ? ', $op: Date' : '';
  return `query RadarSignalen($provincie: Provincie!, $niveau: Niveau, $per: RadarSchaal, $filter: RadarFilter${op}) {
  radar(provincie: $provincie, niveau: $niveau, per: $per, filter: $filter${metOp ? ', op: $op' : ''}) {
    id regioCode witteVlek signalen onbekend
  }
}`;
}

interface Antwoord {
  readonly data?: { readonly radar?: readonly (CelSignalen & { readonly id: string })[] | null } | null;
  readonly errors?: readonly { readonly message: string; readonly extensions?: { readonly code?: string } }[];
}

function onbereikbaar(reden: string, detail: string, fout?: unknown): Error {
  return graphError(
    'PARTNER_UNAVAILABLE',
    `De signalen van de radar konden niet gelezen worden (${reden}): ${detail}.`,
    { reden },
    fout instanceof Error ? fout : undefined,
  );
}

function sleutelVan(vraag: SignaalVraag): string {
  return JSON.stringify([
    vraag.provincie,
    vraag.niveau,
    vraag.per,
    vraag.regioCode,
    vraag.nisCode,
    vraag.opleidingscode,
    vraag.op ?? null,
  ]);
}

/**
 * Reads the cells' signals through the graph at `graafUrl()` (PEILING_GRAAF_URL),
 * as the public reads them. Identical questions under way share one inner
 * question, across requests and callers (the signals are the same for every
 * caller): a map that asks each signal's layer at once costs one radar, not
 * one per layer. Nothing is kept once it is answered; keeping is the gateway's
 * response cache's job, which knows when a source changes.
 */
export function graafSignalenLezer(graafUrl: () => string, timeoutMs: number): SignalenLezer {
  const onderweg = new Map<string, Promise<SignalenAntwoord>>();
  const lees = leesViaGraaf(graafUrl, timeoutMs);
  return (vraag) => {
    const sleutel = sleutelVan(vraag);
    let antwoord = onderweg.get(sleutel);
    if (!antwoord) {
      antwoord = lees(vraag).finally(() => onderweg.delete(sleutel));
      onderweg.set(sleutel, antwoord);
    }
    return antwoord;
  };
}

function leesViaGraaf(graafUrl: () => string, timeoutMs: number): SignalenLezer {
  return async (vraag) => {
    const { regioCode, nisCode, opleidingscode } = vraag;
    const gebied = regioCode !== null || nisCode !== null || opleidingscode !== null;
    const metOp = (vraag.op ?? null) !== null;
    const variables = {
      provincie: vraag.provincie,
      niveau: vraag.niveau,
      per: vraag.per,
      filter: gebied ? { regioCode, nisCode, opleidingscode } : null,
      ...(metOp ? { op: vraag.op } : {}),
    };
    let antwoord: Response;
    try {
      antwoord = await fetch(graafUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
        body: JSON.stringify({ query: operatie(metOp), variables, operationName: 'RadarSignalen' }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (fout) {
      const reden = fout instanceof Error && fout.name === 'TimeoutError' ? 'TIMEOUT' : 'DOWN';
      throw onbereikbaar(reden, 'de graaf antwoordde niet', fout);
    }
    let lijf: Antwoord;
    try {
      lijf = (await antwoord.json()) as Antwoord;
    } catch (fout) {
      throw onbereikbaar('INVALID_RESPONSE', `HTTP ${String(antwoord.status)} zonder JSON`, fout);
    }
    const fouten = (lijf.errors ?? []).map((e) => e.extensions?.code ?? 'ERROR');
    const radar = lijf.data?.radar;
    if (!radar)
      throw onbereikbaar('ERROR', `HTTP ${String(antwoord.status)} zonder radar (${fouten.join(', ')})`);
    return { cellen: new Map(radar.map((c) => [c.id, c])), fouten };
  };
}

/** One inner question per distinct question within a request: the totals of five regio's share one. */
export function eenmaalPerVraag(lezer: SignalenLezer): SignalenLezer {
  const gevraagd = new Map<string, Promise<SignalenAntwoord>>();
  return (vraag) => {
    const sleutel = sleutelVan(vraag);
    let antwoord = gevraagd.get(sleutel);
    if (!antwoord) {
      antwoord = lezer(vraag);
      gevraagd.set(sleutel, antwoord);
    }
    return antwoord;
  };
}

/** The measures a signal reads; ERKENDE_LEERWERKPLEKKEN is left to the totals (a cell's may be unknown for good). */
const SIGNAALMATEN: readonly RadarMaat[] = ['AANBOD', 'VACATURES', 'ZOEKENDE_LERENDEN'];

/** Whether a regio's totals know every measure the signals read; if not, its witte vlekken are not known. */
export function signaalmatenBekend(totaalOnbekend: readonly RadarMaat[]): boolean {
  return !totaalOnbekend.some((m) => m === 'ERKENDE_LEERWERKPLEKKEN' || SIGNAALMATEN.includes(m));
}

/**
 * The witte vlekken of one regio at scale REGIO: its cells that are one, or
 * null when that cannot be known. A cell that raises a signal is one whatever
 * else is unknown (a signal is only raised on known measures); a cell that
 * raises none may only be counted out when the measures its signals read are
 * known. The regio's own totals say whether they are (`onbekendVanTotaal`): an
 * erkenningsbron never read makes them unknown, an opleiding without any
 * erkenningsbron does not (its leerwerkplekken can never be known, and its
 * signals are what they are).
 */
export function witteVlekkenVan(
  antwoord: SignalenAntwoord,
  regioCode: string,
  totaalOnbekend: readonly RadarMaat[],
): number | null {
  if (antwoord.fouten.length > 0 || !signaalmatenBekend(totaalOnbekend)) return null;
  let aantal = 0;
  for (const cel of antwoord.cellen.values()) {
    if (cel.regioCode !== regioCode) continue;
    if (cel.witteVlek) aantal += 1;
    else if (cel.onbekend.some((m) => SIGNAALMATEN.includes(m))) return null;
  }
  return aantal;
}
