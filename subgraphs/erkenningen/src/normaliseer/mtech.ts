import type { MtechErkenning } from '../bronnen/mtech.ts';
import type { Erkenning, ErkenningStatus, Genormaliseerd, SectorLezing } from '../model.ts';
import {
  bekendeOpleidingen,
  controleerPeriode,
  eindDatum,
  erkenningenUit,
  isoDatum,
  ondernemingsnummer,
  plaatsUit,
  statusUit,
  vestigingsnummer,
  type NormContext,
  type Oordeel,
} from './regels.ts';
import { normaliseerSector } from './sector.ts';

const STATUS: Record<string, ErkenningStatus> = {
  actief: 'ERKEND',
  geschorst: 'GESCHORST',
  ingetrokken: 'INGETROKKEN',
};

/** MTech+ sometimes writes the status in another case (`ACTIEF`): compared case-insensitively and kept, with a finding. */
function mtechStatus(o: Oordeel, waarde: string): ErkenningStatus | null {
  const klein = waarde.trim().toLowerCase();
  const status = statusUit(o, 'status', klein, STATUS);
  if (status !== null && klein !== waarde) o.meld('status', 'STATUS_HOOFDLETTERS', waarde);
  return status;
}

function regels(r: MtechErkenning, o: Oordeel, ctx: NormContext): Erkenning[] {
  const kbo = ondernemingsnummer(o, 'kbo', r.kbo);
  const vestiging = vestigingsnummer(o, 'vestigingseenheid', r.vestigingseenheid);
  const van = isoDatum(o, 'start', r.start);
  const tot = eindDatum(o, 'einde', r.einde, isoDatum);
  controleerPeriode(o, van, tot, 'einde', r.einde);
  const status = mtechStatus(o, r.status);
  const codes = bekendeOpleidingen(o, ctx, 'opleiding', [r.opleiding]);
  if (o.afgekeurd || kbo === null || van === null || status === null) return [];
  const adres = r.vestigingsadres;
  const basis = {
    ondernemingsnummer: kbo,
    // MTech+ sends no company name; another sector may know it.
    naam: null,
    vestigingsnummer: vestiging,
    // A postcode and no NIS code: the glossary's table maps it.
    plaats: vestiging && adres ? plaatsUit(o, ctx, { postcode: adres.postcode }) : null,
    status,
    geldigVan: van,
    geldigTot: tot,
    aantalMentoren: r.mentoren ?? null,
  };
  return erkenningenUit(o, basis, codes, false);
}

export function normaliseerMtech(lezing: SectorLezing<MtechErkenning>, ctx: NormContext): Genormaliseerd {
  return normaliseerSector(
    'MTECH',
    lezing,
    (r) => r.id,
    (r, o) => regels(r, o, ctx),
  );
}
