import type { Bevinding } from '@duaal-graph/subgraph-toolkit';
import type { VoltaErkenning } from '../bronnen/volta.ts';
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

const STATUS = { ERKEND: 'ERKEND', GESCHORST: 'GESCHORST', INGETROKKEN: 'INGETROKKEN' } as const;

function tijdstip(waarde: string): number {
  const ms = Date.parse(waarde);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/**
 * The same `erkenningId` twice (on different pages): the copy with the later
 * `laatstGewijzigd` holds; each copy set aside is a finding.
 */
export function ontdubbel(records: readonly VoltaErkenning[]): {
  records: VoltaErkenning[];
  dubbel: Bevinding[];
} {
  const perId = new Map<string, VoltaErkenning>();
  const dubbel: Bevinding[] = [];
  for (const r of records) {
    const eerder = perId.get(r.erkenningId);
    if (eerder) {
      dubbel.push({
        bron: 'VOLTA',
        recordId: r.erkenningId,
        veld: 'erkenningId',
        regel: 'DUBBEL_ID',
        waarde: r.erkenningId,
      });
    }
    if (!eerder || tijdstip(r.laatstGewijzigd) > tijdstip(eerder.laatstGewijzigd))
      perId.set(r.erkenningId, r);
  }
  return { records: [...perId.values()], dubbel };
}

function regels(r: VoltaErkenning, o: Oordeel, ctx: NormContext): Erkenning[] {
  const kbo = ondernemingsnummer(o, 'ondernemingsnummer', r.ondernemingsnummer);
  const vestiging = vestigingsnummer(o, 'vestigingsnummer', r.vestigingsnummer);
  const van = isoDatum(o, 'geldigVan', r.geldigVan);
  const tot = eindDatum(o, 'geldigTot', r.geldigTot, isoDatum);
  controleerPeriode(o, van, tot, 'geldigTot', r.geldigTot);
  const status = statusUit(o, 'status', r.status, STATUS);
  // One record, several opleidingen: an unknown code costs only its own erkenning.
  const codes = bekendeOpleidingen(o, ctx, 'opleidingscodes', r.opleidingscodes);
  if (o.afgekeurd || kbo === null || van === null || status === null) return [];
  const adres = r.adres;
  const basis = {
    ondernemingsnummer: kbo,
    naam: naamUit(r.ondernemingsnaam),
    vestigingsnummer: vestiging,
    plaats:
      vestiging && adres
        ? plaatsUit(o, ctx, {
            straatnaam: adres.straat,
            huisnummer: adres.huisnummer,
            postcode: adres.postcode,
            nisCode: adres.nisCode,
          })
        : null,
    status,
    geldigVan: van,
    geldigTot: tot,
    aantalMentoren: r.aantalMentoren ?? null,
  };
  return erkenningenUit(o, basis, codes, new Set(r.opleidingscodes).size > 1);
}

export function normaliseerVolta(lezing: SectorLezing<VoltaErkenning>, ctx: NormContext): Genormaliseerd {
  const { records, dubbel } = ontdubbel(lezing.records);
  return normaliseerSector(
    'VOLTA',
    lezing,
    (r) => r.erkenningId,
    (r, o) => regels(r, o, ctx),
    { records, vooraf: dubbel },
  );
}
