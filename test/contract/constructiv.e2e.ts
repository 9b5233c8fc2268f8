import { setTimeout as wacht } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM, startTestMock, type TestMock } from './mock.ts';
import {
  basicAuth,
  CONSTRUCTIV_AUTH,
  constructivStatus,
  haal,
  isIsoDatum,
  isObject,
  isOndernemingsnummer,
  isVestigingsnummer,
  jsonVan,
  leesAlleConstructivPaginas,
  leesRegister,
  problemen,
  SLEUTELS,
  vuilVan,
  type ConstructivLeerwerkplek,
  type ConstructivPagina,
  type VuilMelding,
  uitDeFeed,
} from './sector-reader.ts';

/** Constructiv (bouw): HAL+JSON with expiring cursors, HTTP Basic; ../shared/partners/sectoren.md. */

const TTL_KORT_S = 0.3;

let mock: TestMock;
/** A second mock whose cursors expire almost at once, for the 410 only. */
let kortMock: TestMock;
let plekken: ConstructivLeerwerkplek[];
let paginas: ConstructivPagina[];
let hrefs: string[];
let vuil: VuilMelding[];
let registercodes: Set<string>;

const eerstePagina = (size = 100) => `/constructiv/leerwerkplekken?size=${size}`;

beforeAll(async () => {
  [mock, kortMock] = await Promise.all([
    startTestMock(),
    startTestMock({ constructivCursorTtlS: TTL_KORT_S }),
  ]);
  ({ items: plekken, paginas, hrefs } = await leesAlleConstructivPaginas(mock.url, 100));
  vuil = vuilVan(mock.wereld.vuil, 'constructiv');
  registercodes = new Set((await leesRegister(mock.url)).map((o) => o.opleidingscode));
});

afterAll(async () => {
  await Promise.all([mock.stop(), kortMock.stop()]);
});

describe('Constructiv authentication', () => {
  it.each([
    ['missing', undefined],
    ['a wrong password', basicAuth(SLEUTELS.constructiv.gebruiker, 'verkeerd')],
    ['a wrong user', basicAuth('iemand', SLEUTELS.constructiv.wachtwoord)],
    ['another scheme', `Bearer ${SLEUTELS.constructiv.wachtwoord}`],
  ])('answers %s credentials with 401 and WWW-Authenticate: Basic', async (_, authorization) => {
    const antwoord = await haal(
      `${mock.url}${eerstePagina()}`,
      authorization === undefined ? {} : { headers: { Authorization: authorization } },
    );
    expect(antwoord.status).toBe(401);
    expect(antwoord.headers.get('www-authenticate')).toMatch(/^Basic(\s|$)/i);
  });

  it('asks for credentials on a cursor page too', async () => {
    const next = paginas[0]?._links.next?.href ?? '';
    const antwoord = await haal(`${mock.url}${next}`);
    expect(antwoord.status).toBe(401);
    expect(antwoord.headers.get('www-authenticate')).toMatch(/^Basic/i);
  });
});

describe('Constructiv HAL paging', () => {
  it('answers application/hal+json', async () => {
    const antwoord = await haal(`${mock.url}${eerstePagina()}`, {
      headers: { Authorization: CONSTRUCTIV_AUTH },
    });
    expect(antwoord.status).toBe(200);
    expect(antwoord.headers.get('content-type')).toMatch(/^application\/hal\+json/);
    const body = jsonVan(antwoord);
    expect(isObject(body) && Object.keys(body).sort()).toEqual(['_embedded', '_links']);
  });

  it('follows next to the end: full pages, then a last page without next', () => {
    expect(plekken.length).toBeGreaterThan(500);
    expect(paginas.length).toBe(Math.ceil(plekken.length / 100));
    paginas.forEach((pagina, i) => {
      const laatste = i === paginas.length - 1;
      expect(pagina._embedded.leerwerkplekken.length).toBe(laatste ? plekken.length - i * 100 : 100);
      expect(pagina._links.next === undefined).toBe(laatste);
    });
  });

  it('gives every page a self link to itself, and next links that carry a cursor', () => {
    paginas.forEach((pagina, i) => {
      expect(pagina._links.self.href).toBe(hrefs[i]);
      const next = pagina._links.next?.href;
      if (next !== undefined) {
        expect(next).toMatch(/^\/constructiv\/leerwerkplekken\?/);
        expect(new URL(next, mock.url).searchParams.get('cursor')).toMatch(/.+/);
        expect(new URL(next, mock.url).searchParams.get('size')).toBe('100');
      }
    });
  });

  it('sees every leerwerkplek once', () => {
    const ids = plekken.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives the same leerwerkplekken whatever the page size', async () => {
    const groot = await leesAlleConstructivPaginas(mock.url, 500);
    expect(groot.paginas.length).toBe(Math.ceil(plekken.length / 500));
    expect(groot.items).toEqual(plekken);
  });

  it('answers a fresh cursor again with the same page, so that a client can retry it', async () => {
    const next = paginas[0]?._links.next?.href ?? '';
    const auth = { headers: { Authorization: CONSTRUCTIV_AUTH } };
    const [een, twee] = await Promise.all([
      haal(`${mock.url}${next}`, auth),
      haal(`${mock.url}${next}`, auth),
    ]);
    expect(een.status).toBe(200);
    expect(twee.status).toBe(200);
    const tweede = paginas[1]?._embedded.leerwerkplekken;
    expect((jsonVan(een) as ConstructivPagina)._embedded.leerwerkplekken).toEqual(tweede);
    expect((jsonVan(twee) as ConstructivPagina)._embedded.leerwerkplekken).toEqual(tweede);
  });
});

describe('Constructiv cursor expiry', () => {
  it('answers an expired cursor with 410 Gone, and the first page works again', async () => {
    const auth = { headers: { Authorization: CONSTRUCTIV_AUTH } };
    const eerste = await haal(`${kortMock.url}${eerstePagina()}`, auth);
    expect(eerste.status).toBe(200);
    const next = (jsonVan(eerste) as ConstructivPagina)._links.next?.href;
    expect(next).toBeDefined();
    await wacht(TTL_KORT_S * 1000 + 200);

    const verlopen = await haal(`${kortMock.url}${next ?? ''}`, auth);
    expect(verlopen.status).toBe(410);

    const opnieuw = await haal(`${kortMock.url}${eerstePagina()}`, auth);
    expect(opnieuw.status).toBe(200);
    expect((jsonVan(opnieuw) as ConstructivPagina)._embedded.leerwerkplekken).toEqual(plekken.slice(0, 100));
  });
});

describe('Constructiv leerwerkplekken', () => {
  const isDatum = (waarde: unknown): boolean => typeof waarde === 'string' && isIsoDatum(waarde);
  const sleutels = (waarde: unknown): string =>
    isObject(waarde) ? Object.keys(waarde).sort().join(',') : String(waarde);

  it('carry exactly the fields of the contract, with their types', () => {
    const gevonden = problemen(
      plekken,
      (p) => String(p.id),
      (p) => {
        const fouten: string[] = [];
        if (sleutels(p) !== 'id,intrekking,mentoren,onderneming,opleiding,periode,schorsing,vestiging')
          fouten.push(`velden ${sleutels(p)}`);
        if (!Number.isInteger(p.id)) fouten.push('id');
        if (sleutels(p.onderneming) !== 'kbo,naam') fouten.push('onderneming');
        if (!/^\d{10}$/.test(p.onderneming.kbo)) fouten.push(`kbo ${p.onderneming.kbo}`);
        if (typeof p.onderneming.naam !== 'string' || p.onderneming.naam === '') fouten.push('naam');
        if (sleutels(p.vestiging) !== 'adres,nummer') fouten.push('vestiging');
        if (!/^\d{10}$/.test(p.vestiging.nummer)) fouten.push('vestiging.nummer');
        if (sleutels(p.vestiging.adres) !== 'gemeente,nis,postcode') fouten.push('adres');
        if (!/^\d{4}$/.test(p.vestiging.adres.postcode) || !/^\d{5}$/.test(p.vestiging.adres.nis))
          fouten.push('postcode/nis');
        if (sleutels(p.opleiding) !== 'code' || typeof p.opleiding.code !== 'string')
          fouten.push('opleiding');
        if (sleutels(p.periode) !== 'einde,start') fouten.push('periode');
        if (!isDatum(p.periode.start)) fouten.push('periode.start');
        if (p.periode.einde !== null && !isDatum(p.periode.einde)) fouten.push('periode.einde');
        if (
          p.schorsing !== null &&
          (sleutels(p.schorsing) !== 'tot,van' ||
            !isDatum(p.schorsing.van) ||
            (p.schorsing.tot !== null && !isDatum(p.schorsing.tot)) ||
            (p.schorsing.tot !== null && p.schorsing.tot < p.schorsing.van))
        )
          fouten.push(`schorsing ${JSON.stringify(p.schorsing)}`);
        if (p.intrekking !== null && (sleutels(p.intrekking) !== 'datum' || !isDatum(p.intrekking.datum)))
          fouten.push(`intrekking ${JSON.stringify(p.intrekking)}`);
        const mentoren: unknown = p.mentoren;
        if (
          mentoren !== null &&
          (!Array.isArray(mentoren) ||
            !(mentoren as unknown[]).every(
              (m) => isObject(m) && sleutels(m) === 'id' && Number.isInteger(m['id']),
            ))
        )
          fouten.push('mentoren');
        return fouten;
      },
    );
    expect(gevonden).toEqual([]);
  });

  it('derive every status on the reference date', () => {
    const statussen = new Set(plekken.map((p) => constructivStatus(p, REFERENTIEDATUM)));
    expect(statussen).toEqual(new Set(['ERKEND', 'GESCHORST', 'INGETROKKEN']));
  });

  it('carry the shapes the status rule must handle: open and ended schorsingen, future intrekkingen', () => {
    const schorsingen = plekken.flatMap((p) => (p.schorsing ? [p.schorsing] : []));
    // Open-ended: GESCHORST until further notice.
    expect(schorsingen.some((s) => s.tot === null && s.van <= REFERENTIEDATUM)).toBe(true);
    // Ended before the reference date: ERKEND again, though a schorsing is present.
    expect(schorsingen.some((s) => s.tot !== null && s.tot < REFERENTIEDATUM)).toBe(true);
    // Covering the reference date with an end date.
    expect(
      schorsingen.some((s) => s.van <= REFERENTIEDATUM && s.tot !== null && REFERENTIEDATUM <= s.tot),
    ).toBe(true);
    const intrekkingen = plekken.flatMap((p) => (p.intrekking ? [p.intrekking] : []));
    expect(intrekkingen.some((i) => i.datum <= REFERENTIEDATUM)).toBe(true);
    // Announced for later: not yet in force, so not INGETROKKEN.
    expect(intrekkingen.some((i) => i.datum > REFERENTIEDATUM)).toBe(true);
    expect(plekken.some((p) => p.periode.einde === null)).toBe(true);
  });

  it('apply the status rule as the contract words it', () => {
    expect(
      constructivStatus({ schorsing: null, intrekking: { datum: REFERENTIEDATUM } }, REFERENTIEDATUM),
    ).toBe('INGETROKKEN');
    expect(
      constructivStatus(
        { schorsing: { van: '2026-01-01', tot: null }, intrekking: { datum: '2027-01-01' } },
        REFERENTIEDATUM,
      ),
    ).toBe('GESCHORST');
    expect(
      constructivStatus(
        { schorsing: { van: '2026-01-01', tot: '2026-10-31' }, intrekking: null },
        REFERENTIEDATUM,
      ),
    ).toBe('ERKEND');
    expect(
      constructivStatus(
        { schorsing: { van: '2026-01-01', tot: REFERENTIEDATUM }, intrekking: null },
        REFERENTIEDATUM,
      ),
    ).toBe('GESCHORST');
  });
});

describe('Constructiv dirt, as the contract lists it', () => {
  const plek = uitDeFeed(
    () => plekken,
    (p: ConstructivLeerwerkplek) => String(p.id),
  );

  it('has every kind: mentoren null, and the kinds of "any" partner', () => {
    expect(new Set(vuil.map((v) => v.soort))).toEqual(
      new Set(['MENTOREN_NULL', 'KBO_CONTROLE', 'ONBEKENDE_OPLEIDING', 'EINDE_VOOR_START']),
    );
  });

  it('puts each defect in the field it names, as the feed shows it', () => {
    for (const melding of vuil) {
      const p = plek(melding.recordId);
      switch (melding.soort) {
        case 'MENTOREN_NULL':
          expect(p.mentoren).toBeNull();
          expect(melding.behandeling).toBe('BEHOUDEN');
          break;
        case 'KBO_CONTROLE':
          expect(p.onderneming.kbo).toBe(melding.waarde);
          expect(isOndernemingsnummer(p.onderneming.kbo)).toBe(false);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        case 'ONBEKENDE_OPLEIDING':
          expect(p.opleiding.code).toBe(melding.waarde);
          expect(registercodes.has(p.opleiding.code)).toBe(false);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        case 'EINDE_VOOR_START':
          expect(p.periode.einde).toBe(melding.waarde);
          expect((p.periode.einde ?? '') < p.periode.start).toBe(true);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        default:
          throw new Error(`onbekende soort vuil ${melding.soort}: de contracttest kent ze niet`);
      }
    }
  });

  it('has a null mentoren list only where the dirt list says so, and empty lists elsewhere', () => {
    const zonder = plekken.filter((p) => p.mentoren === null).map((p) => String(p.id));
    expect(new Set(zonder)).toEqual(
      new Set(vuilVan(vuil, 'constructiv', 'MENTOREN_NULL').map((v) => v.recordId)),
    );
    // Without empty lists, `null` would not be told apart from "no mentors" in the feed.
    expect(plekken.some((p) => Array.isArray(p.mentoren) && p.mentoren.length === 0)).toBe(true);
  });

  it('has good identifiers and periods everywhere else', () => {
    const slecht = plekken
      .filter(
        (p) =>
          !isOndernemingsnummer(p.onderneming.kbo) ||
          !isVestigingsnummer(p.vestiging.nummer) ||
          (p.periode.einde !== null && p.periode.einde < p.periode.start),
      )
      .map((p) => String(p.id));
    const gemeld = vuil.filter((v) => v.soort === 'KBO_CONTROLE' || v.soort === 'EINDE_VOOR_START');
    expect(new Set(slecht)).toEqual(new Set(gemeld.map((v) => v.recordId)));
  });
});

describe('Constructiv record hooks', () => {
  const nieuw = (): ConstructivLeerwerkplek => ({
    id: 999_001,
    onderneming: { kbo: '0403019261', naam: 'Bouwwerken Contracttest NV' },
    vestiging: {
      nummer: '2147812701',
      adres: { postcode: '8800', gemeente: 'Roeselare', nis: '36015' },
    },
    opleiding: { code: 'DS-RWB-2' },
    periode: { start: '2025-09-01', einde: null },
    schorsing: { van: '2026-10-01', tot: null },
    intrekking: null,
    mentoren: [{ id: 9_990_001 }],
  });
  const zet = (record: unknown) =>
    haal(`${mock.url}/_mock/constructiv/records`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(record),
    });
  const verwijder = (id: number) => haal(`${mock.url}/_mock/constructiv/records/${id}`, { method: 'DELETE' });

  it('adds a leerwerkplek that paging reaches, and removes it again', async () => {
    const antwoord = await zet(nieuw());
    expect(antwoord.status).toBe(200);
    const na = await leesAlleConstructivPaginas(mock.url, 100);
    expect(na.items).toHaveLength(plekken.length + 1);
    expect(na.items.filter((p) => p.id === 999_001)).toEqual([nieuw()]);
    expect(constructivStatus(nieuw(), REFERENTIEDATUM)).toBe('GESCHORST');

    expect((await verwijder(999_001)).status).toBe(204);
    const weg = await leesAlleConstructivPaginas(mock.url, 100);
    expect(weg.items).toEqual(plekken);
    expect((await verwijder(999_001)).status).toBe(404);
  });

  it('replaces the leerwerkplek with the same id', async () => {
    const origineel = plekken[10];
    if (!origineel) throw new Error('te weinig leerwerkplekken');
    const ingetrokken = { ...origineel, intrekking: { datum: '2026-05-01' } };
    expect((await zet(ingetrokken)).status).toBe(200);
    const na = await leesAlleConstructivPaginas(mock.url, 500);
    expect(na.items.filter((p) => p.id === origineel.id)).toEqual([ingetrokken]);
    expect(na.items).toHaveLength(plekken.length);
    expect((await zet(origineel)).status).toBe(200);
  });

  it('refuses a record whose id is no number', async () => {
    expect((await zet({ ...nieuw(), id: 'vier' })).status).toBe(400);
  });
});
