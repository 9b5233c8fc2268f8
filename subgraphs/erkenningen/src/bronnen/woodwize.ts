import { PartnerClient, PartnerError } from '@duaal-graph/subgraph-toolkit';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import type { SectorLezing } from '../model.ts';
import { alsLezing, type ClientOpties } from './lezing.ts';

/** One `<erkenning>` element, flattened: attributes and texts by name, entities decoded. */
export const WoodwizeErkenningSchema = z.object({
  id: z.string().min(1),
  kbo: z.string(),
  naam: z.string().nullable().optional(),
  // A missing `<vestiging>` is known dirt: the rules keep the record without one.
  vestiging: z
    .object({ nr: z.string(), postcode: z.string(), nis: z.string().nullable().optional() })
    .nullable(),
  opleiding: z.string(),
  status: z.string(),
  van: z.string(),
  tot: z.string().nullable().optional(),
  mentoren: z.string().regex(/^\d+$/).nullable().optional(),
});
export type WoodwizeErkenning = z.infer<typeof WoodwizeErkenningSchema>;

const PaginaSchema = z.object({
  erkenningen: z.object({
    '@paginas': z.string().regex(/^\d+$/),
    erkenning: z.array(z.unknown()).optional(),
  }),
});

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#',
  // Values stay text: `0403.170.701` is no number, and a leading zero must survive.
  parseTagValue: false,
  parseAttributeValue: false,
  // `&amp;` and friends in names are decoded; `htmlEntities` adds numeric references (`&#38;`),
  // which are XML too (its replacement, a custom `entityDecoder`, would need another package).
  processEntities: true,
  htmlEntities: true,
  isArray: (naam) => naam === 'erkenning',
});

function knoop(waarde: unknown): Record<string, unknown> | undefined {
  return typeof waarde === 'object' && waarde !== null && !Array.isArray(waarde)
    ? (waarde as Record<string, unknown>)
    : undefined;
}

function attribuut(element: unknown, naam: string): unknown {
  return knoop(element)?.[`@${naam}`];
}

function tekst(element: unknown): unknown {
  return typeof element === 'string' ? element : knoop(element)?.['#'];
}

/** Flattens one parsed `<erkenning>`; a missing attribute stays undefined so that validation names it. */
export function platErkenning(element: unknown): Record<string, unknown> {
  const e = knoop(element) ?? {};
  const vestiging = e['vestiging'];
  const geldig = e['geldig'];
  return {
    id: attribuut(e, 'id'),
    kbo: attribuut(e['onderneming'], 'kbo'),
    naam: tekst(e['onderneming']) ?? null,
    vestiging:
      vestiging === undefined
        ? null
        : {
            nr: attribuut(vestiging, 'nr'),
            postcode: attribuut(vestiging, 'postcode'),
            nis: attribuut(vestiging, 'nis') ?? null,
          },
    opleiding: attribuut(e['opleiding'], 'code'),
    status: tekst(e['status']),
    van: attribuut(geldig, 'van'),
    tot: attribuut(geldig, 'tot') ?? null,
    mentoren: tekst(e['mentoren']) ?? null,
  };
}

/** Parses one page of the feed: its records, flattened, and how many pages there are. */
export function leesWoodwizePagina(xml: string): { erkenningen: Record<string, unknown>[]; paginas: number } {
  // The parser is lenient with broken XML; a page cut off halfway must fail the read, not give half the records.
  // fast-xml-parser 5 marks its validator deprecated in favour of the separate fast-xml-validator
  // package, which the project does not install; the bundled one still works and checks what we need.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const geldig = XMLValidator.validate(xml);
  if (geldig !== true)
    throw new PartnerError('WOODWIZE', 'INVALID_RESPONSE', `geen geldige XML: ${geldig.err.msg}`);
  const pagina = PaginaSchema.safeParse(parser.parse(xml));
  if (!pagina.success)
    throw new PartnerError('WOODWIZE', 'INVALID_RESPONSE', 'geen <erkenningen paginas="…">');
  return {
    erkenningen: (pagina.data.erkenningen.erkenning ?? []).map(platErkenning),
    paginas: Number(pagina.data.erkenningen['@paginas']),
  };
}

/** Woodwize: an open XML feed, 200 records a page. */
export class WoodwizeClient {
  private readonly client: PartnerClient;

  constructor(opties: ClientOpties) {
    this.client = new PartnerClient({ ...opties, bron: 'WOODWIZE' });
  }

  async leesAlles(): Promise<SectorLezing<WoodwizeErkenning>> {
    const ruw: unknown[] = [];
    for (let nummer = 1; ; nummer++) {
      const antwoord = await this.client.verzoek({ pad: 'feed/erkenningen.xml', query: { pagina: nummer } });
      const { erkenningen, paginas } = leesWoodwizePagina(antwoord.tekst);
      ruw.push(...erkenningen);
      if (nummer >= paginas || erkenningen.length === 0) break;
    }
    return alsLezing('WOODWIZE', ruw, WoodwizeErkenningSchema, 'id');
  }
}
