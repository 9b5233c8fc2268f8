import type { EducamRij } from '../bronnen/educam.ts';
import type { Erkenning, Genormaliseerd, SectorLezing } from '../model.ts';
import {
  controleerPeriode,
  dmyDatum,
  eindDatum,
  erkenningenUit,
  herstelVoorloopnul,
  naamUit,
  ondernemingsnummer,
  plaatsUit,
  statusUit,
  vestigingsnummer,
  type NormContext,
  type Oordeel,
} from './regels.ts';
import { normaliseerSector } from './sector.ts';

const STATUS = { E: 'ERKEND', S: 'GESCHORST', I: 'INGETROKKEN' } as const;

/** Educam writes street and number in one field (`Kerkstraat 12`); a trailing token that starts with a digit is the number. */
export function splitsStraat(straat: string): { straatnaam: string | null; huisnummer: string | null } {
  const delen = /^(.*\S)\s+(\d\S*)$/.exec(straat.trim());
  if (delen) return { straatnaam: delen[1] ?? null, huisnummer: delen[2] ?? null };
  return { straatnaam: straat.trim() || null, huisnummer: null };
}

function regels(r: EducamRij, o: Oordeel, ctx: NormContext): Erkenning[] {
  const kbo = ondernemingsnummer(o, 'kbo', herstelVoorloopnul(o, 'kbo', r.kbo), r.kbo);
  const vestiging = vestigingsnummer(o, 'vestiging', r.vestiging);
  const van = dmyDatum(o, 'van', r.van);
  const tot = eindDatum(o, 'tot', r.tot, dmyDatum);
  controleerPeriode(o, van, tot, 'tot', r.tot);
  const status = statusUit(o, 'status', r.status, STATUS);
  // A BK code stands for every opleiding of the register that lists it.
  const codes = ctx.register.opleidingenPerBk.get(r.bk_code.trim()) ?? [];
  if (codes.length === 0) o.keurAf('bk_code', 'ONBEKENDE_BK', r.bk_code);
  if (o.afgekeurd || kbo === null || van === null || status === null) return [];
  const basis = {
    ondernemingsnummer: kbo,
    naam: naamUit(r.naam),
    vestigingsnummer: vestiging,
    plaats: vestiging
      ? plaatsUit(o, ctx, { ...splitsStraat(r.straat), postcode: r.postcode, nisCode: r.nis })
      : null,
    status,
    geldigVan: van,
    geldigTot: tot,
    aantalMentoren: r.mentoren === '' ? null : Number(r.mentoren),
  };
  return erkenningenUit(o, basis, codes, codes.length > 1);
}

export function normaliseerEducam(lezing: SectorLezing<EducamRij>, ctx: NormContext): Genormaliseerd {
  return normaliseerSector(
    'EDUCAM',
    lezing,
    (r) => r.erkenning_nr,
    (r, o) => regels(r, o, ctx),
  );
}
