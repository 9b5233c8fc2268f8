import { VLAANDEREN, volgendSchooljaar, type Gebied } from '@duaal-graph/domein';
import {
  OnderwijsregisterClient,
  type Aanbod,
  type Bevinding,
  type Instelling,
  type Kwaliteit,
  type RegisterOpleiding,
} from '@duaal-graph/subgraph-toolkit';

/** An aanbod row that passed the rules, with the region of its vestigingsplaats. */
export interface AanbodRij extends Aanbod {
  readonly regioCode: string;
  readonly vrijePlaatsen: number | null;
}

/** The register in memory, indexed for the questions the graph asks of it. */
export interface OnderwijsIndex {
  readonly opleidingen: ReadonlyMap<string, RegisterOpleiding>;
  readonly instellingen: ReadonlyMap<string, Instelling>;
  /** Aanbod per school year, then per opleidingscode. */
  readonly aanbodPerOpleiding: ReadonlyMap<string, ReadonlyMap<string, readonly AanbodRij[]>>;
  /** Aanbod per school year, then per instellingsnummer. */
  readonly aanbodPerSchool: ReadonlyMap<string, ReadonlyMap<string, readonly AanbodRij[]>>;
  readonly kwaliteit: Kwaliteit;
}

export function aanbodId(a: {
  instellingsnummer: string;
  opleidingscode: string;
  schooljaar: string;
  vestigingsplaats: { nisCode: string };
}): string {
  return `${a.instellingsnummer}:${a.opleidingscode}:${a.schooljaar}:${a.vestigingsplaats.nisCode}`;
}

function groepeer<T>(items: readonly T[], sleutel: (t: T) => string): Map<string, T[]> {
  const groepen = new Map<string, T[]>();
  for (const item of items) {
    const k = sleutel(item);
    const lijst = groepen.get(k);
    if (lijst) lijst.push(item);
    else groepen.set(k, [item]);
  }
  return groepen;
}

/**
 * Applies the register's rules (../shared/partners/onderwijsaanbod.md): a row for
 * an opleiding, instelling or municipality the graph does not know is rejected; an
 * overbooked row is kept with no free places; every case is a finding.
 */
export function bouwOnderwijsIndex(
  opleidingen: { records: RegisterOpleiding[]; bevindingen: Bevinding[] },
  instellingen: { records: Instelling[]; bevindingen: Bevinding[] },
  aanbod: { records: Aanbod[]; bevindingen: Bevinding[] },
  gebied: Gebied = VLAANDEREN,
): OnderwijsIndex {
  const bevindingen: Bevinding[] = [
    ...opleidingen.bevindingen,
    ...instellingen.bevindingen,
    ...aanbod.bevindingen,
  ];
  const opleidingPerCode = new Map(opleidingen.records.map((o) => [o.opleidingscode, o]));
  const instellingPerNummer = new Map(instellingen.records.map((i) => [i.instellingsnummer, i]));
  const vindt = (recordId: string, veld: string, regel: string, waarde: string | null) =>
    bevindingen.push({ bron: 'ONDERWIJS', recordId, veld, regel, waarde });

  const rijen: AanbodRij[] = [];
  for (const a of aanbod.records) {
    const id = aanbodId(a);
    const gemeente = gebied.gemeente(a.vestigingsplaats.nisCode);
    if (!opleidingPerCode.has(a.opleidingscode))
      vindt(id, 'opleidingscode', 'ONBEKENDE_OPLEIDING', a.opleidingscode);
    else if (!instellingPerNummer.has(a.instellingsnummer))
      vindt(id, 'instellingsnummer', 'ONBEKENDE_INSTELLING', a.instellingsnummer);
    else if (!gemeente)
      vindt(id, 'vestigingsplaats.nisCode', 'ONBEKENDE_GEMEENTE', a.vestigingsplaats.nisCode);
    else {
      if (a.capaciteit !== null && a.ingeschreven > a.capaciteit)
        vindt(id, 'ingeschreven', 'INGESCHREVEN_BOVEN_CAPACITEIT', String(a.ingeschreven));
      rijen.push({
        ...a,
        regioCode: gemeente.regioCode,
        vrijePlaatsen: a.capaciteit === null ? null : Math.max(0, a.capaciteit - a.ingeschreven),
      });
    }
  }
  const perJaar = groepeer(rijen, (r) => r.schooljaar);
  const aanbodPerOpleiding = new Map(
    [...perJaar].map(([jaar, lijst]) => [jaar, groepeer(lijst, (r) => r.opleidingscode)]),
  );
  const aanbodPerSchool = new Map(
    [...perJaar].map(([jaar, lijst]) => [jaar, groepeer(lijst, (r) => r.instellingsnummer)]),
  );
  const aantalRecords =
    opleidingen.records.length +
    opleidingen.bevindingen.length +
    instellingen.records.length +
    instellingen.bevindingen.length +
    aanbod.records.length +
    aanbod.bevindingen.length;
  const aantalAfgekeurd =
    aantalRecords - opleidingen.records.length - instellingen.records.length - rijen.length;
  return {
    opleidingen: opleidingPerCode,
    instellingen: instellingPerNummer,
    aanbodPerOpleiding,
    aanbodPerSchool,
    kwaliteit: { aantalRecords, aantalAfgekeurd, bevindingen },
  };
}

/** Reads the whole register: opleidingen, instellingen, and the aanbod of this and next school year. */
export async function leesRegister(
  client: OnderwijsregisterClient,
  schooljaar: string,
): Promise<OnderwijsIndex> {
  const [opleidingen, instellingen, dit, volgend] = await Promise.all([
    client.opleidingen(),
    client.instellingen(),
    client.aanbod(schooljaar),
    client.aanbod(volgendSchooljaar(schooljaar)),
  ]);
  return bouwOnderwijsIndex(opleidingen, instellingen, {
    records: [...dit.records, ...volgend.records],
    bevindingen: [...dit.bevindingen, ...volgend.bevindingen],
  });
}
