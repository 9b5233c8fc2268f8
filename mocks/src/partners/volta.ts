import type { MockConfig } from '../config.ts';
import { header, integerParam, json, type MockRequest } from '../http/routing.ts';
import type { VoltaErkenning } from '../wereld/sectorfeeds.ts';
import { haalWeg, leesJsonRecord, type Partner } from './partner.ts';

const sleutel = (r: VoltaErkenning): string => r.erkenningId;

/** Volta: JSON, offset paging, `X-Api-Key`, `gewijzigdSinds` (../shared/partners/sectoren.md). */
export function volta(records: VoltaErkenning[], config: MockConfig): Partner {
  const geweigerd = (v: MockRequest) =>
    header(v, 'x-api-key') === config.sleutels.volta ? null : json(401, { fout: 'ongeldige API-sleutel' });

  return {
    naam: 'volta',
    routes: [
      {
        methode: 'GET',
        sjabloon: '/api/v2/erkenningen',
        handler: (v) => {
          const fout = geweigerd(v);
          if (fout) return fout;
          const offset = integerParam(v.query, 'offset', 0);
          const limit = integerParam(v.query, 'limit', 100);
          if (offset === null || offset < 0)
            return json(400, { fout: 'offset moet een natuurlijk getal zijn' });
          if (limit === null || limit < 1) return json(400, { fout: 'limit moet een positief getal zijn' });
          if (limit > 500) return json(400, { fout: 'limit max 500' });
          let selectie: readonly VoltaErkenning[] = records;
          const sinds = v.query.get('gewijzigdSinds');
          if (sinds !== null) {
            const grens = Date.parse(sinds);
            if (Number.isNaN(grens)) return json(400, { fout: 'gewijzigdSinds moet een ISO-tijdstip zijn' });
            selectie = records.filter((r) => Date.parse(r.laatstGewijzigd) >= grens);
          }
          return json(200, {
            totaal: selectie.length,
            offset,
            limit,
            items: selectie.slice(offset, offset + limit),
          });
        },
      },
    ],
    kapotAntwoord: () => json(200, { totaal: 'veel', items: [{ erkenningId: 17 }] }),
    zetRecord: (body) => {
      const gelezen = leesJsonRecord<VoltaErkenning>(body, 'erkenningId', 'string');
      if ('fout' in gelezen) return gelezen;
      // Volta stamps every change itself, which is what `gewijzigdSinds` reports.
      const nieuw = { ...gelezen.record, laatstGewijzigd: new Date().toISOString() };
      haalWeg(records, nieuw.erkenningId, sleutel);
      records.push(nieuw);
      return { id: nieuw.erkenningId };
    },
    verwijderRecord: (id) => haalWeg(records, id, sleutel),
  };
}
