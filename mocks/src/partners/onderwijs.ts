import { integerParam, json } from '../http/routing.ts';
import type { CatalogusOpleiding } from '../wereld/catalogus.ts';
import { aanbodId, type Aanbod, type Instelling } from '../wereld/onderwijs.ts';
import { haalWeg, leesJsonRecord, pagina, zetIn, type Partner } from './partner.ts';

/** The register's opleiding exactly as its API returns it. */
export interface RegisterOpleiding {
  opleidingscode: string;
  naam: string;
  niveau: CatalogusOpleiding['niveau'];
  graad: number | null;
  finaliteit: CatalogusOpleiding['finaliteit'];
  studiedomein: string;
  beroepskwalificaties: { code: string; naam: string; niveau: number }[];
  beroepsprofielCodes: string[];
  paritaireComites: string[];
}

export function registerOpleiding(o: CatalogusOpleiding): RegisterOpleiding {
  return {
    opleidingscode: o.code,
    naam: o.naam,
    niveau: o.niveau,
    graad: o.graad,
    finaliteit: o.finaliteit,
    studiedomein: o.studiedomein,
    beroepskwalificaties: o.beroepskwalificaties.map((bk) => ({ ...bk })),
    beroepsprofielCodes: [...o.beroepsprofielCodes],
    paritaireComites: [...o.paritaireComites],
  };
}

/** The Onderwijsaanbod register: open JSON, page paging, batches and filters (../shared/partners/onderwijsaanbod.md). */
export function onderwijs(
  opleidingen: RegisterOpleiding[],
  instellingen: Instelling[],
  aanbod: Aanbod[],
): Partner {
  const paginaParams = (query: URLSearchParams, standaard: number, max: number) => {
    const page = integerParam(query, 'page', 1);
    const size = integerParam(query, 'size', standaard);
    if (page === null || page < 1) return { fout: json(400, { fout: 'page moet 1 of meer zijn' }) };
    if (size === null || size < 1 || size > max)
      return { fout: json(400, { fout: `size moet tussen 1 en ${max} liggen` }) };
    return { page, size };
  };

  return {
    naam: 'onderwijs',
    routes: [
      { methode: 'GET', sjabloon: '/v1/opleidingen', handler: () => json(200, opleidingen) },
      {
        methode: 'GET',
        sjabloon: '/v1/instellingen',
        handler: (v) => {
          const nummers = v.query.get('nummers');
          if (nummers !== null) {
            const gevraagd = nummers
              .split(',')
              .map((n) => n.trim())
              .filter((n) => n !== '');
            if (gevraagd.length === 0 || !gevraagd.every((n) => /^\d{6}$/.test(n))) {
              return json(400, { fout: 'nummers moet een lijst van instellingsnummers van 6 cijfers zijn' });
            }
            if (gevraagd.length > 50) return json(400, { fout: 'maximaal 50 nummers per aanvraag' });
            const wanted = new Set(gevraagd);
            const items = instellingen.filter((i) => wanted.has(i.instellingsnummer));
            return json(200, { items, page: 1, totalPages: 1, totalItems: items.length });
          }
          const p = paginaParams(v.query, 100, 200);
          if ('fout' in p) return p.fout;
          const { items, totalPages } = pagina(instellingen, p.page, p.size);
          return json(200, { items, page: p.page, totalPages, totalItems: instellingen.length });
        },
      },
      {
        methode: 'GET',
        sjabloon: '/v1/instellingen/{instellingsnummer}',
        handler: (v) => {
          const instelling = instellingen.find((i) => i.instellingsnummer === v.params['instellingsnummer']);
          return instelling ? json(200, instelling) : json(404, { fout: 'onbekende instelling' });
        },
      },
      {
        methode: 'GET',
        sjabloon: '/v1/aanbod',
        handler: (v) => {
          const schooljaar = v.query.get('schooljaar');
          if (!schooljaar) return json(400, { fout: 'schooljaar is verplicht' });
          if (!/^\d{4}-\d{4}$/.test(schooljaar))
            return json(400, { fout: 'schooljaar heeft de vorm 2026-2027' });
          const p = paginaParams(v.query, 200, 500);
          if ('fout' in p) return p.fout;
          const filters = (['instellingsnummer', 'opleidingscode', 'nisCode'] as const).map(
            (k) => [k, v.query.get(k)] as const,
          );
          const selectie = aanbod.filter(
            (a) =>
              a.schooljaar === schooljaar &&
              filters.every(
                ([k, waarde]) =>
                  waarde === null || (k === 'nisCode' ? a.vestigingsplaats.nisCode : a[k]) === waarde,
              ),
          );
          const { items, totalPages } = pagina(selectie, p.page, p.size);
          return json(200, { items, page: p.page, totalPages, totalItems: selectie.length });
        },
      },
    ],
    kapotAntwoord: () => json(200, { items: 'geen lijst', page: 'een', totalPages: null }),
    zetRecord: (body) => {
      // One hook for three kinds of record: told apart by the fields only that kind has.
      const tekst = body.toString('utf8');
      if (tekst.includes('"schooljaar"')) {
        const gelezen = leesJsonRecord<Aanbod>(body, 'schooljaar', 'string');
        if ('fout' in gelezen) return gelezen;
        zetIn(aanbod, gelezen.record, aanbodId);
        return { id: aanbodId(gelezen.record) };
      }
      if (tekst.includes('"soort"')) {
        const gelezen = leesJsonRecord<Instelling>(body, 'instellingsnummer', 'string');
        if ('fout' in gelezen) return gelezen;
        zetIn(instellingen, gelezen.record, (i) => i.instellingsnummer);
        return { id: gelezen.record.instellingsnummer };
      }
      const gelezen = leesJsonRecord<RegisterOpleiding>(body, 'opleidingscode', 'string');
      if ('fout' in gelezen) return gelezen;
      zetIn(opleidingen, gelezen.record, (o) => o.opleidingscode);
      return { id: gelezen.record.opleidingscode };
    },
    verwijderRecord: (id) =>
      haalWeg(aanbod, id, aanbodId) ||
      haalWeg(instellingen, id, (i) => i.instellingsnummer) ||
      haalWeg(opleidingen, id, (o) => o.opleidingscode),
  };
}
