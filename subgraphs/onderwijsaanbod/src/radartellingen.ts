import { celId } from '@duaal-graph/domein';
import type { AanbodRij, OnderwijsIndex } from './onderwijsindex.ts';

export interface CelAanbod {
  readonly aantalAanbieders: number;
  readonly aantalPlaatsen: number | null;
}

const GEEN: CelAanbod = { aantalAanbieders: 0, aantalPlaatsen: 0 };

/** Per index and school year: built once, so a radar of 18,000 cells looks each one up instead of filtering. */
const cache = new WeakMap<OnderwijsIndex, Map<string, ReadonlyMap<string, CelAanbod>>>();

function bouw(index: OnderwijsIndex, schooljaar: string): ReadonlyMap<string, CelAanbod> {
  const rijenPerCel = new Map<string, AanbodRij[]>();
  for (const rijen of index.aanbodPerOpleiding.get(schooljaar)?.values() ?? [])
    for (const a of rijen)
      for (const gebiedscode of [a.regioCode, a.vestigingsplaats.nisCode]) {
        const sleutel = celId({ gebiedscode, opleidingscode: a.opleidingscode });
        const lijst = rijenPerCel.get(sleutel);
        if (lijst) lijst.push(a);
        else rijenPerCel.set(sleutel, [a]);
      }
  return new Map(
    [...rijenPerCel].map(([sleutel, rijen]) => [
      sleutel,
      {
        aantalAanbieders: new Set(rijen.map((a) => a.instellingsnummer)).size,
        aantalPlaatsen: rijen.some((a) => a.capaciteit === null)
          ? null
          : rijen.reduce((som, a) => som + (a.capaciteit ?? 0), 0),
      },
    ]),
  );
}

/** The aanbod counts of a radar cell (`celId`: a regio or a gemeente, and an opleiding) in a school year. */
export function aanbodVanCel(index: OnderwijsIndex, schooljaar: string, id: string): CelAanbod {
  let perJaar = cache.get(index);
  if (!perJaar) {
    perJaar = new Map();
    cache.set(index, perJaar);
  }
  let tellingen = perJaar.get(schooljaar);
  if (!tellingen) {
    tellingen = bouw(index, schooljaar);
    perJaar.set(schooljaar, tellingen);
  }
  return tellingen.get(id) ?? GEEN;
}
