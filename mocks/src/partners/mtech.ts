import type { MockConfig } from '../config.ts';
import { header, integerParam, isRecord, json, leesJson } from '../http/routing.ts';
import type { MtechErkenning } from '../wereld/sectorfeeds.ts';
import { haalWeg, leesJsonRecord, pagina, zetIn, type Partner } from './partner.ts';

/** MTech+: JSON pages and a batch lookup by ondernemingsnummer, `X-Api-Key` (../shared/partners/sectoren.md). */
export function mtech(records: MtechErkenning[], config: MockConfig): Partner {
  const geweigerd = (sleutel: string | undefined) =>
    sleutel === config.sleutels.mtech ? null : json(401, { fout: 'ongeldige API-sleutel' });

  return {
    naam: 'mtech',
    routes: [
      {
        methode: 'GET',
        sjabloon: '/v1/erkenningen',
        handler: (v) => {
          const fout = geweigerd(header(v, 'x-api-key'));
          if (fout) return fout;
          const page = integerParam(v.query, 'page', 1);
          const pageSize = integerParam(v.query, 'pageSize', 250);
          if (page === null || page < 1) return json(400, { fout: 'page moet 1 of meer zijn' });
          if (pageSize === null || pageSize < 1 || pageSize > 250)
            return json(400, { fout: 'pageSize moet tussen 1 en 250 liggen' });
          const { items, totalPages } = pagina(records, page, pageSize);
          return json(200, { data: items, meta: { page, pageCount: totalPages, total: records.length } });
        },
      },
      {
        methode: 'POST',
        sjabloon: '/v1/erkenningen/zoeken',
        handler: (v) => {
          const fout = geweigerd(header(v, 'x-api-key'));
          if (fout) return fout;
          const body = leesJson(v);
          const nummers = isRecord(body) ? body['ondernemingsnummers'] : undefined;
          if (
            !Array.isArray(nummers) ||
            !nummers.every((n): n is string => typeof n === 'string' && /^\d{10}$/.test(n))
          ) {
            return json(400, { fout: 'ondernemingsnummers moet een lijst van 10 cijfers zijn' });
          }
          if (nummers.length > 100)
            return json(413, { fout: 'maximaal 100 ondernemingsnummers per aanvraag' });
          const perKbo = new Map<string, MtechErkenning[]>();
          for (const r of records) {
            const lijst = perKbo.get(r.kbo);
            if (lijst) lijst.push(r);
            else perKbo.set(r.kbo, [r]);
          }
          return json(200, {
            resultaten: [...new Set(nummers)].map((n) => ({
              ondernemingsnummer: n,
              erkenningen: perKbo.get(n) ?? [],
            })),
          });
        },
      },
    ],
    kapotAntwoord: () => json(200, { data: 'geen lijst', meta: null }),
    zetRecord: (body) => {
      const gelezen = leesJsonRecord<MtechErkenning>(body, 'id', 'string');
      if ('fout' in gelezen) return gelezen;
      zetIn(records, gelezen.record, (r) => r.id);
      return { id: gelezen.record.id };
    },
    verwijderRecord: (id) => haalWeg(records, id, (r) => r.id),
  };
}
