import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMock, type TestMock } from './mock.ts';
import {
  cijfers,
  haal,
  isIsoDatum,
  isOndernemingsnummer,
  isVestigingsnummer,
  KBO_MET_PUNTEN,
  leesAlleWoodwizePaginas,
  leesRegister,
  leesWoodwizePagina,
  leesWoodwizeXml,
  problemen,
  VESTIGING_MET_PUNTEN,
  uitDeFeed,
  vuilVan,
  type VuilMelding,
  type WoodwizeErkenning,
  type WoodwizePagina,
} from './sector-reader.ts';

/** Woodwize (hout): an XML feed of 200 records a page, no authentication; ../shared/partners/sectoren.md. */

const STATUSSEN = ['erkend', 'geschorst', 'ingetrokken'];

let mock: TestMock;
let erkenningen: WoodwizeErkenning[];
let paginas: WoodwizePagina[];
let ruw: string[];
let vuil: VuilMelding[];
let registercodes: Set<string>;

/** The raw `<erkenning>` element of one id, to see what the feed itself sends. */
function ruwElement(id: string): string {
  for (const xml of ruw) {
    const begin = xml.indexOf(`<erkenning id="${id}">`);
    if (begin !== -1) return xml.slice(begin, xml.indexOf('</erkenning>', begin) + '</erkenning>'.length);
  }
  throw new Error(`${id} staat niet in de feed`);
}

beforeAll(async () => {
  mock = await startTestMock();
  ({ items: erkenningen, paginas } = await leesAlleWoodwizePaginas(mock.url));
  ruw = await Promise.all(paginas.map(async (_, i) => (await leesWoodwizePagina(mock.url, i + 1)).tekst));
  vuil = vuilVan(mock.wereld.vuil, 'woodwize');
  registercodes = new Set((await leesRegister(mock.url)).map((o) => o.opleidingscode));
});

afterAll(async () => {
  await mock.stop();
});

describe('Woodwize feed', () => {
  it('needs no authentication, and ignores credentials it does not ask for', async () => {
    const zonder = await leesWoodwizePagina(mock.url, 1);
    expect(zonder.status).toBe(200);
    const met = await haal(`${mock.url}/woodwize/feed/erkenningen.xml?pagina=1`, {
      headers: { Authorization: 'Bearer iets', 'X-Api-Key': 'iets' },
    });
    expect(met.status).toBe(200);
    expect(met.tekst).toBe(zonder.tekst);
  });

  it('answers XML that a strict parser accepts', async () => {
    const antwoord = await leesWoodwizePagina(mock.url, 1);
    expect(antwoord.headers.get('content-type')).toMatch(/^(application|text)\/xml/);
    expect(() => leesWoodwizeXml(antwoord.tekst)).not.toThrow();
  });

  it('starts at page 1 when pagina is left out', async () => {
    const zonder = await haal(`${mock.url}/woodwize/feed/erkenningen.xml`);
    expect(zonder.status).toBe(200);
    expect(zonder.tekst).toBe(ruw[0]);
  });
});

describe('Woodwize paging', () => {
  it('reads to the end: pages of 200, the last one the rest, adding up to totaal', () => {
    const totaal = Number(paginas[0]?.totaal);
    expect(totaal).toBeGreaterThan(200);
    expect(paginas.length).toBe(Math.ceil(totaal / 200));
    expect(erkenningen).toHaveLength(totaal);
    paginas.forEach((pagina, i) => {
      expect(pagina.pagina).toBe(String(i + 1));
      expect(pagina.paginas).toBe(String(paginas.length));
      expect(pagina.totaal).toBe(String(totaal));
      expect(pagina.erkenningen).toHaveLength(Math.min(200, totaal - i * 200));
    });
  });

  it('sees every erkenning once', () => {
    const ids = erkenningen.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('Woodwize erkenningen', () => {
  it('carry the elements and attributes of the contract', () => {
    const gevonden = problemen(
      erkenningen,
      (e) => e.id,
      (e) => {
        const fouten: string[] = [];
        if (!/^WW-\d+$/.test(e.id)) fouten.push('id');
        if (!KBO_MET_PUNTEN.test(e.kbo)) fouten.push(`kbo ${e.kbo}`);
        if (e.naam.trim() === '') fouten.push('naam');
        if (
          e.vestiging !== null &&
          (!VESTIGING_MET_PUNTEN.test(e.vestiging.nr) ||
            !/^\d{4}$/.test(e.vestiging.postcode) ||
            !/^\d{5}$/.test(e.vestiging.nis))
        )
          fouten.push(`vestiging ${JSON.stringify(e.vestiging)}`);
        if (e.opleidingscode === '') fouten.push('opleiding');
        if (!STATUSSEN.includes(e.status)) fouten.push(`status ${e.status}`);
        if (!isIsoDatum(e.van)) fouten.push(`van ${e.van}`);
        if (e.tot !== null && !isIsoDatum(e.tot)) fouten.push(`tot ${e.tot}`);
        if (!/^\d+$/.test(e.mentoren)) fouten.push(`mentoren ${e.mentoren}`);
        return fouten;
      },
    );
    expect(gevonden).toEqual([]);
  });

  it('have every status, and erkenningen without tot', () => {
    expect(new Set(erkenningen.map((e) => e.status))).toEqual(new Set(STATUSSEN));
    const zonderTot = erkenningen.filter((e) => e.tot === null);
    expect(zonderTot.length).toBeGreaterThan(0);
    // Missing means the attribute is left out, not sent empty.
    for (const e of zonderTot.slice(0, 5)) expect(ruwElement(e.id)).not.toMatch(/\btot=/);
  });
});

describe('Woodwize dirt, as the contract lists it', () => {
  const erkenning = uitDeFeed(
    () => erkenningen,
    (e: WoodwizeErkenning) => e.id,
  );

  it('has every kind: missing vestiging, XML entities, and the kinds of "any" partner', () => {
    expect(new Set(vuil.map((v) => v.soort))).toEqual(
      new Set([
        'VESTIGING_ONTBREEKT',
        'XML_ENTITEITEN',
        'KBO_CONTROLE',
        'ONBEKENDE_OPLEIDING',
        'TOT_VOOR_VAN',
      ]),
    );
  });

  it('puts each defect in the field it names, as the feed shows it', () => {
    for (const melding of vuil) {
      const e = erkenning(melding.recordId);
      switch (melding.soort) {
        case 'VESTIGING_ONTBREEKT':
          expect(e.vestiging).toBeNull();
          expect(ruwElement(e.id)).not.toContain('<vestiging');
          expect(melding.behandeling).toBe('BEHOUDEN');
          break;
        case 'XML_ENTITEITEN': {
          expect(e.naam).toBe(melding.waarde);
          expect(e.naam).toMatch(/[&<>"]/);
          const element = ruwElement(e.id);
          expect(element).toContain('&amp;');
          // The raw text holds only escaped markup characters inside the name.
          const naamXml = /<onderneming[^>]*>([^<]*)<\/onderneming>/.exec(element)?.[1] ?? '';
          expect(naamXml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#)/);
          expect(melding.behandeling).toBe('PARSEERVAL');
          break;
        }
        case 'KBO_CONTROLE':
          expect(e.kbo).toBe(melding.waarde);
          expect(isOndernemingsnummer(cijfers(e.kbo))).toBe(false);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        case 'ONBEKENDE_OPLEIDING':
          expect(e.opleidingscode).toBe(melding.waarde);
          expect(registercodes.has(e.opleidingscode)).toBe(false);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        case 'TOT_VOOR_VAN':
          expect(e.tot).toBe(melding.waarde);
          expect((e.tot ?? '') < e.van).toBe(true);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        default:
          throw new Error(`onbekende soort vuil ${melding.soort}: de contracttest kent ze niet`);
      }
    }
  });

  it('leaves out <vestiging> only where the dirt list says so', () => {
    const zonder = erkenningen.filter((e) => e.vestiging === null).map((e) => e.id);
    expect(new Set(zonder)).toEqual(
      new Set(vuilVan(vuil, 'woodwize', 'VESTIGING_ONTBREEKT').map((v) => v.recordId)),
    );
  });

  it('has good identifiers and periods everywhere else', () => {
    const slecht = erkenningen
      .filter(
        (e) =>
          !isOndernemingsnummer(cijfers(e.kbo)) ||
          (e.vestiging !== null && !isVestigingsnummer(cijfers(e.vestiging.nr))) ||
          (e.tot !== null && e.tot < e.van),
      )
      .map((e) => e.id);
    const gemeld = vuil.filter((v) => v.soort === 'KBO_CONTROLE' || v.soort === 'TOT_VOOR_VAN');
    expect(new Set(slecht)).toEqual(new Set(gemeld.map((v) => v.recordId)));
  });

  it('decodes entities in names elsewhere too, such as a plain "&" in a company name', () => {
    const metEntiteit = erkenningen.filter((e) => /[&<>"']/.test(e.naam));
    expect(metEntiteit.length).toBeGreaterThan(0);
    expect(metEntiteit.every((e) => !/&(amp|lt|gt|quot|apos);/.test(e.naam))).toBe(true);
  });
});

describe('Woodwize record hooks', () => {
  const element = (id: string, metVestiging: boolean) =>
    [
      `<erkenning id="${id}">`,
      '  <onderneming kbo="0403.019.261">Schrijnwerkerij Vermeulen &amp; Zonen &lt;BV&gt; &quot;Eik&quot;</onderneming>',
      metVestiging ? '  <vestiging nr="2.147.812.701" postcode="8800" nis="36015"/>' : '',
      '  <opleiding code="DS-SWH-3"/>',
      '  <status>geschorst</status>',
      '  <geldig van="2025-09-01"/>',
      '  <mentoren>2</mentoren>',
      '</erkenning>',
    ].join('\n');
  const verwacht = (id: string, metVestiging: boolean): WoodwizeErkenning => ({
    id,
    kbo: '0403.019.261',
    naam: 'Schrijnwerkerij Vermeulen & Zonen <BV> "Eik"',
    vestiging: metVestiging ? { nr: '2.147.812.701', postcode: '8800', nis: '36015' } : null,
    opleidingscode: 'DS-SWH-3',
    status: 'geschorst',
    van: '2025-09-01',
    tot: null,
    mentoren: '2',
  });
  const zet = (xml: string) =>
    haal(`${mock.url}/_mock/woodwize/records`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/xml' },
      body: xml,
    });
  const verwijder = (id: string) => haal(`${mock.url}/_mock/woodwize/records/${id}`, { method: 'DELETE' });

  it('adds an <erkenning>, entities and all, that the feed returns, and removes it again', async () => {
    const antwoord = await zet(element('WW-990001', true));
    expect(antwoord.status).toBe(200);
    const na = await leesAlleWoodwizePaginas(mock.url);
    expect(na.items).toHaveLength(erkenningen.length + 1);
    expect(na.items.filter((e) => e.id === 'WW-990001')).toEqual([verwacht('WW-990001', true)]);
    expect(na.paginas[0]?.totaal).toBe(String(erkenningen.length + 1));

    expect((await verwijder('WW-990001')).status).toBe(204);
    const weg = await leesAlleWoodwizePaginas(mock.url);
    expect(weg.items).toEqual(erkenningen);
    expect((await verwijder('WW-990001')).status).toBe(404);
  });

  it('keeps an <erkenning> without <vestiging> without one', async () => {
    expect((await zet(`<?xml version="1.0" encoding="UTF-8"?>\n${element('WW-990002', false)}`)).status).toBe(
      200,
    );
    const na = await leesAlleWoodwizePaginas(mock.url);
    expect(na.items.filter((e) => e.id === 'WW-990002')).toEqual([verwacht('WW-990002', false)]);
    expect((await verwijder('WW-990002')).status).toBe(204);
  });

  it('replaces the <erkenning> with the same id', async () => {
    const origineel = erkenningen[0];
    if (!origineel) throw new Error('lege feed');
    const xml = ruwElement(origineel.id).replace(/<status>[a-z]+<\/status>/, '<status>ingetrokken</status>');
    expect((await zet(xml)).status).toBe(200);
    const na = await leesAlleWoodwizePaginas(mock.url);
    expect(na.items.filter((e) => e.id === origineel.id)).toEqual([{ ...origineel, status: 'ingetrokken' }]);
    expect(na.items).toHaveLength(erkenningen.length);
    expect((await zet(ruwElement(origineel.id))).status).toBe(200);
    expect((await leesAlleWoodwizePaginas(mock.url)).items).toEqual(erkenningen);
  });

  it('refuses a body that is no <erkenning>', async () => {
    expect((await zet('<iets/>')).status).toBe(400);
    expect((await zet('<erkenning id="WW-1"><onderneming')).status).toBe(400);
  });
});
