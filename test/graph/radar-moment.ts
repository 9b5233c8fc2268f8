/**
 * The radar of West-Vlaanderen as the partners' own endpoints give it at one
 * moment: every cell per regio and per gemeente and every regio total, computed
 * here from the mock partners and the glossary (the readers of
 * radar-readings.ts), not from the subgraphs' code. Read it again after a
 * change at a partner, and the two readings are what the graph's history must
 * give for the two measurements.
 */
import { schooljaarVan } from '@duaal-graph/domein';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import { geldigOp, leesAanbod, leesVerwachteErkenningen, REGIOS } from './expectations.ts';
import { leesLerenden } from './kazi-reader.ts';
import {
  aanbodPerGebied,
  actievePlekkenPerGebied,
  distinctPerRegio,
  leesGestarteMatches,
  lerendenPerGebied,
  lerendenPerRegio,
  plekkenPerGebied,
  regioVanNis,
  vacaturesPerGebied,
} from './radar-readings.ts';
import {
  isDuaal,
  leesBeroepenPerOpleiding,
  leesKnelpuntcodes,
  leesVacatures,
  nisVan,
  ref,
} from './vacatures-expectations.ts';

/** The paritaire comités of each sector databank (../shared/domain/GLOSSARY.md). */
export const COMITES = ['149.01', '112', '124', '111', '209', '125', '126'];

export interface Telling {
  readonly waarde: number | null;
  readonly onderdrukt: boolean;
}

/** A cell's counts, signals and unknown measures, as the contract defines them. */
export interface VerwachteCel {
  readonly aantalAanbieders: number | null;
  readonly aantalPlaatsen: number | null;
  readonly aantalErkendeLeerwerkplekken: number | null;
  readonly aantalVacatures: number | null;
  readonly aantalDualeVacatures: number | null;
  readonly knelpunt: boolean | null;
  readonly aantalZoekendeLerenden: Telling | null;
  readonly aantalGestarteLerenden: Telling | null;
  readonly aantalActieveLeerwerkplekken: number | null;
  readonly witteVlek: boolean;
  readonly signalen: readonly string[];
  readonly onbekend: readonly string[];
}

export interface VerwachtTotaal {
  readonly regio: { readonly code: string };
  readonly aantalErkendeLeerwerkplekken: number;
  readonly aantalActieveLeerwerkplekken: number;
  readonly aantalAanbieders: number;
  readonly aantalOpleidingenMetAanbod: number;
  readonly aantalVacatures: number;
  readonly aantalDualeVacatures: number;
  readonly aantalZoekendeLerenden: Telling;
  readonly aantalGestarteLerenden: Telling;
  readonly onbekend: readonly string[];
}

export interface RadarMoment {
  /** Every opleidingscode of the register, sorted. */
  readonly codes: readonly string[];
  /** A cell: `gebied` a regiocode or a NIS code. */
  cel(gebied: string, opleidingscode: string): VerwachteCel;
  totaal(regio: string): VerwachtTotaal;
  /** The output indicators of the provincie from these cells and totals (CONTRACT.md part 2, IndicatorPunt). */
  indicator(): Record<string, unknown>;
}

/** Learners summed over regio's: a suppressed part suppresses the sum, as does a sum of 1 to 4. */
function somTelling(delen: readonly Telling[]): Telling {
  let som = 0;
  for (const d of delen) {
    if (d.onderdrukt) return { waarde: null, onderdrukt: true };
    som += d.waarde ?? 0;
  }
  return som >= 1 && som <= 4 ? { waarde: null, onderdrukt: true } : { waarde: som, onderdrukt: false };
}

/** Reads every partner now and computes the radar of West-Vlaanderen the graph must show. */
export async function leesRadarMoment(basis: string, vdabPerSeconde: number): Promise<RadarMoment> {
  const opleidingen = (await (await fetch(`${basis}/onderwijs/v1/opleidingen`)).json()) as {
    opleidingscode: string;
    paritaireComites: string[];
  }[];
  const codes = opleidingen.map((o) => o.opleidingscode).sort();
  const zonderErkenningsbron = new Set(
    opleidingen
      .filter((o) => !o.paritaireComites.some((pc) => COMITES.includes(pc)))
      .map((o) => o.opleidingscode),
  );
  const [beroepen, knelpunten, lerenden, erkenningen, aanbodRijen, alleVacatures, matches] =
    await Promise.all([
      leesBeroepenPerOpleiding(basis),
      leesKnelpuntcodes(basis, Number(REFERENTIEDATUM.slice(0, 4))),
      leesLerenden(basis),
      leesVerwachteErkenningen(basis, REFERENTIEDATUM),
      leesAanbod(basis, schooljaarVan(REFERENTIEDATUM)),
      leesVacatures(basis, vdabPerSeconde),
      leesGestarteMatches(basis),
    ]);
  const alleBeroepen = new Set([...beroepen.values()].flat());
  const relevant = alleVacatures.filter((v) => alleBeroepen.has(v.functie.beroepsprofiel.code));
  const totaalPlekken = distinctPerRegio(
    erkenningen
      .filter((e) => e.status === 'ERKEND' && geldigOp(e, REFERENTIEDATUM) && e.vestiging)
      .map((e) => [regioVanNis(e.nis), e.vestiging ?? ''] as const),
  );
  const totaalAanbieders = distinctPerRegio(
    aanbodRijen.map((r) => [regioVanNis(r.vestigingsplaats.nisCode), r.instellingsnummer] as const),
  );
  const totaalOpleidingen = distinctPerRegio(
    aanbodRijen.map((r) => [regioVanNis(r.vestigingsplaats.nisCode), r.opleidingscode] as const),
  );
  const totaalVacatures = distinctPerRegio(relevant.map((v) => [regioVanNis(nisVan(v)), ref(v)] as const));
  const totaalDuaal = distinctPerRegio(
    relevant.filter(isDuaal).map((v) => [regioVanNis(nisVan(v)), ref(v)] as const),
  );
  const totaalActief = distinctPerRegio(
    matches.map(
      (m) =>
        [
          regioVanNis(m.vestigingNisCode),
          m.vestigingsnummer ?? `onderneming ${m.ondernemingsnummer}`,
        ] as const,
    ),
  );
  const zoekend = lerendenPerGebied(lerenden, 'ZOEKEND');
  const gestart = lerendenPerGebied(lerenden, 'GESTART');
  const zoekendPerRegio = lerendenPerRegio(lerenden, 'ZOEKEND');
  const gestartPerRegio = lerendenPerRegio(lerenden, 'GESTART');
  const plekken = plekkenPerGebied(erkenningen, REFERENTIEDATUM);
  const aanbod = aanbodPerGebied(aanbodRijen);
  const vacatures = vacaturesPerGebied(alleVacatures, beroepen);
  const actief = actievePlekkenPerGebied(matches);

  const totaal = (regio: string): VerwachtTotaal => ({
    regio: { code: regio },
    aantalErkendeLeerwerkplekken: totaalPlekken.get(regio) ?? 0,
    aantalActieveLeerwerkplekken: totaalActief.get(regio) ?? 0,
    aantalAanbieders: totaalAanbieders.get(regio) ?? 0,
    aantalOpleidingenMetAanbod: totaalOpleidingen.get(regio) ?? 0,
    aantalVacatures: totaalVacatures.get(regio) ?? 0,
    aantalDualeVacatures: totaalDuaal.get(regio) ?? 0,
    aantalZoekendeLerenden: zoekendPerRegio(regio),
    aantalGestarteLerenden: gestartPerRegio(regio),
    onbekend: [],
  });
  const cel = (gebied: string, code: string): VerwachteCel => {
    const sleutel = `${gebied}|${code}`;
    const a = aanbod.get(sleutel) ?? { aanbieders: 0, plaatsen: 0 };
    const v = vacatures.get(sleutel) ?? { totaal: 0, duaal: 0 };
    const knelpunt = (beroepen.get(code) ?? []).some((c) => knelpunten.has(c));
    const p = zonderErkenningsbron.has(code) ? null : (plekken.get(sleutel) ?? 0);
    const z = zoekend(sleutel);
    const signalen = [
      ...(v.totaal > 0 && a.aanbieders === 0 ? ['VRAAG_ZONDER_AANBOD'] : []),
      ...(a.aanbieders > 0 && p === 0 ? ['AANBOD_ZONDER_LEERWERKPLEKKEN'] : []),
      ...((z.onderdrukt || (z.waarde ?? 0) > 0) && p === 0 ? ['LERENDEN_ZONDER_LEERWERKPLEK'] : []),
      ...(knelpunt && a.aanbieders === 0 ? ['KNELPUNT_ZONDER_AANBOD'] : []),
    ];
    return {
      aantalAanbieders: a.aanbieders,
      aantalPlaatsen: a.plaatsen,
      aantalErkendeLeerwerkplekken: p,
      aantalVacatures: v.totaal,
      aantalDualeVacatures: v.duaal,
      knelpunt,
      aantalZoekendeLerenden: z,
      aantalGestarteLerenden: gestart(sleutel),
      aantalActieveLeerwerkplekken: actief.get(sleutel) ?? 0,
      witteVlek: signalen.length > 0,
      signalen,
      onbekend: [
        ...(p === null ? ['ERKENDE_LEERWERKPLEKKEN'] : []),
        ...(a.plaatsen === null ? ['PLAATSEN'] : []),
      ],
    };
  };
  const indicator = () => {
    const cellen = REGIOS.flatMap((r) => codes.map((c) => ({ code: c, ...cel(r, c) })));
    const totalen = REGIOS.map(totaal);
    const knelpuntCellen = cellen.filter((c) => c.knelpunt === true);
    const knelpuntVacatures = knelpuntCellen.reduce((s, c) => s + (c.aantalVacatures ?? 0), 0);
    const metAanbod = knelpuntCellen
      .filter((c) => (c.aantalAanbieders ?? 0) > 0)
      .reduce((s, c) => s + (c.aantalVacatures ?? 0), 0);
    return {
      gereconstrueerd: false,
      aantalErkendeLeerwerkplekken: totalen.reduce((s, t) => s + t.aantalErkendeLeerwerkplekken, 0),
      aantalActieveLeerwerkplekken: totalen.reduce((s, t) => s + t.aantalActieveLeerwerkplekken, 0),
      aantalGestarteLerenden: somTelling(totalen.map((t) => t.aantalGestarteLerenden)),
      aantalOpleidingenMetAanbod: new Set(
        cellen.filter((c) => (c.aantalAanbieders ?? 0) > 0).map((c) => c.code),
      ).size,
      aantalWitteVlekken: cellen.filter((c) => c.witteVlek).length,
      aandeelKnelpuntvacaturesMetDuaalAanbod: knelpuntVacatures === 0 ? null : metAanbod / knelpuntVacatures,
    };
  };
  return { codes, cel, totaal, indicator };
}
