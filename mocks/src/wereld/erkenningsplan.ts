import { plusDagen } from '@duaal-graph/domein';
import { OPLEIDINGEN, type CatalogusOpleiding, type Sector } from './catalogus.ts';
import type { Onderneming, Vestiging } from './ondernemingen.ts';
import type { Willekeur } from './willekeur.ts';

export type ErkenningStatus = 'ERKEND' | 'GESCHORST' | 'INGETROKKEN';

/**
 * One erkenning as the sector granted it, before any partner writes it in its own
 * format. Volta groups several opleidingen in one record; Educam names a BK code
 * that may stand for several opleidingen; the others carry one opleiding.
 */
export interface ErkenningFeit {
  readonly sector: Sector;
  readonly onderneming: Onderneming;
  readonly vestiging: Vestiging;
  readonly opleidingscodes: readonly string[];
  readonly bkCode: string | null;
  readonly status: ErkenningStatus;
  readonly geldigVan: string;
  readonly geldigTot: string | null;
  readonly mentoren: number;
  readonly laatstGewijzigd: string;
  /** The suspension period (GESCHORST now, or one that ended or is still to come). */
  readonly schorsing: { van: string; tot: string | null } | null;
  /** The withdrawal (INGETROKKEN now, or announced for a later date). */
  readonly intrekking: { datum: string } | null;
}

const OPLEIDINGEN_PER_SECTOR = new Map<Sector, CatalogusOpleiding[]>();
for (const o of OPLEIDINGEN) {
  if (o.sector) OPLEIDINGEN_PER_SECTOR.set(o.sector, [...(OPLEIDINGEN_PER_SECTOR.get(o.sector) ?? []), o]);
}

/** Opleidingen per BK code: an Educam record names a BK code, which several opleidingen may list. */
export const OPLEIDINGEN_PER_BK = new Map<string, string[]>();
for (const o of OPLEIDINGEN) {
  for (const bk of o.beroepskwalificaties)
    OPLEIDINGEN_PER_BK.set(bk.code, [...(OPLEIDINGEN_PER_BK.get(bk.code) ?? []), o.code]);
}

function opleidingGewicht(o: CatalogusOpleiding): number {
  if (o.niveau === 'HOGER') return 0.5;
  if (o.niveau === 'VOLWASSENENONDERWIJS') return 1;
  return o.graad === 3 ? 4 : 2;
}

function tijdstip(w: Willekeur, datum: string): string {
  return `${datum}T${String(w.geheel(6, 18)).padStart(2, '0')}:${String(w.geheel(0, 59)).padStart(2, '0')}:00Z`;
}

export function genereerErkenningsplan(
  w: Willekeur,
  ondernemingen: readonly Onderneming[],
  referentiedatum: string,
): ErkenningFeit[] {
  const plan: ErkenningFeit[] = [];
  for (const onderneming of ondernemingen) {
    for (const sector of onderneming.sectoren) {
      const kandidaten = OPLEIDINGEN_PER_SECTOR.get(sector) ?? [];
      for (const vestiging of onderneming.vestigingen) {
        const aantal = w.kans(0.35) ? 1 : w.kans(0.55) ? 2 : 3;
        const gekozen: CatalogusOpleiding[] = [];
        while (gekozen.length < aantal) {
          const o = w.gewogen(kandidaten, opleidingGewicht);
          if (!gekozen.includes(o)) gekozen.push(o);
        }
        const groepen: { codes: string[]; bk: string | null }[] =
          sector === 'VOLTA'
            ? [{ codes: gekozen.map((o) => o.code), bk: null }]
            : sector === 'EDUCAM'
              ? [...new Set(gekozen.map((o) => o.beroepskwalificaties[0]?.code ?? ''))].map((bk) => ({
                  codes: OPLEIDINGEN_PER_BK.get(bk) ?? [],
                  bk,
                }))
              : gekozen.map((o) => ({ codes: [o.code], bk: null }));
        for (const groep of groepen)
          plan.push(maakFeit(w, sector, onderneming, vestiging, groep.codes, groep.bk, referentiedatum));
      }
    }
  }
  return plan;
}

function maakFeit(
  w: Willekeur,
  sector: Sector,
  onderneming: Onderneming,
  vestiging: Vestiging,
  opleidingscodes: readonly string[],
  bkCode: string | null,
  r: string,
): ErkenningFeit {
  const geldigVan = w.kans(0.03) ? plusDagen(r, w.geheel(10, 60)) : plusDagen(r, -w.geheel(20, 2200));
  const geldigTot = w.kans(0.12) ? null : plusDagen(plusDagen(geldigVan, 5 * 365 + 1), -1);
  const s = w.getal();
  const status: ErkenningStatus = s < 0.06 ? 'GESCHORST' : s < 0.13 ? 'INGETROKKEN' : 'ERKEND';
  let schorsing: ErkenningFeit['schorsing'] = null;
  let intrekking: ErkenningFeit['intrekking'] = null;
  if (status === 'GESCHORST') {
    schorsing = {
      van: plusDagen(r, -w.geheel(1, 120)),
      tot: w.kans(0.3) ? null : plusDagen(r, w.geheel(1, 180)),
    };
  } else if (status === 'INGETROKKEN') {
    intrekking = { datum: plusDagen(r, -w.geheel(0, 400)) };
  } else if (w.kans(0.05)) {
    schorsing = { van: plusDagen(r, -w.geheel(200, 400)), tot: plusDagen(r, -w.geheel(1, 150)) }; // ended
  } else if (w.kans(0.03)) {
    intrekking = { datum: plusDagen(r, w.geheel(5, 90)) }; // announced, not yet in force
  }
  const wijziging = plusDagen(r, -w.geheel(0, 700));
  return {
    sector,
    onderneming,
    vestiging,
    opleidingscodes,
    bkCode,
    status,
    geldigVan,
    geldigTot,
    mentoren: status === 'ERKEND' ? w.geheel(1, 4) : w.geheel(0, 2),
    laatstGewijzigd: tijdstip(w, wijziging < geldigVan && geldigVan <= r ? geldigVan : wijziging),
    schorsing,
    intrekking,
  };
}
