import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Gebied } from '@duaal-graph/domein';
import type { MockConfig } from '../config.ts';
import {
  header,
  integerParam,
  isRecord,
  json,
  leesJson,
  type MockRequest,
  type MockResponse,
} from '../http/routing.ts';
import type { ErkenningFeit } from '../wereld/erkenningsplan.ts';
import {
  isOpen,
  TOEGELATEN_OVERGANGEN,
  type KaziLerende,
  type KaziMatch,
  type MatchStatus,
} from '../wereld/kazi.ts';
import { maakLigging } from './kazi-ligging.ts';
import { leesOpslag, schrijfOpslag, type KaziOpslag } from './kazi-opslag.ts';
import { maakSuggesties } from './kazi-suggesties.ts';
import { haalWeg, leesJsonRecord, pagina, zetIn, type Partner } from './partner.ts';

const LERENDE_STATUSSEN = new Set(['ZOEKEND', 'IN_GESPREK', 'GEMATCHT', 'GESTART', 'GESTOPT']);
const MATCH_STATUSSEN = new Set<string>(Object.keys(TOEGELATEN_OVERGANGEN));

/**
 * Kazi: lerenden, suggesties and matches, `X-Api-Key`, writes with Idempotency-Key
 * and If-Match, kept across restarts in a file (../shared/partners/kazi.md).
 */
export function kazi(
  lerenden: KaziLerende[],
  gegenereerdeMatches: KaziMatch[],
  erkenningskopie: readonly ErkenningFeit[],
  gebied: Gebied,
  config: MockConfig,
): Partner {
  const bestand = join(config.dataMap, `kazi-${config.seed}-${String(config.schaal)}.json`);
  const opslag: KaziOpslag = leesOpslag(bestand) ?? {
    matches: [],
    verwijderd: [],
    sleutels: {},
    volgnummer: gegenereerdeMatches.length,
  };
  const ligging = maakLigging(erkenningskopie, gegenereerdeMatches);
  /** A match written before Kazi placed its workplaces, or posted without the field, gets it from Kazi's copy. */
  const geplaatst = (
    m: Omit<KaziMatch, 'vestigingNisCode'> & { vestigingNisCode?: string | null },
  ): KaziMatch =>
    m.vestigingNisCode === undefined
      ? { ...m, vestigingNisCode: ligging(m.ondernemingsnummer, m.vestigingsnummer) }
      : { ...m, vestigingNisCode: m.vestigingNisCode };
  const matches = [...gegenereerdeMatches];
  for (const m of opslag.matches) zetIn(matches, geplaatst(m), (x) => x.matchId);
  for (const id of opslag.verwijderd) haalWeg(matches, id, (x) => x.matchId);
  const bewaar = (match: KaziMatch) => {
    zetIn(opslag.matches, match, (x) => x.matchId);
    schrijfOpslag(bestand, opslag);
  };
  const suggesties = maakSuggesties(gebied, erkenningskopie);
  const lerende = (id: string) => lerenden.find((l) => l.lerendeId === id);

  const beveiligd =
    (handler: (v: MockRequest) => MockResponse): ((v: MockRequest) => MockResponse) =>
    (v) =>
      header(v, 'x-api-key') === config.sleutels.kazi
        ? handler(v)
        : json(401, { fout: 'ongeldige of ontbrekende API-sleutel' });

  const lijstLerenden = (v: MockRequest): MockResponse => {
    const page = integerParam(v.query, 'page', 1);
    const size = integerParam(v.query, 'size', 200);
    if (page === null || page < 1) return json(400, { fout: 'page moet 1 of meer zijn' });
    if (size === null || size < 1 || size > 200)
      return json(400, { fout: 'size moet tussen 1 en 200 liggen' });
    const status = v.query.get('status');
    if (status !== null && !LERENDE_STATUSSEN.has(status)) return json(400, { fout: 'onbekende status' });
    const filters = (['instellingsnummer', 'opleidingscode', 'status'] as const).map(
      (k) => [k, v.query.get(k)] as const,
    );
    const selectie = lerenden.filter((l) =>
      filters.every(([k, waarde]) => waarde === null || l[k] === waarde),
    );
    const { items, totalPages } = pagina(selectie, page, size);
    return json(200, { items, page, totalPages, totalItems: selectie.length });
  };

  /**
   * Per lerende or per onderneming (the whole list), or, for reporting, every
   * match in one status, page by page; `status` is then required.
   */
  const lijstMatches = (v: MockRequest): MockResponse => {
    const lerendeId = v.query.get('lerendeId');
    const kbo = v.query.get('ondernemingsnummer');
    const status = v.query.get('status');
    if (status !== null && !MATCH_STATUSSEN.has(status))
      return json(400, { fout: `status moet een van ${[...MATCH_STATUSSEN].join(', ')} zijn` });
    if (kbo !== null && !/^\d{10}$/.test(kbo))
      return json(400, { fout: 'ondernemingsnummer: 10 cijfers, zonder punten' });
    const filter = (m: KaziMatch) =>
      (lerendeId === null || m.lerendeId === lerendeId) &&
      (kbo === null || m.ondernemingsnummer === kbo) &&
      (status === null || m.status === status);
    if (lerendeId !== null || kbo !== null) return json(200, { items: matches.filter(filter) });
    if (status === null) return json(400, { fout: 'geef lerendeId, ondernemingsnummer of status' });
    const page = integerParam(v.query, 'page', 1);
    const size = integerParam(v.query, 'size', 200);
    if (page === null || page < 1) return json(400, { fout: 'page moet 1 of meer zijn' });
    if (size === null || size < 1 || size > 200)
      return json(400, { fout: 'size moet tussen 1 en 200 liggen' });
    const selectie = matches.filter(filter);
    const { items, totalPages } = pagina(selectie, page, size);
    return json(200, { items, page, totalPages, totalItems: selectie.length });
  };

  const stelVoor = (v: MockRequest): MockResponse => {
    const sleutel = header(v, 'idempotency-key');
    if (!sleutel) return json(400, { fout: 'Idempotency-Key is verplicht' });
    const body = leesJson(v);
    if (!isRecord(body)) return json(400, { fout: 'body moet een JSON-object zijn' });
    const bodyHash = createHash('sha256')
      .update(JSON.stringify(body, Object.keys(body).sort()))
      .digest('hex');
    const eerder = opslag.sleutels[sleutel];
    if (eerder) {
      if (eerder.bodyHash !== bodyHash)
        return json(422, { fout: 'deze Idempotency-Key hoort bij een ander verzoek' });
      const match = matches.find((m) => m.matchId === eerder.matchId);
      return match ? json(200, match) : json(404, { fout: 'match bestaat niet meer' });
    }
    const { lerendeId, ondernemingsnummer, vestigingsnummer, opleidingscode, door } = body;
    if (
      typeof lerendeId !== 'string' ||
      typeof opleidingscode !== 'string' ||
      typeof door !== 'string' ||
      door === ''
    ) {
      return json(400, { fout: 'lerendeId, opleidingscode en door zijn verplicht' });
    }
    if (typeof ondernemingsnummer !== 'string' || !/^\d{10}$/.test(ondernemingsnummer))
      return json(400, { fout: 'ondernemingsnummer: 10 cijfers' });
    if (
      vestigingsnummer !== undefined &&
      vestigingsnummer !== null &&
      (typeof vestigingsnummer !== 'string' || !/^\d{10}$/.test(vestigingsnummer))
    ) {
      return json(400, { fout: 'vestigingsnummer: 10 cijfers' });
    }
    if (!lerende(lerendeId)) return json(404, { fout: 'onbekende lerende' });
    if (
      matches.some(
        (m) => m.lerendeId === lerendeId && m.opleidingscode === opleidingscode && isOpen(m.status),
      )
    ) {
      return json(409, { fout: 'deze lerende heeft al een open match voor deze opleiding' });
    }
    opslag.volgnummer += 1;
    const match: KaziMatch = {
      matchId: `M-${String(opslag.volgnummer).padStart(6, '0')}`,
      versie: 1,
      lerendeId,
      ondernemingsnummer,
      vestigingsnummer: typeof vestigingsnummer === 'string' ? vestigingsnummer : null,
      opleidingscode,
      vestigingNisCode: ligging(
        ondernemingsnummer,
        typeof vestigingsnummer === 'string' ? vestigingsnummer : null,
      ),
      status: 'VOORGESTELD',
      historiek: [{ status: 'VOORGESTELD', op: new Date().toISOString(), door }],
    };
    matches.push(match);
    opslag.sleutels[sleutel] = { bodyHash, matchId: match.matchId };
    bewaar(match);
    return json(201, match);
  };

  const wijzig = (v: MockRequest): MockResponse => {
    const index = matches.findIndex((m) => m.matchId === v.params['matchId']);
    const huidig = matches[index];
    if (!huidig) return json(404, { fout: 'onbekende match' });
    const ifMatch = header(v, 'if-match');
    if (ifMatch === undefined) return json(428, { fout: 'If-Match met de versie is verplicht' });
    const body = leesJson(v);
    if (!isRecord(body) || typeof body['status'] !== 'string' || !MATCH_STATUSSEN.has(body['status'])) {
      return json(400, { fout: 'status moet een geldige matchstatus zijn' });
    }
    if (typeof body['door'] !== 'string' || body['door'] === '')
      return json(400, { fout: 'door is verplicht' });
    if (body['reden'] !== undefined && typeof body['reden'] !== 'string')
      return json(400, { fout: 'reden is tekst' });
    if (ifMatch.replace(/^W\//, '').replace(/"/g, '').trim() !== String(huidig.versie)) {
      return json(412, { fout: 'verouderde versie', versie: huidig.versie });
    }
    const status = body['status'] as MatchStatus;
    if (!TOEGELATEN_OVERGANGEN[huidig.status].includes(status)) {
      return json(409, { fout: `overgang van ${huidig.status} naar ${status} is niet toegelaten` });
    }
    const gebeurtenis = {
      status,
      op: new Date().toISOString(),
      door: body['door'],
      ...(typeof body['reden'] === 'string' ? { reden: body['reden'] } : {}),
    };
    const nieuw: KaziMatch = {
      ...huidig,
      versie: huidig.versie + 1,
      status,
      historiek: [...huidig.historiek, gebeurtenis],
    };
    matches[index] = nieuw;
    bewaar(nieuw);
    return json(200, nieuw, { etag: `"${nieuw.versie}"` });
  };

  return {
    naam: 'kazi',
    routes: [
      { methode: 'GET', sjabloon: '/v1/lerenden', handler: beveiligd(lijstLerenden) },
      {
        methode: 'POST',
        sjabloon: '/v1/lerenden/zoeken',
        handler: beveiligd((v) => {
          const body = leesJson(v);
          const ids = isRecord(body) ? body['ids'] : undefined;
          if (!Array.isArray(ids) || !ids.every((i): i is string => typeof i === 'string'))
            return json(400, { fout: 'ids moet een lijst zijn' });
          if (ids.length > 100) return json(400, { fout: 'maximaal 100 ids per aanvraag' });
          const gevraagd = new Set(ids);
          return json(200, { items: lerenden.filter((l) => gevraagd.has(l.lerendeId)) });
        }),
      },
      {
        methode: 'GET',
        sjabloon: '/v1/lerenden/{lerendeId}',
        handler: beveiligd((v) => {
          const l = lerende(v.params['lerendeId'] ?? '');
          return l ? json(200, l) : json(404, { fout: 'onbekende lerende' });
        }),
      },
      {
        methode: 'POST',
        sjabloon: '/v1/suggesties',
        handler: beveiligd((v) => {
          const body = leesJson(v);
          if (!isRecord(body) || typeof body['lerendeId'] !== 'string')
            return json(400, { fout: 'lerendeId is verplicht' });
          const max = body['max'] ?? 10;
          if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 50)
            return json(400, { fout: 'max ligt tussen 1 en 50' });
          const l = lerende(body['lerendeId']);
          return l ? json(200, { suggesties: suggesties(l, max) }) : json(404, { fout: 'onbekende lerende' });
        }),
      },
      { methode: 'GET', sjabloon: '/v1/matches', handler: beveiligd(lijstMatches) },
      { methode: 'POST', sjabloon: '/v1/matches', handler: beveiligd(stelVoor) },
      { methode: 'PATCH', sjabloon: '/v1/matches/{matchId}', handler: beveiligd(wijzig) },
    ],
    kapotAntwoord: () => json(200, { items: [{ lerendeId: 42, status: 'ONBEKEND' }], totalItems: 'veel' }),
    zetRecord: (body) => {
      if (body.toString('utf8').includes('"matchId"')) {
        const gelezen = leesJsonRecord<KaziMatch>(body, 'matchId', 'string');
        if ('fout' in gelezen) return gelezen;
        const match = geplaatst(gelezen.record);
        zetIn(matches, match, (m) => m.matchId);
        haalWeg(opslag.verwijderd, match.matchId, (id) => id);
        bewaar(match);
        return { id: match.matchId };
      }
      const gelezen = leesJsonRecord<KaziLerende>(body, 'lerendeId', 'string');
      if ('fout' in gelezen) return gelezen;
      zetIn(lerenden, gelezen.record, (l) => l.lerendeId);
      return { id: gelezen.record.lerendeId };
    },
    verwijderRecord: (id) => {
      if (haalWeg(lerenden, id, (l) => l.lerendeId)) return true;
      if (!haalWeg(matches, id, (m) => m.matchId)) return false;
      haalWeg(opslag.matches, id, (m) => m.matchId);
      opslag.verwijderd.push(id);
      schrijfOpslag(bestand, opslag);
      return true;
    },
  };
}
