import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leesGemeenten } from './glossary.ts';
import {
  cijfersVan,
  csvVan,
  entiteit,
  haalZip,
  isoVan,
  kbo,
  KOLOMMEN,
  leesLijst,
  leesRegister,
  meta,
  pakUit,
  pasToe,
  perEntiteit,
  registerUitVolledig,
  sectorVanNace,
  TABELLEN,
  type Extract,
  type Register,
  type Rij,
  type Tabel,
} from './kbolezer.ts';
import { REFERENTIEDATUM, startTestMock, type TestMock } from './mock.ts';
import {
  basicAuth,
  cijfers,
  constructivStatus,
  leesAlleConstructivPaginas,
  leesAlleMtechPaginas,
  leesAlleVoltaPaginas,
  leesAlleWoodwizePaginas,
  leesEducamExport,
  mod97Geldig,
} from './sector-reader.ts';
import { VDAB_API, VdabLezer, type Vacature } from './vdab-reader.ts';

/**
 * The KBO Open Data contract (shared/partners/kbo.md), checked over HTTP as an
 * independent consumer would: the list, the zips and their CSV files, the
 * updates applied in order, Range requests, the dirt, the hooks, and the
 * register against every company the other partners mention.
 */

const KBO_NUMMER = /^[01]\d{3}\.\d{3}\.\d{3}$/;
const VESTIGING_NUMMER = /^[2-8]\.\d{3}\.\d{3}\.\d{3}$/;
const DATUM = /^\d{2}-\d{2}-\d{4}$/;
const NAAM = /^KboOpenData_(\d{4})_(\d{4})_(\d{2})_(Full|Update)\.zip$/;

let mock: TestMock;
let lijst: Extract[];
let zips: Map<string, Buffer>;
let register: Register;
let volledig: Register;

beforeAll(async () => {
  // A high VDAB limit keeps the full read of VDAB's werkgevers fast; the limit itself is vdab.e2e.ts's.
  mock = await startTestMock({ vdabLimietPerSeconde: 10_000 });
  ({ lijst, zips, register, volledig } = await leesRegister(mock.url));
});

afterAll(async () => {
  await mock.stop();
});

function zipVan(naam: string): Buffer {
  const zip = zips.get(naam);
  if (!zip) throw new Error(`${naam} niet gelezen`);
  return zip;
}

describe('KBO: Basic auth', () => {
  it.each([
    ['missing', null],
    ['wrong', basicAuth('duaal', 'fout')],
    ['another scheme', 'Bearer kbo-dev'],
  ])(
    'answers 401 with WWW-Authenticate: Basic when the credential is %s, on every route',
    async (_geval, auth) => {
      const eerste = lijst[0];
      if (!eerste) throw new Error('geen extracten');
      for (const pad of ['/extracts', `/extracts/${eerste.naam}`, '/extracts/Onbekend.zip']) {
        const antwoord = await fetch(`${mock.url}/kbo/open-data${pad}`, {
          headers: auth === null ? {} : { authorization: auth },
        });
        await antwoord.arrayBuffer();
        expect({ pad, status: antwoord.status }).toEqual({ pad, status: 401 });
        expect(antwoord.headers.get('www-authenticate') ?? '').toMatch(/^Basic\b/);
      }
    },
  );
});

describe('KBO: the list of extracts', () => {
  it('lists the latest full extract, then every update after it, oldest first, numbers and days following one another', () => {
    expect(lijst[0]?.type).toBe('full');
    expect(lijst.slice(1).every((e) => e.type === 'update')).toBe(true);
    // The monthly full extract and at least a week of daily updates up to the reference date.
    expect(lijst.length).toBeGreaterThanOrEqual(8);
    lijst.forEach((e, i) => {
      expect(Object.keys(e).sort()).toEqual(['bytes', 'extractNumber', 'naam', 'snapshotDate', 'type']);
      const [, nummer, jaar, maand, soort] = NAAM.exec(e.naam) ?? [];
      expect({ naam: e.naam, nummer: Number(nummer), jaarMaand: `${jaar}-${maand}`, soort }).toEqual({
        naam: e.naam,
        nummer: e.extractNumber,
        jaarMaand: e.snapshotDate.slice(0, 7),
        soort: e.type === 'full' ? 'Full' : 'Update',
      });
      const vorige = lijst[i - 1];
      if (vorige) {
        expect(e.extractNumber).toBe(vorige.extractNumber + 1);
        expect(Date.parse(e.snapshotDate) - Date.parse(vorige.snapshotDate)).toBe(86_400_000);
      }
    });
    expect(lijst.at(-1)?.snapshotDate).toBe(REFERENTIEDATUM);
  });

  it('gives every zip with its size in bytes, as application/zip with Accept-Ranges', async () => {
    for (const e of lijst)
      expect({ naam: e.naam, bytes: zipVan(e.naam).length }).toEqual({ naam: e.naam, bytes: e.bytes });
    const antwoord = await kbo(mock.url, `/extracts/${lijst[1]?.naam ?? ''}`);
    await antwoord.arrayBuffer();
    expect(antwoord.headers.get('content-type')).toBe('application/zip');
    expect(antwoord.headers.get('accept-ranges')).toBe('bytes');
  });

  it('answers 404 for an extract it does not have', async () => {
    const antwoord = await kbo(mock.url, '/extracts/KboOpenData_0001_2015_01_Full.zip');
    await antwoord.arrayBuffer();
    expect(antwoord.status).toBe(404);
  });
});

describe('KBO: the full extract', () => {
  let zip: Map<string, string>;
  beforeAll(async () => {
    zip = await pakUit(zipVan(lijst[0]?.naam ?? ''));
  });

  it('holds meta.csv, code.csv and the six tables, each with the header of kbo.md, every value in double quotes', () => {
    expect([...zip.keys()].sort()).toEqual(
      ['meta.csv', 'code.csv', ...TABELLEN.map((t) => `${t}.csv`)].sort(),
    );
    expect(csvVan(zip, 'meta.csv').kop).toEqual(['Variable', 'Value']);
    expect(csvVan(zip, 'code.csv').kop).toEqual(['Category', 'Code', 'Language', 'Description']);
    for (const t of TABELLEN) expect(csvVan(zip, `${t}.csv`).kop).toEqual([...KOLOMMEN[t]]);
    const veld = '"(?:[^"]|"")*"';
    const regel = new RegExp(`^${veld}(,${veld})*$`);
    for (const [bestand, tekst] of zip) {
      const slecht = tekst.split(/\r?\n/).filter((r) => r !== '' && !regel.test(r));
      expect({ bestand, slecht: slecht.slice(0, 3) }).toEqual({ bestand, slecht: [] });
    }
  });

  it('says in meta.csv what it is: SnapshotDate, ExtractTimestamp, ExtractType, ExtractNumber, Version', () => {
    const m = meta(zip);
    expect([...m.keys()].sort()).toEqual([
      'ExtractNumber',
      'ExtractTimestamp',
      'ExtractType',
      'SnapshotDate',
      'Version',
    ]);
    expect(isoVan(m.get('SnapshotDate') ?? '')).toBe(lijst[0]?.snapshotDate);
    expect(m.get('ExtractTimestamp')).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(m.get('ExtractType')).toBe('full');
    expect(Number(m.get('ExtractNumber'))).toBe(lijst[0]?.extractNumber);
  });

  it('writes numbers, dates and codes as kbo.md says, and explains every code in code.csv', () => {
    const codes = new Set(csvVan(zip, 'code.csv').rijen.map((r) => `${r['Category']}:${r['Code']}`));
    const fouten: string[] = [];
    const controle = (tabel: Tabel, rij: Rij, veld: string, geldig: (w: string) => boolean) => {
      if (!geldig(rij[veld] ?? '')) fouten.push(`${tabel}.${veld}: ${JSON.stringify(rij)}`);
    };
    const code = (categorie: string) => (w: string) => codes.has(`${categorie}:${w}`);
    const leegOf = (regel: (w: string) => boolean) => (w: string) => w === '' || regel(w);
    const kboGeldig = (w: string) => KBO_NUMMER.test(w) && mod97Geldig(cijfersVan(w));
    const vestigingGeldig = (w: string) => VESTIGING_NUMMER.test(w) && mod97Geldig(cijfersVan(w));
    const entiteitGeldig = (w: string) => kboGeldig(w) || vestigingGeldig(w);
    for (const r of volledig.enterprise) {
      controle('enterprise', r, 'EnterpriseNumber', kboGeldig);
      controle('enterprise', r, 'Status', (w) => ['AC', 'ST'].includes(w) && code('Status')(w));
      controle('enterprise', r, 'TypeOfEnterprise', (w) => ['1', '2'].includes(w));
      controle('enterprise', r, 'JuridicalSituation', code('JuridicalSituation'));
      controle('enterprise', r, 'JuridicalForm', leegOf(code('JuridicalForm')));
      controle('enterprise', r, 'JuridicalFormCAC', leegOf(code('JuridicalForm')));
      controle('enterprise', r, 'StartDate', (w) => DATUM.test(w));
    }
    for (const r of volledig.establishment) {
      controle('establishment', r, 'EstablishmentNumber', vestigingGeldig);
      controle('establishment', r, 'EnterpriseNumber', kboGeldig);
      controle('establishment', r, 'StartDate', (w) => DATUM.test(w));
    }
    for (const r of volledig.denomination) {
      controle('denomination', r, 'EntityNumber', entiteitGeldig);
      controle('denomination', r, 'Language', (w) => ['0', '1', '2', '3', '4'].includes(w));
      controle('denomination', r, 'TypeOfDenomination', (w) => ['001', '002', '003'].includes(w));
      controle('denomination', r, 'Denomination', (w) => w !== '');
    }
    for (const r of volledig.address) {
      controle('address', r, 'EntityNumber', entiteitGeldig);
      controle(
        'address',
        r,
        'TypeOfAddress',
        (w) => w === (kboGeldig(r['EntityNumber'] ?? '') ? 'REGO' : 'BAET'),
      );
      controle(
        'address',
        r,
        'DateStrikingOff',
        leegOf((w) => DATUM.test(w)),
      );
      controle('address', r, 'CountryNL', (w) => w === '');
    }
    for (const r of volledig.activity) {
      controle('activity', r, 'EntityNumber', entiteitGeldig);
      controle('activity', r, 'NaceVersion', (w) => ['2003', '2008', '2025'].includes(w));
      controle(
        'activity',
        r,
        'NaceCode',
        (w) => /^\d{5}$/.test(w) && code(`Nace${r['NaceVersion'] ?? ''}`)(w),
      );
      controle('activity', r, 'Classification', (w) => ['MAIN', 'SECO', 'ANCI'].includes(w));
      controle('activity', r, 'ActivityGroup', code('ActivityGroup'));
    }
    for (const r of volledig.contact) {
      controle('contact', r, 'EntityNumber', entiteitGeldig);
      controle(
        'contact',
        r,
        'EntityContact',
        (w) => w === (kboGeldig(r['EntityNumber'] ?? '') ? 'ENT' : 'EST'),
      );
      controle('contact', r, 'ContactType', (w) => ['TEL', 'EMAIL', 'WEB'].includes(w));
    }
    expect(fouten.slice(0, 10)).toEqual([]);
  });

  it('holds about 8,000 ondernemingen, each once, each vestigingseenheid belonging to one of them, each with a legal name and one seat', () => {
    const nummers = volledig.enterprise.map((r) => r['EnterpriseNumber'] ?? '');
    expect(new Set(nummers).size).toBe(nummers.length);
    expect(nummers.length).toBeGreaterThan(7000);
    expect(nummers.length).toBeLessThan(9500);
    const ondernemingen = new Set(nummers);
    const vestigingen = new Set(volledig.establishment.map((r) => r['EstablishmentNumber'] ?? ''));
    expect(vestigingen.size).toBe(volledig.establishment.length);
    for (const r of volledig.establishment) expect(ondernemingen.has(r['EnterpriseNumber'] ?? '')).toBe(true);
    for (const t of ['denomination', 'address', 'activity', 'contact'] as const) {
      const wees = volledig[t].filter((r) => {
        const e = r['EntityNumber'] ?? '';
        return !ondernemingen.has(e) && !vestigingen.has(e);
      });
      expect({ t, wees: wees.length }).toEqual({ t, wees: 0 });
    }
    const naam = perEntiteit(
      { ...volledig, denomination: volledig.denomination.filter((d) => d['TypeOfDenomination'] === '001') },
      'denomination',
    );
    const zetel = perEntiteit(
      { ...volledig, address: volledig.address.filter((a) => a['TypeOfAddress'] === 'REGO') },
      'address',
    );
    for (const n of nummers) {
      expect(naam.get(n)?.length, n).toBe(1);
      expect(zetel.get(n)?.length, n).toBe(1);
    }
  });

  it('places every address in a real municipality of the glossary, by postcode and name', () => {
    const gemeenten = new Map(leesGemeenten().map((g) => [g.postcode, g.naam]));
    const fout = volledig.address.filter((a) => gemeenten.get(a['Zipcode'] ?? '') !== a['MunicipalityNL']);
    expect(fout.slice(0, 5)).toEqual([]);
  });
});

describe('KBO: the daily updates', () => {
  it('hold meta.csv and a delete and an insert file per table, with the headers of kbo.md', async () => {
    for (const e of lijst.slice(1)) {
      const zip = await pakUit(zipVan(e.naam));
      expect([...zip.keys()].sort()).toEqual(
        ['meta.csv', ...TABELLEN.flatMap((t) => [`${t}_delete.csv`, `${t}_insert.csv`])].sort(),
      );
      const m = meta(zip);
      expect({
        type: m.get('ExtractType'),
        nummer: Number(m.get('ExtractNumber')),
        datum: isoVan(m.get('SnapshotDate') ?? ''),
      }).toEqual({ type: 'update', nummer: e.extractNumber, datum: e.snapshotDate });
      for (const t of TABELLEN) {
        expect(csvVan(zip, `${t}_delete.csv`).kop).toEqual(['EntityNumber']);
        expect(csvVan(zip, `${t}_insert.csv`).kop).toEqual([...KOLOMMEN[t]]);
      }
    }
  });

  it('start and stop companies, add vestigingseenheden, change names and addresses', () => {
    const status = (r: Register) =>
      new Map(r.enterprise.map((e) => [e['EnterpriseNumber'] ?? '', e['Status'] ?? '']));
    const voor = status(volledig);
    const na = status(register);
    const gestart = [...na.keys()].filter((n) => !voor.has(n));
    const gestopt = [...na].filter(([n, s]) => s === 'ST' && voor.get(n) === 'AC');
    const vestigingenVoor = new Set(volledig.establishment.map((r) => r['EstablishmentNumber']));
    const nieuweVestigingen = register.establishment.filter(
      (r) => !vestigingenVoor.has(r['EstablishmentNumber']) && voor.has(r['EnterpriseNumber'] ?? ''),
    );
    const verschil = (tabel: Tabel, filter: (r: Rij) => boolean) => {
      const a = perEntiteit({ ...volledig, [tabel]: volledig[tabel].filter(filter) }, tabel);
      const b = perEntiteit({ ...register, [tabel]: register[tabel].filter(filter) }, tabel);
      return [...a].filter(([n, rijen]) => b.has(n) && JSON.stringify(b.get(n)) !== JSON.stringify(rijen));
    };
    const nieuweNamen = verschil('denomination', (r) => r['TypeOfDenomination'] === '001');
    const verhuisd = verschil('address', (r) => r['TypeOfAddress'] === 'REGO');
    for (const [soort, aantal] of Object.entries({
      gestart: gestart.length,
      gestopt: gestopt.length,
      nieuweVestigingen: nieuweVestigingen.length,
      nieuweNamen: nieuweNamen.length,
      verhuisd: verhuisd.length,
    }))
      expect({ soort, welEen: aantal > 0 }).toEqual({ soort, welEen: true });
    // A company that started within the updates started on a day they cover.
    for (const n of gestart) {
      const start = isoVan(register.enterprise.find((e) => e['EnterpriseNumber'] === n)?.['StartDate'] ?? '');
      expect(start > (lijst[0]?.snapshotDate ?? '')).toBe(true);
    }
  });
});

describe('KBO: Range requests', () => {
  it('answers 206 with Content-Range and exactly those bytes, for a start-end, an open end and a suffix', async () => {
    const e = lijst[0];
    if (!e) throw new Error('geen extract');
    const heel = zipVan(e.naam);
    const gevallen: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-1999', 1000, 1999],
      [`bytes=${heel.length - 500}-`, heel.length - 500, heel.length - 1],
      ['bytes=-300', heel.length - 300, heel.length - 1],
      [`bytes=${heel.length - 10}-${heel.length + 1000}`, heel.length - 10, heel.length - 1],
    ];
    for (const [range, van, tot] of gevallen) {
      const antwoord = await kbo(mock.url, `/extracts/${e.naam}`, { range });
      const deel = Buffer.from(await antwoord.arrayBuffer());
      expect({ range, status: antwoord.status, bereik: antwoord.headers.get('content-range') }).toEqual({
        range,
        status: 206,
        bereik: `bytes ${van}-${tot}/${heel.length}`,
      });
      expect(deel.equals(heel.subarray(van, tot + 1)), range).toBe(true);
    }
  });

  it('resumes a download: the parts put together are the whole zip', async () => {
    const e = lijst[0];
    if (!e) throw new Error('geen extract');
    const delen: Buffer[] = [];
    const stap = Math.ceil(e.bytes / 3);
    for (let van = 0; van < e.bytes; van += stap) {
      const antwoord = await kbo(mock.url, `/extracts/${e.naam}`, {
        range: `bytes=${van}-${van + stap - 1}`,
      });
      delen.push(Buffer.from(await antwoord.arrayBuffer()));
    }
    expect(Buffer.concat(delen).equals(zipVan(e.naam))).toBe(true);
  });

  it('answers 416 with the size for a range past the end', async () => {
    const e = lijst[1];
    if (!e) throw new Error('geen update');
    const antwoord = await kbo(mock.url, `/extracts/${e.naam}`, { range: `bytes=${e.bytes}-` });
    await antwoord.arrayBuffer();
    expect(antwoord.status).toBe(416);
    expect(antwoord.headers.get('content-range')).toBe(`bytes */${e.bytes}`);
  });
});

/** Every company each other partner mentions, in digits, as their own contracts give them. */
async function vermeldeNummers(basis: string): Promise<Record<string, string[]>> {
  const lezer = new VdabLezer(basis, 10_000);
  const { resultaten } = await lezer.alles<Vacature>(`${VDAB_API}/vacatures/initial`);
  const matches: { ondernemingsnummer: string }[] = [];
  for (const status of ['VOORGESTELD', 'IN_GESPREK', 'OVEREENKOMST', 'GESTART', 'AFGEWEZEN']) {
    for (let page = 1; ; page++) {
      const antwoord = await fetch(`${basis}/kazi/v1/matches?status=${status}&page=${page}&size=200`, {
        headers: { 'x-api-key': 'kazi-dev-key' },
      });
      const body = (await antwoord.json()) as { items: { ondernemingsnummer: string }[]; totalPages: number };
      matches.push(...body.items);
      if (page >= body.totalPages) break;
    }
  }
  return {
    volta: (await leesAlleVoltaPaginas(basis)).items.map((e) => cijfers(e.ondernemingsnummer)),
    // Educam's numbers may have lost their leading zero: kbo.md's reader repairs that, as sectoren.md says.
    educam: (await leesEducamExport(basis)).rijen.map((r) => cijfers(r.kbo).padStart(10, '0')),
    constructiv: (await leesAlleConstructivPaginas(basis, 500)).items.map((p) => cijfers(p.onderneming.kbo)),
    mtech: (await leesAlleMtechPaginas(basis)).items.map((e) => cijfers(e.kbo)),
    woodwize: (await leesAlleWoodwizePaginas(basis)).items.map((e) => cijfers(e.kbo)),
    vdab: resultaten.flatMap((v) => (v.leverancier.kboNummer ? [cijfers(v.leverancier.kboNummer)] : [])),
    kazi: matches.map((m) => m.ondernemingsnummer),
  };
}

describe('KBO: consistent with the other partners', () => {
  let vermeld: Record<string, string[]>;
  let inRegister: Set<string>;
  beforeAll(async () => {
    vermeld = await vermeldeNummers(mock.url);
    inRegister = new Set(register.enterprise.map((e) => cijfersVan(e['EnterpriseNumber'] ?? '')));
  });

  it('holds every company the sector databanks, VDAB and Kazi mention, but for numbers that fail mod 97', () => {
    for (const [partner, nummers] of Object.entries(vermeld)) {
      expect(nummers.length, partner).toBeGreaterThan(0);
      const afwezig = [...new Set(nummers.filter((n) => !inRegister.has(n)))];
      // The dirt of those partners: a KBO number failing its check names no company at all.
      expect({ partner, afwezig: afwezig.filter((n) => mod97Geldig(n)) }).toEqual({ partner, afwezig: [] });
    }
  });

  it('holds as many companies again that no other partner mentions, many with a sector’s NACE code: the prospects', () => {
    const alle = new Set(Object.values(vermeld).flat());
    const alleenRegister = [...inRegister].filter((n) => !alle.has(n));
    expect(alleenRegister.length).toBeGreaterThan(alle.size);
    const hoofd = new Map(
      register.activity
        .filter(
          (a) =>
            a['Classification'] === 'MAIN' &&
            a['NaceVersion'] === '2008' &&
            KBO_NUMMER.test(a['EntityNumber'] ?? ''),
        )
        .map((a) => [cijfersVan(a['EntityNumber'] ?? ''), a['NaceCode'] ?? '']),
    );
    const prospects = alleenRegister.filter((n) => sectorVanNace(hoofd.get(n) ?? '') !== null);
    expect(prospects.length).toBeGreaterThan(0.5 * alle.size);
  });

  it('gives each company of a sector databank a NACE-BEL 2008 code of that sector (kbo.md table)', () => {
    const codes = new Map<string, Set<string>>();
    for (const a of register.activity) {
      if (a['NaceVersion'] !== '2008') continue;
      const sector = sectorVanNace(a['NaceCode'] ?? '');
      const n = cijfersVan(a['EntityNumber'] ?? '');
      if (sector) codes.set(n, new Set([...(codes.get(n) ?? []), sector]));
    }
    for (const sector of ['volta', 'educam', 'constructiv', 'mtech', 'woodwize']) {
      const bedrijven = [...new Set(vermeld[sector] ?? [])].filter((n) => inRegister.has(n));
      const passend = bedrijven.filter((n) => codes.get(n)?.has(sector.toUpperCase()));
      expect({ sector, aandeel: passend.length / bedrijven.length > 0.85 }).toEqual({
        sector,
        aandeel: true,
      });
    }
  });

  it('places the vestigingseenheden Kazi matched where Kazi says they lie', async () => {
    const gemeenten = new Map(leesGemeenten().map((g) => [g.nisCode, g.postcode]));
    const antwoord = await fetch(`${mock.url}/kazi/v1/matches?status=GESTART&size=200`, {
      headers: { 'x-api-key': 'kazi-dev-key' },
    });
    const { items } = (await antwoord.json()) as {
      items: { vestigingsnummer: string | null; vestigingNisCode: string | null }[];
    };
    const adres = new Map(
      register.address
        .filter((a) => a['TypeOfAddress'] === 'BAET')
        .map((a) => [cijfersVan(a['EntityNumber'] ?? ''), a['Zipcode']]),
    );
    let getoetst = 0;
    for (const m of items) {
      if (m.vestigingsnummer === null || m.vestigingNisCode === null) continue;
      getoetst += 1;
      expect(adres.get(m.vestigingsnummer)).toBe(gemeenten.get(m.vestigingNisCode));
    }
    expect(getoetst).toBeGreaterThan(20);
  });
});

interface VuilMelding {
  partner: string;
  soort: string;
  recordId: string;
  veld: string;
  waarde: string | null;
  behandeling: string;
}

async function vuilVan(basis: string): Promise<VuilMelding[]> {
  const antwoord = await fetch(`${basis}/_mock/vuil`);
  return ((await antwoord.json()) as VuilMelding[]).filter((v) => v.partner === 'kbo');
}

/** The dirt kinds of kbo.md, found in a register by reading it, not from the dirt list. */
function vuilInRegister(r: Register, erkend: ReadonlySet<string>): Record<string, Set<string>> {
  const per = (tabel: Tabel, filter: (x: Rij) => boolean) => {
    const groepen = new Map<string, Rij[]>();
    for (const x of r[tabel].filter(filter))
      groepen.set(entiteit(tabel, x), [...(groepen.get(entiteit(tabel, x)) ?? []), x]);
    return groepen;
  };
  const namen = per('denomination', (d) => d['TypeOfDenomination'] === '001');
  const zetels = per('address', (a) => a['TypeOfAddress'] === 'REGO');
  const activiteiten = per('activity', () => true);
  return {
    FRANSE_NAAM: new Set([...namen].filter(([, d]) => d.every((x) => x['Language'] === '1')).map(([n]) => n)),
    ZETEL_DOORGEHAALD: new Set(
      [...zetels].filter(([, a]) => a.every((x) => x['DateStrikingOff'] !== '')).map(([n]) => n),
    ),
    NACE_2003: new Set(
      [...activiteiten]
        .filter(
          ([, a]) => a.some((x) => x['NaceVersion'] === '2003') && a.some((x) => x['NaceVersion'] === '2008'),
        )
        .map(([n]) => n),
    ),
    GESTOPT_MAAR_ERKEND: new Set(
      r.enterprise
        .filter((e) => e['Status'] === 'ST' && erkend.has(cijfersVan(e['EnterpriseNumber'] ?? '')))
        .map((e) => e['EnterpriseNumber'] ?? ''),
    ),
  };
}

/** Companies some sector databank lists with an erkenning that is ERKEND today. */
async function erkendInSectoren(basis: string): Promise<Set<string>> {
  const erkend = new Set<string>();
  // Each databank writes ERKEND its own way (sectoren.md): ERKEND, E, actief, erkend.
  const isErkend = (s: string) => ['ERKEND', 'E', 'ACTIEF'].includes(s.toUpperCase());
  for (const e of (await leesAlleVoltaPaginas(basis)).items)
    if (isErkend(e.status)) erkend.add(cijfers(e.ondernemingsnummer));
  for (const e of (await leesAlleMtechPaginas(basis)).items)
    if (isErkend(e.status)) erkend.add(cijfers(e.kbo));
  for (const e of (await leesAlleWoodwizePaginas(basis)).items)
    if (isErkend(e.status)) erkend.add(cijfers(e.kbo));
  for (const r of (await leesEducamExport(basis)).rijen)
    if (isErkend(r.status)) erkend.add(cijfers(r.kbo).padStart(10, '0'));
  for (const p of (await leesAlleConstructivPaginas(basis, 500)).items)
    if (constructivStatus(p, REFERENTIEDATUM) === 'ERKEND') erkend.add(cijfers(p.onderneming.kbo));
  return erkend;
}

describe('KBO: dirt', () => {
  it('carries every kind kbo.md lists at MOCK_DIRT, where the dirt list says and nowhere else', async () => {
    const gevonden = vuilInRegister(register, await erkendInSectoren(mock.url));
    const lijstVuil = await vuilVan(mock.url);
    for (const [soort, nummers] of Object.entries(gevonden)) {
      const gemeld = new Set(lijstVuil.filter((v) => v.soort === soort).map((v) => v.recordId));
      expect({ soort, aantal: nummers.size > 0 }).toEqual({ soort, aantal: true });
      // Every one the list names is there; a stopped company may also be one a sector lists without it being dirt.
      for (const n of gemeld)
        expect({ soort, n, gevonden: nummers.has(n) }).toEqual({ soort, n, gevonden: true });
      if (soort !== 'GESTOPT_MAAR_ERKEND') expect([...nummers].sort()).toEqual([...gemeld].sort());
    }
  });

  it('carries none at MOCK_DIRT=0', async () => {
    const schoon = await startTestMock({ vuil: 0 });
    try {
      const { register: r } = await leesRegister(schoon.url);
      const gevonden = vuilInRegister(r, await erkendInSectoren(schoon.url));
      for (const [soort, nummers] of Object.entries(gevonden))
        expect({ soort, aantal: nummers.size }).toEqual({ soort, aantal: 0 });
      expect(await vuilVan(schoon.url)).toEqual([]);
    } finally {
      await schoon.stop();
    }
  }, 120_000);
});

describe('KBO: stats and faults', () => {
  it('counts its requests per route template', async () => {
    await fetch(`${mock.url}/_mock/stats/reset`, { method: 'POST' });
    await (await kbo(mock.url, '/extracts')).arrayBuffer();
    await (await kbo(mock.url, `/extracts/${lijst[1]?.naam ?? ''}`)).arrayBuffer();
    const stats = (await (await fetch(`${mock.url}/_mock/stats`)).json()) as Record<
      string,
      { requests: number; routes: Record<string, number> }
    >;
    expect(stats['kbo']).toMatchObject({
      requests: 2,
      routes: { 'GET /kbo/open-data/extracts': 1, 'GET /kbo/open-data/extracts/{naam}': 1 },
    });
  });

  it('cuts a zip off halfway under the truncated fault, and answers as usual after it', async () => {
    const e = lijst[0];
    if (!e) throw new Error('geen extract');
    const zet = await fetch(`${mock.url}/_mock/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ partner: 'kbo', mode: 'truncated' }),
    });
    expect(zet.status).toBe(200);
    try {
      await expect(kbo(mock.url, `/extracts/${e.naam}`).then((a) => a.arrayBuffer())).rejects.toThrow();
    } finally {
      await fetch(`${mock.url}/_mock/faults/kbo`, { method: 'DELETE' });
    }
    expect((await haalZip(mock.url, e.naam)).equals(zipVan(e.naam))).toBe(true);
  });
});

// Last in this file: it publishes new extracts, which the tests above must not see.
describe('KBO: record hooks and new extracts', () => {
  /** A test hook; its answer is read whole, so that no connection is left half-read. */
  async function haak(
    methode: string,
    pad: string,
    body?: unknown,
  ): Promise<{ status: number; tekst: string }> {
    const antwoord = await fetch(`${mock.url}/_mock${pad}`, {
      method: methode,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: antwoord.status, tekst: await antwoord.text() };
  }

  it('lands a change in the next daily update, not before, and a full extract then equals every update applied', async () => {
    const start = { lijst, register };
    const [bestaand] = start.register.enterprise.filter((e) => e['Status'] === 'AC');
    const teVerwijderen = start.register.enterprise.filter((e) => e['Status'] === 'AC')[5];
    if (!bestaand || !teVerwijderen) throw new Error('geen ondernemingen');
    const nummer = bestaand['EnterpriseNumber'] ?? '';
    const nieuwNummer = '0100.000.070';
    expect(start.register.enterprise.some((e) => e['EnterpriseNumber'] === nieuwNummer)).toBe(false);

    // A new company, and a new legal name for an existing one, in the register's own rows.
    const nieuw = {
      enterprise: [
        {
          EnterpriseNumber: nieuwNummer,
          Status: 'AC',
          JuridicalSituation: '000',
          TypeOfEnterprise: '2',
          JuridicalForm: '610',
          JuridicalFormCAC: '',
          StartDate: '01-11-2026',
        },
      ],
      denomination: [
        {
          EntityNumber: nieuwNummer,
          Language: '2',
          TypeOfDenomination: '001',
          Denomination: 'Nieuwe Zaak BV',
        },
      ],
    };
    expect((await haak('POST', '/kbo/records', nieuw)).status).toBe(200);
    const rijen = (t: Tabel) => start.register[t].filter((r) => entiteit(t, r) === nummer);
    const hernoemd = {
      ...Object.fromEntries(TABELLEN.map((t) => [t, rijen(t)])),
      denomination: rijen('denomination').map((d) =>
        d['TypeOfDenomination'] === '001' ? { ...d, Denomination: 'Hernoemd door de test BV' } : d,
      ),
    };
    expect((await haak('POST', '/kbo/records', hernoemd)).status).toBe(200);
    const weg = teVerwijderen['EnterpriseNumber'] ?? '';
    expect((await haak('DELETE', `/kbo/records/${weg}`)).status).toBe(204);
    expect((await haak('DELETE', '/kbo/records/0100.000.070.999')).status).toBe(404);

    // Nothing published yet: the list and its zips are as they were.
    expect(await leesLijst(mock.url)).toEqual(start.lijst);

    const dag = await haak('POST', '/kbo/dag');
    expect(dag.status).toBe(200);
    const lijst2 = await leesLijst(mock.url);
    expect(lijst2.slice(0, -1)).toEqual(start.lijst);
    const update = lijst2.at(-1);
    expect(update).toMatchObject({
      type: 'update',
      extractNumber: (start.lijst.at(-1)?.extractNumber ?? 0) + 1,
    });
    const zip = await pakUit(await haalZip(mock.url, update?.naam ?? ''));
    expect(csvVan(zip, 'enterprise_insert.csv').rijen).toContainEqual(nieuw.enterprise[0]);
    expect(csvVan(zip, 'denomination_delete.csv').rijen).toContainEqual({ EntityNumber: nummer });
    expect(csvVan(zip, 'denomination_insert.csv').rijen).toContainEqual(
      expect.objectContaining({ EntityNumber: nummer, Denomination: 'Hernoemd door de test BV' }),
    );
    expect(csvVan(zip, 'enterprise_delete.csv').rijen).toContainEqual({ EntityNumber: weg });
    expect(csvVan(zip, 'enterprise_insert.csv').rijen.some((r) => r['EnterpriseNumber'] === weg)).toBe(false);

    const na = pasToe(start.register, zip);
    expect(na.enterprise.filter((e) => e['EnterpriseNumber'] === weg)).toEqual([]);
    for (const t of TABELLEN)
      expect(na[t].some((r) => r['EnterpriseNumber'] === weg || r['EntityNumber'] === weg)).toBe(false);
    expect(na.denomination.filter((d) => d['EntityNumber'] === nieuwNummer)).toEqual(nieuw.denomination);

    // A gap: the next number is skipped; the day's changes are still in the update that follows it.
    const gat = await haak('POST', '/kbo/dag', { gat: true });
    expect(gat.status).toBe(200);
    const lijst3 = await leesLijst(mock.url);
    expect(lijst3.at(-1)?.extractNumber).toBe((update?.extractNumber ?? 0) + 2);
    const gatVuil = (await vuilVan(mock.url)).filter((v) => v.soort === 'UPDATE_GAT');
    expect(gatVuil).toEqual([
      expect.objectContaining({
        recordId: lijst3.at(-1)?.naam,
        waarde: String(lijst3.at(-1)?.extractNumber),
      }),
    ]);
    const naGat = pasToe(na, await pakUit(await haalZip(mock.url, lijst3.at(-1)?.naam ?? '')));

    // A new full extract starts the list again, and holds what the updates made.
    expect((await haak('POST', '/kbo/full')).status).toBe(200);
    const lijst4 = await leesLijst(mock.url);
    expect(lijst4).toHaveLength(1);
    expect(lijst4[0]).toMatchObject({ type: 'full', extractNumber: (lijst3.at(-1)?.extractNumber ?? 0) + 1 });
    const nieuwVolledig = registerUitVolledig(await pakUit(await haalZip(mock.url, lijst4[0]?.naam ?? '')));
    // The old extracts stay downloadable by name.
    const oud = await kbo(mock.url, `/extracts/${update?.naam ?? ''}`);
    await oud.arrayBuffer();
    expect(oud.status).toBe(200);
    // Requests first, comparisons after: a long computation in this process would outlast the keep-alive of an idle connection.
    for (const t of TABELLEN) expect(perEntiteit(nieuwVolledig, t)).toEqual(perEntiteit(naGat, t));
    expect(nieuwVolledig.denomination.filter((d) => d['EntityNumber'] === nieuwNummer)).toEqual(
      nieuw.denomination,
    );
    expect(nieuwVolledig.enterprise.some((e) => e['EnterpriseNumber'] === weg)).toBe(false);
  }, 120_000);

  it('refuses a record that is not one onderneming in the register’s own rows', async () => {
    for (const body of [
      'geen json',
      [],
      {},
      { enterprise: [] },
      { enterprise: [{ EnterpriseNumber: '123' }] },
      { enterprise: [{ EnterpriseNumber: '0100.000.070' }], vestigingen: [] },
      { enterprise: [{ EnterpriseNumber: '0100.000.070' }], denomination: ['geen rij'] },
    ]) {
      const antwoord = await haak('POST', '/kbo/records', body);
      expect({ body, status: antwoord.status }).toEqual({ body, status: 400 });
    }
  });
});
