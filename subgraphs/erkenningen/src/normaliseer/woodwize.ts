import type { WoodwizeErkenning } from '../bronnen/woodwize.ts';
import type { Erkenning, Genormaliseerd, SectorLezing } from '../model.ts';
import {
  bekendeOpleidingen,
  controleerPeriode,
  eindDatum,
  erkenningenUit,
  isoDatum,
  naamUit,
  ondernemingsnummer,
  plaatsUit,
  statusUit,
  vestigingsnummer,
  type NormContext,
  type Oordeel,
} from './regels.ts';
import { normaliseerSector } from './sector.ts';

const STATUS = { erkend: 'ERKEND', geschorst: 'GESCHORST', ingetrokken: 'INGETROKKEN' } as const;

function regels(r: WoodwizeErkenning, o: Oordeel, ctx: NormContext): Erkenning[] {
  const kbo = ondernemingsnummer(o, 'onderneming.kbo', r.kbo);
  // A missing `<vestiging>` keeps the record without one: it then lies nowhere and counts in no region.
  const vestiging = r.vestiging
    ? vestigingsnummer(o, 'vestiging.nr', r.vestiging.nr)
    : vestigingsnummer(o, 'vestiging', null);
  const van = isoDatum(o, 'geldig.van', r.van);
  const tot = eindDatum(o, 'geldig.tot', r.tot, isoDatum);
  controleerPeriode(o, van, tot, 'geldig.tot', r.tot);
  const status = statusUit(o, 'status', r.status.trim(), STATUS);
  const codes = bekendeOpleidingen(o, ctx, 'opleiding.code', [r.opleiding]);
  if (o.afgekeurd || kbo === null || van === null || status === null) return [];
  const basis = {
    ondernemingsnummer: kbo,
    naam: naamUit(r.naam),
    vestigingsnummer: vestiging,
    plaats:
      vestiging && r.vestiging
        ? plaatsUit(o, ctx, { postcode: r.vestiging.postcode, nisCode: r.vestiging.nis })
        : null,
    status,
    geldigVan: van,
    geldigTot: tot,
    aantalMentoren: r.mentoren === null || r.mentoren === undefined ? null : Number(r.mentoren),
  };
  return erkenningenUit(o, basis, codes, false);
}

export function normaliseerWoodwize(
  lezing: SectorLezing<WoodwizeErkenning>,
  ctx: NormContext,
): Genormaliseerd {
  return normaliseerSector(
    'WOODWIZE',
    lezing,
    (r) => r.id,
    (r, o) => regels(r, o, ctx),
  );
}
