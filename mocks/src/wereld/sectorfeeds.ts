import { kboMetPunten, vestigingMetPunten } from '@duaal-graph/domein';
import type { ErkenningFeit, ErkenningStatus } from './erkenningsplan.ts';
import { breekControle, kiesVuil, type Behandeling, type PartnerNaam, type Vuil } from './vuil.ts';
import type { Willekeur } from './willekeur.ts';

/**
 * The five sector databanks, each in its own format as ../shared/partners/sectoren.md
 * describes it, with that partner's kinds of dirt.
 */

export interface VoltaErkenning {
  erkenningId: string;
  ondernemingsnummer: string;
  vestigingsnummer: string;
  ondernemingsnaam: string;
  adres: { straat: string; huisnummer: string; postcode: string; gemeente: string; nisCode: string };
  opleidingscodes: string[];
  status: ErkenningStatus;
  geldigVan: string;
  geldigTot: string | null;
  aantalMentoren: number;
  laatstGewijzigd: string;
}

/** One row of Educam's CSV export, by column name. */
export type EducamRij = Record<(typeof EDUCAM_KOLOMMEN)[number], string>;
export const EDUCAM_KOLOMMEN = [
  'erkenning_nr',
  'kbo',
  'vestiging',
  'naam',
  'straat',
  'postcode',
  'gemeente',
  'nis',
  'bk_code',
  'status',
  'van',
  'tot',
  'mentoren',
] as const;

export interface ConstructivLeerwerkplek {
  id: number;
  onderneming: { kbo: string; naam: string };
  vestiging: { nummer: string; adres: { postcode: string; gemeente: string; nis: string } };
  opleiding: { code: string };
  periode: { start: string; einde: string | null };
  schorsing: { van: string; tot: string | null } | null;
  intrekking: { datum: string } | null;
  mentoren: { id: number }[] | null;
}

export interface MtechErkenning {
  id: string;
  kbo: string;
  vestigingseenheid: string;
  vestigingsadres: { postcode: string; gemeente: string };
  opleiding: string;
  status: string;
  start: string;
  einde: string | null;
  mentoren: number;
}

export interface WoodwizeErkenning {
  id: string;
  kbo: string;
  naam: string;
  vestiging: { nr: string; postcode: string; nis: string } | null;
  opleiding: string;
  status: 'erkend' | 'geschorst' | 'ingetrokken';
  van: string;
  tot: string | null;
  mentoren: number;
}

export interface Feed<R> {
  readonly records: R[];
  readonly vuil: Vuil[];
}

type Vuilmaker<R> = (
  record: R,
  w: Willekeur,
) => { veld: string; waarde: string | null; behandeling: Behandeling } | null;

/** Applies the chosen dirt to a feed and writes down every defect it made. */
function bevuil<R, S extends string>(
  w: Willekeur,
  partner: PartnerNaam,
  records: R[],
  graad: number,
  id: (r: R) => string,
  makers: Record<S, Vuilmaker<R>>,
): Vuil[] {
  const vuil: Vuil[] = [];
  const soorten = Object.keys(makers) as S[];
  const gekozen = kiesVuil(w, records.length, graad, soorten);
  const bezet = new Set(gekozen.keys());
  for (const [index, soort] of gekozen) {
    // A kind that does not fit the chosen record (a KBO starting with 1 has no leading zero
    // to lose) moves on to the next clean record; dropping it would break the promise that
    // every kind appears. A maker that declines must leave the record and `w` untouched.
    for (let stap = 0; stap < records.length; stap++) {
      const plek = (index + stap) % records.length;
      if (stap > 0 && bezet.has(plek)) continue;
      const record = records[plek] as R;
      const gevolg = makers[soort](record, w);
      if (gevolg) {
        bezet.add(plek);
        vuil.push({ partner, soort, recordId: id(record), ...gevolg });
        break;
      }
    }
  }
  return vuil;
}

let onbekendeCodeTeller = 0;
function onbekendeOpleidingscode(): string {
  onbekendeCodeTeller += 1;
  return `DS-ONB-${String(onbekendeCodeTeller).padStart(3, '0')}`;
}

function dmy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** The same day a year earlier; 29 February becomes the 28th, so the dirt stays a real date. */
function jaarEerder(iso: string): string {
  const rest = iso.slice(4, 10) === '-02-29' ? `-02-28${iso.slice(10)}` : iso.slice(4);
  return `${Number(iso.slice(0, 4)) - 1}${rest}`;
}

export function voltaFeed(w: Willekeur, plan: readonly ErkenningFeit[], graad: number): Feed<VoltaErkenning> {
  onbekendeCodeTeller = 0;
  const records: VoltaErkenning[] = plan
    .filter((f) => f.sector === 'VOLTA')
    .map((f, i) => ({
      erkenningId: `VOL-${String(i + 1).padStart(6, '0')}`,
      ondernemingsnummer: kboMetPunten(f.onderneming.kbo),
      vestigingsnummer: vestigingMetPunten(f.vestiging.nummer),
      ondernemingsnaam: f.onderneming.naam,
      adres: {
        straat: f.vestiging.straat,
        huisnummer: f.vestiging.huisnummer,
        postcode: f.vestiging.gemeente.postcodes[0] ?? '',
        gemeente: f.vestiging.gemeente.naam,
        nisCode: f.vestiging.gemeente.nisCode,
      },
      opleidingscodes: [...f.opleidingscodes],
      status: f.status,
      geldigVan: f.geldigVan,
      geldigTot: f.geldigTot,
      aantalMentoren: f.mentoren,
      laatstGewijzigd: f.laatstGewijzigd,
    }));
  const duplicaten: VoltaErkenning[] = [];
  const vuil = bevuil(w, 'volta', records, graad, (r) => r.erkenningId, {
    KBO_CONTROLE: (r) => {
      r.ondernemingsnummer = kboMetPunten(breekControle(r.ondernemingsnummer.replace(/\./g, '')));
      return { veld: 'ondernemingsnummer', waarde: r.ondernemingsnummer, behandeling: 'AFKEUREN' };
    },
    VESTIGING_CONTROLE: (r) => {
      r.vestigingsnummer = vestigingMetPunten(breekControle(r.vestigingsnummer.replace(/\./g, '')));
      return { veld: 'vestigingsnummer', waarde: r.vestigingsnummer, behandeling: 'AFKEUREN' };
    },
    ONBEKENDE_OPLEIDING: (r) => {
      const code = onbekendeOpleidingscode();
      r.opleidingscodes.push(code);
      return { veld: 'opleidingscodes', waarde: code, behandeling: 'AFKEUREN' };
    },
    TOT_VOOR_VAN: (r) => {
      r.geldigTot = jaarEerder(r.geldigVan);
      return { veld: 'geldigTot', waarde: r.geldigTot, behandeling: 'AFKEUREN' };
    },
    ONLEESBARE_DATUM: (r) => {
      r.geldigVan = dmy(r.geldigVan);
      return { veld: 'geldigVan', waarde: r.geldigVan, behandeling: 'AFKEUREN' };
    },
    DUBBEL_ID: (r) => {
      // An older copy of the same record, with other values, that a reader must not prefer.
      const ouder: VoltaErkenning = {
        ...r,
        opleidingscodes: [...r.opleidingscodes],
        status: r.status === 'ERKEND' ? 'GESCHORST' : 'ERKEND',
        aantalMentoren: r.aantalMentoren + 1,
        laatstGewijzigd: `${jaarEerder(r.laatstGewijzigd.slice(0, 10))}${r.laatstGewijzigd.slice(10)}`,
      };
      duplicaten.push(ouder);
      return { veld: 'erkenningId', waarde: r.erkenningId, behandeling: 'BEHOUDEN' };
    },
  });
  // The older copies sit further on in the feed, on another page for any feed over one page.
  for (const ouder of duplicaten) {
    const positie = Math.min(
      records.length,
      records.findIndex((r) => r.erkenningId === ouder.erkenningId) + 501,
    );
    records.splice(positie, 0, ouder);
  }
  return { records, vuil };
}

const EDUCAM_STATUS: Record<ErkenningStatus, string> = { ERKEND: 'E', GESCHORST: 'S', INGETROKKEN: 'I' };

export function educamFeed(w: Willekeur, plan: readonly ErkenningFeit[], graad: number): Feed<EducamRij> {
  const records: EducamRij[] = plan
    .filter((f) => f.sector === 'EDUCAM')
    .map((f, i) => ({
      erkenning_nr: `ED-${String(100000 + i * 7)}`,
      kbo: `BE${f.onderneming.kbo}`,
      vestiging: f.vestiging.nummer,
      naam: f.onderneming.naam,
      straat: `${f.vestiging.straat} ${f.vestiging.huisnummer}`,
      postcode: f.vestiging.gemeente.postcodes[0] ?? '',
      gemeente: f.vestiging.gemeente.naam,
      nis: f.vestiging.gemeente.nisCode,
      bk_code: f.bkCode ?? '',
      status: EDUCAM_STATUS[f.status],
      van: dmy(f.geldigVan),
      tot: f.geldigTot ? dmy(f.geldigTot) : '',
      mentoren: String(f.mentoren),
    }));
  const vuil = bevuil(w, 'educam', records, graad, (r) => r.erkenning_nr, {
    KBO_ZONDER_VOORLOOPNUL: (r) => {
      if (!r.kbo.startsWith('BE0')) return null;
      r.kbo = `BE${r.kbo.slice(3)}`;
      return { veld: 'kbo', waarde: r.kbo, behandeling: 'HERSTELLEN' };
    },
    KBO_CONTROLE: (r) => {
      r.kbo = `BE${breekControle(r.kbo.slice(2))}`;
      return { veld: 'kbo', waarde: r.kbo, behandeling: 'AFKEUREN' };
    },
    ONBEKENDE_BK: (r) => {
      r.bk_code = `BK-9${String(w.geheel(100, 999))}-4`;
      return { veld: 'bk_code', waarde: r.bk_code, behandeling: 'AFKEUREN' };
    },
    TOT_VOOR_VAN: (r) => {
      const van = r.van;
      r.tot = `${van.startsWith('29/02/') ? '28/02/' : van.slice(0, 6)}${Number(van.slice(6)) - 1}`;
      return { veld: 'tot', waarde: r.tot, behandeling: 'AFKEUREN' };
    },
    PUNTKOMMA_IN_NAAM: (r) => {
      r.naam = `${r.naam}; "Zonen"`;
      return { veld: 'naam', waarde: r.naam, behandeling: 'PARSEERVAL' };
    },
  });
  return { records, vuil };
}

export function constructivFeed(
  w: Willekeur,
  plan: readonly ErkenningFeit[],
  graad: number,
): Feed<ConstructivLeerwerkplek> {
  let mentorId = 90;
  let id = 4000;
  const records: ConstructivLeerwerkplek[] = plan
    .filter((f) => f.sector === 'CONSTRUCTIV')
    .map((f) => ({
      id: (id += w.geheel(1, 9)),
      onderneming: { kbo: f.onderneming.kbo, naam: f.onderneming.naam },
      vestiging: {
        nummer: f.vestiging.nummer,
        adres: {
          postcode: f.vestiging.gemeente.postcodes[0] ?? '',
          gemeente: f.vestiging.gemeente.naam,
          nis: f.vestiging.gemeente.nisCode,
        },
      },
      opleiding: { code: f.opleidingscodes[0] ?? '' },
      periode: { start: f.geldigVan, einde: f.geldigTot },
      schorsing: f.schorsing,
      intrekking: f.intrekking,
      mentoren: Array.from({ length: f.mentoren }, () => ({ id: (mentorId += 1) })),
    }));
  const vuil = bevuil(w, 'constructiv', records, graad, (r) => String(r.id), {
    MENTOREN_NULL: (r) => {
      r.mentoren = null;
      return { veld: 'mentoren', waarde: null, behandeling: 'BEHOUDEN' };
    },
    KBO_CONTROLE: (r) => {
      r.onderneming.kbo = breekControle(r.onderneming.kbo);
      return { veld: 'onderneming.kbo', waarde: r.onderneming.kbo, behandeling: 'AFKEUREN' };
    },
    ONBEKENDE_OPLEIDING: (r) => {
      r.opleiding.code = onbekendeOpleidingscode();
      return { veld: 'opleiding.code', waarde: r.opleiding.code, behandeling: 'AFKEUREN' };
    },
    EINDE_VOOR_START: (r) => {
      r.periode.einde = jaarEerder(r.periode.start);
      return { veld: 'periode.einde', waarde: r.periode.einde, behandeling: 'AFKEUREN' };
    },
  });
  return { records, vuil };
}

const MTECH_STATUS: Record<ErkenningStatus, string> = {
  ERKEND: 'actief',
  GESCHORST: 'geschorst',
  INGETROKKEN: 'ingetrokken',
};

export function mtechFeed(w: Willekeur, plan: readonly ErkenningFeit[], graad: number): Feed<MtechErkenning> {
  const records: MtechErkenning[] = plan
    .filter((f) => f.sector === 'MTECH')
    .map((f) => ({
      id: w.uuid(),
      kbo: f.onderneming.kbo,
      vestigingseenheid: f.vestiging.nummer,
      vestigingsadres: {
        postcode: f.vestiging.gemeente.postcodes[0] ?? '',
        gemeente: f.vestiging.gemeente.naam,
      },
      opleiding: f.opleidingscodes[0] ?? '',
      status: MTECH_STATUS[f.status],
      start: f.geldigVan,
      einde: f.geldigTot,
      mentoren: f.mentoren,
    }));
  const vuil = bevuil(w, 'mtech', records, graad, (r) => r.id, {
    STATUS_HOOFDLETTERS: (r) => {
      // The contract's example is `ACTIEF`: the case trap matters most on the status that counts.
      if (r.status !== 'actief') return null;
      r.status = r.status.toUpperCase();
      return { veld: 'status', waarde: r.status, behandeling: 'BEHOUDEN' };
    },
    KBO_CONTROLE: (r) => {
      r.kbo = breekControle(r.kbo);
      return { veld: 'kbo', waarde: r.kbo, behandeling: 'AFKEUREN' };
    },
    ONBEKENDE_OPLEIDING: (r) => {
      r.opleiding = onbekendeOpleidingscode();
      return { veld: 'opleiding', waarde: r.opleiding, behandeling: 'AFKEUREN' };
    },
    ONLEESBARE_DATUM: (r) => {
      r.start = dmy(r.start);
      return { veld: 'start', waarde: r.start, behandeling: 'AFKEUREN' };
    },
  });
  return { records, vuil };
}

const WOODWIZE_STATUS = { ERKEND: 'erkend', GESCHORST: 'geschorst', INGETROKKEN: 'ingetrokken' } as const;

export function woodwizeFeed(
  w: Willekeur,
  plan: readonly ErkenningFeit[],
  graad: number,
): Feed<WoodwizeErkenning> {
  const records: WoodwizeErkenning[] = plan
    .filter((f) => f.sector === 'WOODWIZE')
    .map((f, i) => ({
      id: `WW-${i + 1}`,
      kbo: kboMetPunten(f.onderneming.kbo),
      naam: f.onderneming.naam,
      vestiging: {
        nr: vestigingMetPunten(f.vestiging.nummer),
        postcode: f.vestiging.gemeente.postcodes[0] ?? '',
        nis: f.vestiging.gemeente.nisCode,
      },
      opleiding: f.opleidingscodes[0] ?? '',
      status: WOODWIZE_STATUS[f.status],
      van: f.geldigVan,
      tot: f.geldigTot,
      mentoren: f.mentoren,
    }));
  const vuil = bevuil(w, 'woodwize', records, graad, (r) => r.id, {
    VESTIGING_ONTBREEKT: (r) => {
      r.vestiging = null;
      return { veld: 'vestiging', waarde: null, behandeling: 'BEHOUDEN' };
    },
    KBO_CONTROLE: (r) => {
      r.kbo = kboMetPunten(breekControle(r.kbo.replace(/\./g, '')));
      return { veld: 'kbo', waarde: r.kbo, behandeling: 'AFKEUREN' };
    },
    ONBEKENDE_OPLEIDING: (r) => {
      r.opleiding = onbekendeOpleidingscode();
      return { veld: 'opleiding', waarde: r.opleiding, behandeling: 'AFKEUREN' };
    },
    TOT_VOOR_VAN: (r) => {
      r.tot = jaarEerder(r.van);
      return { veld: 'tot', waarde: r.tot, behandeling: 'AFKEUREN' };
    },
    XML_ENTITEITEN: (r) => {
      r.naam = `${r.naam.replace(/ & .*$/, '')} & <Zonen> "Hout"`;
      return { veld: 'naam', waarde: r.naam, behandeling: 'PARSEERVAL' };
    },
  });
  return { records, vuil };
}
