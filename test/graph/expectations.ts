/**
 * What the graph must answer, computed here from the partners' own endpoints and
 * the contract's rules: an independent reading, not the subgraphs' code.
 */
import {
  constructivStatus,
  educamDatum,
  haal,
  isIsoDatum,
  isOndernemingsnummer,
  isVestigingsnummer,
  jsonVan,
  leesAlleConstructivPaginas,
  leesAlleMtechPaginas,
  leesAlleVoltaPaginas,
  leesAlleWoodwizePaginas,
  leesEducamExport,
  leesRegister,
  leesWestVlaamseGemeenten,
} from '../contract/sector-reader.ts';

export type Status = 'ERKEND' | 'GESCHORST' | 'INGETROKKEN';

export interface VerwachteErkenning {
  readonly sector: 'VOLTA' | 'EDUCAM' | 'CONSTRUCTIV' | 'MTECH' | 'WOODWIZE';
  readonly partnerId: string;
  /** Ten digits. */
  readonly kbo: string;
  /** Ten digits, or null where the record names no vestiging. */
  readonly vestiging: string | null;
  readonly nis: string | null;
  /** The vestiging's postcode as the record gives it; null where it names no vestiging. */
  readonly postcode: string | null;
  /** The company's name as the record gives it, trimmed; null where it gives none. */
  readonly naam: string | null;
  readonly opleidingscode: string;
  readonly status: Status;
  readonly geldigVan: string;
  readonly geldigTot: string | null;
}

const GEMEENTEN = leesWestVlaamseGemeenten();
export const REGIO_VAN_NIS = new Map(GEMEENTEN.map((g) => [g.nis, g.regio]));
const NIS_VAN_POSTCODE = new Map(GEMEENTEN.map((g) => [g.postcode, g.nis]));
export const REGIOS = [...new Set(GEMEENTEN.map((g) => g.regio))].sort();

function kboCijfers(notatie: string, herstelVoorloopnul = false): string | null {
  let cijfers = notatie.replace(/^BE/i, '').replace(/\D/g, '');
  if (herstelVoorloopnul && cijfers.length === 9) cijfers = `0${cijfers}`;
  return cijfers.length === 10 && isOndernemingsnummer(cijfers) ? cijfers : null;
}

function vestigingCijfers(notatie: string): string | null {
  const cijfers = notatie.replace(/\D/g, '');
  return cijfers.length === 10 && isVestigingsnummer(cijfers) ? cijfers : null;
}

function naamVan(waarde: string | null | undefined): string | null {
  return waarde?.trim() || null;
}

function periodeGeldig(van: string | null, tot: string | null): boolean {
  return van !== null && isIsoDatum(van) && (tot === null || (isIsoDatum(tot) && tot >= van));
}

export function geldigOp(e: Pick<VerwachteErkenning, 'geldigVan' | 'geldigTot'>, datum: string): boolean {
  return e.geldigVan <= datum && (e.geldigTot === null || datum <= e.geldigTot);
}

/** Every erkenning the five databanks hold, normalised by the rules of sectoren.md, rejected records left out. */
export async function leesVerwachteErkenningen(
  basis: string,
  referentiedatum: string,
): Promise<VerwachteErkenning[]> {
  const register = await leesRegister(basis);
  const bekend = new Set(register.map((o) => o.opleidingscode));
  const perBk = new Map<string, string[]>();
  for (const o of register)
    for (const bk of o.beroepskwalificaties)
      perBk.set(bk.code, [...(perBk.get(bk.code) ?? []), o.opleidingscode]);
  const uit: VerwachteErkenning[] = [];

  const volta = new Map<string, Awaited<ReturnType<typeof leesAlleVoltaPaginas>>['items'][number]>();
  for (const r of (await leesAlleVoltaPaginas(basis)).items) {
    const eerder = volta.get(r.erkenningId);
    if (!eerder || eerder.laatstGewijzigd < r.laatstGewijzigd) volta.set(r.erkenningId, r);
  }
  for (const r of volta.values()) {
    const kbo = kboCijfers(r.ondernemingsnummer);
    const vestiging = vestigingCijfers(r.vestigingsnummer);
    if (!kbo || !vestiging || !periodeGeldig(r.geldigVan, r.geldigTot)) continue;
    for (const code of r.opleidingscodes.filter((c) => bekend.has(c))) {
      uit.push({
        sector: 'VOLTA',
        partnerId: r.erkenningId,
        kbo,
        vestiging,
        nis: r.adres.nisCode,
        postcode: r.adres.postcode,
        naam: naamVan(r.ondernemingsnaam),
        opleidingscode: code,
        status: r.status as Status,
        geldigVan: r.geldigVan,
        geldigTot: r.geldigTot,
      });
    }
  }

  const educamStatus: Record<string, Status> = { E: 'ERKEND', S: 'GESCHORST', I: 'INGETROKKEN' };
  for (const r of (await leesEducamExport(basis)).rijen) {
    const kbo = kboCijfers(r.kbo, true);
    const vestiging = vestigingCijfers(r.vestiging);
    const van = educamDatum(r.van);
    const tot = r.tot === '' ? null : educamDatum(r.tot);
    const status = educamStatus[r.status];
    if (
      !kbo ||
      !vestiging ||
      !status ||
      (r.tot !== '' && tot === null) ||
      !periodeGeldig(van, tot) ||
      van === null
    )
      continue;
    for (const code of perBk.get(r.bk_code) ?? []) {
      uit.push({
        sector: 'EDUCAM',
        partnerId: r.erkenning_nr,
        kbo,
        vestiging,
        nis: r.nis,
        postcode: r.postcode,
        naam: naamVan(r.naam),
        opleidingscode: code,
        status,
        geldigVan: van,
        geldigTot: tot,
      });
    }
  }

  for (const r of (await leesAlleConstructivPaginas(basis)).items) {
    const kbo = kboCijfers(r.onderneming.kbo);
    const vestiging = vestigingCijfers(r.vestiging.nummer);
    if (
      !kbo ||
      !vestiging ||
      !bekend.has(r.opleiding.code) ||
      !periodeGeldig(r.periode.start, r.periode.einde)
    )
      continue;
    uit.push({
      sector: 'CONSTRUCTIV',
      partnerId: String(r.id),
      kbo,
      vestiging,
      nis: r.vestiging.adres.nis,
      postcode: r.vestiging.adres.postcode,
      naam: naamVan(r.onderneming.naam),
      opleidingscode: r.opleiding.code,
      status: constructivStatus(r, referentiedatum),
      geldigVan: r.periode.start,
      geldigTot: r.periode.einde,
    });
  }

  const mtechStatus: Record<string, Status> = {
    actief: 'ERKEND',
    geschorst: 'GESCHORST',
    ingetrokken: 'INGETROKKEN',
  };
  for (const r of (await leesAlleMtechPaginas(basis)).items) {
    const kbo = kboCijfers(r.kbo);
    const vestiging = vestigingCijfers(r.vestigingseenheid);
    const status = mtechStatus[r.status.toLowerCase()];
    if (!kbo || !vestiging || !status || !bekend.has(r.opleiding) || !periodeGeldig(r.start, r.einde))
      continue;
    uit.push({
      sector: 'MTECH',
      partnerId: r.id,
      kbo,
      vestiging,
      nis: NIS_VAN_POSTCODE.get(r.vestigingsadres.postcode) ?? null,
      postcode: r.vestigingsadres.postcode,
      // MTech+ sends no company name (sectoren.md).
      naam: null,
      opleidingscode: r.opleiding,
      status,
      geldigVan: r.start,
      geldigTot: r.einde,
    });
  }

  for (const r of (await leesAlleWoodwizePaginas(basis)).items) {
    const kbo = kboCijfers(r.kbo);
    const vestiging = r.vestiging ? vestigingCijfers(r.vestiging.nr) : null;
    const status = r.status.toUpperCase() as Status;
    if (!kbo || (r.vestiging && !vestiging) || !bekend.has(r.opleidingscode) || !periodeGeldig(r.van, r.tot))
      continue;
    uit.push({
      sector: 'WOODWIZE',
      partnerId: r.id,
      kbo,
      vestiging,
      nis: r.vestiging?.nis ?? null,
      postcode: r.vestiging?.postcode ?? null,
      naam: naamVan(r.naam),
      opleidingscode: r.opleidingscode,
      status,
      geldigVan: r.van,
      geldigTot: r.tot,
    });
  }
  return uit;
}

/** Distinct vestigingen per region and opleiding with an ERKEND erkenning valid on the date. */
export function erkendeLeerwerkplekken(
  erkenningen: readonly VerwachteErkenning[],
  datum: string,
): Map<string, number> {
  const plekken = new Map<string, Set<string>>();
  for (const e of erkenningen) {
    if (e.status !== 'ERKEND' || !geldigOp(e, datum) || !e.vestiging || !e.nis) continue;
    const regio = REGIO_VAN_NIS.get(e.nis);
    if (!regio) continue;
    const sleutel = `${regio}|${e.opleidingscode}`;
    const set = plekken.get(sleutel) ?? new Set<string>();
    set.add(e.vestiging);
    plekken.set(sleutel, set);
  }
  return new Map([...plekken].map(([k, v]) => [k, v.size]));
}

interface AanbodRij {
  readonly instellingsnummer: string;
  readonly opleidingscode: string;
  readonly vestigingsplaats: { readonly postcode: string; readonly nisCode: string };
  readonly capaciteit: number | null;
  readonly ingeschreven: number;
}

/** The register's aanbod of one school year, every page, rows for unknown opleidingen left out. */
export async function leesAanbod(basis: string, schooljaar: string): Promise<AanbodRij[]> {
  const bekend = new Set((await leesRegister(basis)).map((o) => o.opleidingscode));
  const rijen: AanbodRij[] = [];
  for (let page = 1; ; page++) {
    const pagina = jsonVan(
      await haal(`${basis}/onderwijs/v1/aanbod?schooljaar=${schooljaar}&page=${page}&size=500`),
    ) as {
      items: AanbodRij[];
      totalPages: number;
    };
    rijen.push(...pagina.items.filter((r) => bekend.has(r.opleidingscode)));
    if (page >= pagina.totalPages) break;
  }
  return rijen;
}

/** aantalAanbieders and aantalPlaatsen per region and opleiding, as the contract defines them. */
export function aanbodTellingen(
  rijen: readonly AanbodRij[],
): Map<string, { aanbieders: number; plaatsen: number | null }> {
  const groepen = new Map<string, AanbodRij[]>();
  for (const r of rijen) {
    const regio = REGIO_VAN_NIS.get(r.vestigingsplaats.nisCode);
    if (!regio) continue;
    const sleutel = `${regio}|${r.opleidingscode}`;
    groepen.set(sleutel, [...(groepen.get(sleutel) ?? []), r]);
  }
  return new Map(
    [...groepen].map(([k, lijst]) => [
      k,
      {
        aanbieders: new Set(lijst.map((r) => r.instellingsnummer)).size,
        plaatsen: lijst.some((r) => r.capaciteit === null)
          ? null
          : lijst.reduce((s, r) => s + (r.capaciteit ?? 0), 0),
      },
    ]),
  );
}
