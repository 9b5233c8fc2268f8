import { XMLParser } from 'fast-xml-parser';
import { integerParam, json, tekst } from '../http/routing.ts';
import type { WoodwizeErkenning } from '../wereld/sectorfeeds.ts';
import { haalWeg, pagina, zetIn, type Partner } from './partner.ts';

const PER_PAGINA = 200;
const XML = 'application/xml; charset=utf-8';

/** Woodwize: an XML feed of 200 records a page, no authentication (../shared/partners/sectoren.md). */
export function woodwize(records: WoodwizeErkenning[]): Partner {
  return {
    naam: 'woodwize',
    routes: [
      {
        methode: 'GET',
        sjabloon: '/feed/erkenningen.xml',
        handler: (v) => {
          const nummer = integerParam(v.query, 'pagina', 1);
          if (nummer === null || nummer < 1) return json(400, { fout: 'pagina moet 1 of meer zijn' });
          const { items, totalPages } = pagina(records, nummer, PER_PAGINA);
          const xml = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            `<erkenningen pagina="${nummer}" paginas="${totalPages}" totaal="${records.length}">`,
            ...items.map(erkenningXml),
            '</erkenningen>',
            '',
          ].join('\n');
          return tekst(200, xml, XML);
        },
      },
    ],
    kapotAntwoord: () =>
      tekst(
        200,
        '<?xml version="1.0"?>\n<erkenningen pagina="1"><erkenning id="WW-1"><onderneming kbo=',
        XML,
      ),
    zetRecord: (body) => {
      const record = leesErkenningXml(body.toString('utf8'));
      if (typeof record === 'string') return { fout: record };
      zetIn(records, record, (r) => r.id);
      return { id: record.id };
    },
    verwijderRecord: (id) => haalWeg(records, id, (r) => r.id),
  };
}

function esc(waarde: string): string {
  return waarde
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function erkenningXml(r: WoodwizeErkenning): string {
  const regels = [
    `  <erkenning id="${esc(r.id)}">`,
    `    <onderneming kbo="${esc(r.kbo)}">${esc(r.naam)}</onderneming>`,
  ];
  if (r.vestiging) {
    regels.push(
      `    <vestiging nr="${esc(r.vestiging.nr)}" postcode="${esc(r.vestiging.postcode)}" nis="${esc(r.vestiging.nis)}"/>`,
    );
  }
  regels.push(
    `    <opleiding code="${esc(r.opleiding)}"/>`,
    `    <status>${esc(r.status)}</status>`,
    r.tot === null
      ? `    <geldig van="${esc(r.van)}"/>`
      : `    <geldig van="${esc(r.van)}" tot="${esc(r.tot)}"/>`,
    `    <mentoren>${r.mentoren}</mentoren>`,
    '  </erkenning>',
  );
  return regels.join('\n');
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  textNodeName: '#',
});

/** Reads one posted `<erkenning>` element, in the feed's own format. */
function leesErkenningXml(xml: string): WoodwizeErkenning | string {
  let boom: unknown;
  try {
    boom = parser.parse(xml);
  } catch {
    return 'body is geen geldige XML';
  }
  const e = (boom as { erkenning?: Record<string, unknown> }).erkenning;
  if (!e || typeof e['@id'] !== 'string') return 'verwacht één <erkenning id="…"> element';
  const attr = (knoop: unknown, naam: string): string => {
    const waarde = (knoop as Record<string, unknown> | undefined)?.[`@${naam}`];
    return typeof waarde === 'string' ? waarde : '';
  };
  const tekstVan = (waarde: unknown): string =>
    typeof waarde === 'string'
      ? waarde
      : typeof waarde === 'object' && waarde !== null
        ? tekstVan((waarde as Record<string, unknown>)['#'])
        : '';
  const onderneming = e['onderneming'];
  const vestiging = e['vestiging'];
  const tot = attr(e['geldig'], 'tot');
  return {
    id: e['@id'],
    kbo: attr(onderneming, 'kbo'),
    naam: tekstVan(onderneming),
    vestiging:
      vestiging === undefined
        ? null
        : { nr: attr(vestiging, 'nr'), postcode: attr(vestiging, 'postcode'), nis: attr(vestiging, 'nis') },
    opleiding: attr(e['opleiding'], 'code'),
    status: tekstVan(e['status']) as WoodwizeErkenning['status'],
    van: attr(e['geldig'], 'van'),
    tot: tot === '' ? null : tot,
    mentoren: Number(tekstVan(e['mentoren']) || 0),
  };
}
