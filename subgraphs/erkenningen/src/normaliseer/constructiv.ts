import type { ConstructivLeerwerkplek } from '../bronnen/constructiv.ts';
import type { Erkenning, ErkenningStatus, Genormaliseerd, SectorLezing } from '../model.ts';
import {
  bekendeOpleidingen,
  controleerPeriode,
  eindDatum,
  erkenningenUit,
  isoDatum,
  naamUit,
  ondernemingsnummer,
  plaatsUit,
  vestigingsnummer,
  type NormContext,
  type Oordeel,
} from './regels.ts';
import { normaliseerSector } from './sector.ts';

/**
 * Constructiv sends no status: it follows on the reference date from the
 * withdrawal (in force on or before it: INGETROKKEN) and else the suspension
 * (covering it: GESCHORST); otherwise ERKEND. Null after an unreadable date rejected the record.
 */
export function constructivStatus(
  r: ConstructivLeerwerkplek,
  o: Oordeel,
  referentiedatum: string,
): ErkenningStatus | null {
  const intrekking = r.intrekking ? isoDatum(o, 'intrekking.datum', r.intrekking.datum) : null;
  const schorsingVan = r.schorsing ? isoDatum(o, 'schorsing.van', r.schorsing.van) : null;
  const schorsingTot = r.schorsing ? eindDatum(o, 'schorsing.tot', r.schorsing.tot, isoDatum) : null;
  if (o.afgekeurd) return null;
  if (intrekking !== null && intrekking <= referentiedatum) return 'INGETROKKEN';
  if (
    schorsingVan !== null &&
    schorsingVan <= referentiedatum &&
    (schorsingTot === null || referentiedatum <= schorsingTot)
  ) {
    return 'GESCHORST';
  }
  return 'ERKEND';
}

function regels(r: ConstructivLeerwerkplek, o: Oordeel, ctx: NormContext): Erkenning[] {
  const kbo = ondernemingsnummer(o, 'onderneming.kbo', r.onderneming.kbo);
  const vestiging = vestigingsnummer(o, 'vestiging.nummer', r.vestiging?.nummer);
  const van = isoDatum(o, 'periode.start', r.periode.start);
  const tot = eindDatum(o, 'periode.einde', r.periode.einde, isoDatum);
  controleerPeriode(o, van, tot, 'periode.einde', r.periode.einde);
  const status = constructivStatus(r, o, ctx.referentiedatum);
  const codes = bekendeOpleidingen(o, ctx, 'opleiding.code', [r.opleiding.code]);
  if (o.afgekeurd || kbo === null || van === null || status === null) return [];
  // `mentoren: null` instead of an empty list: kept, with no mentors.
  if (r.mentoren === null || r.mentoren === undefined) o.meld('mentoren', 'MENTOREN_NULL', null);
  const adres = r.vestiging?.adres;
  const basis = {
    ondernemingsnummer: kbo,
    naam: naamUit(r.onderneming.naam),
    vestigingsnummer: vestiging,
    plaats: vestiging && adres ? plaatsUit(o, ctx, { postcode: adres.postcode, nisCode: adres.nis }) : null,
    status,
    geldigVan: van,
    geldigTot: tot,
    aantalMentoren: r.mentoren?.length ?? 0,
  };
  return erkenningenUit(o, basis, codes, false);
}

export function normaliseerConstructiv(
  lezing: SectorLezing<ConstructivLeerwerkplek>,
  ctx: NormContext,
): Genormaliseerd {
  return normaliseerSector(
    'CONSTRUCTIV',
    lezing,
    (r) => String(r.id),
    (r, o) => regels(r, o, ctx),
  );
}
