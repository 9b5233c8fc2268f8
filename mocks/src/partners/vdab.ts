import { randomBytes } from 'node:crypto';
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
import type { Knelpuntberoep, VdabVacature, VdabWijziging } from '../wereld/vdab.ts';
import type { Partner } from './partner.ts';

const API = '/services/openservices/vacatures/v4';
const MAX_VENSTER_MS = 24 * 60 * 60 * 1000;

/**
 * VDAB: OAuth2 client credentials with expiring tokens, the `X-IBM-Client-Id`
 * header, offset paging, `initial`, search, `bulk` windows, by-id and batch,
 * the knelpuntberoepen download, and a limit of requests a second per client id
 * (../shared/partners/vdab.md).
 */
export function vdab(
  vacatures: VdabVacature[],
  wijzigingen: VdabWijziging[],
  knelpuntberoepen: { jaar: number; beroepen: Knelpuntberoep[] },
  config: MockConfig,
): Partner {
  const tokens = new Map<string, { clientId: string; verlooptOp: number }>();
  const recenteVerzoeken = new Map<string, number[]>();
  const perReferentie = new Map(vacatures.map((v) => [v.vacatureReferentie.vdabReferentie, v]));

  const tokenRoute = (v: MockRequest): MockResponse => {
    const form = new URLSearchParams(v.body.toString('utf8'));
    if (form.get('grant_type') !== 'client_credentials')
      return json(400, { error: 'unsupported_grant_type' });
    const { clientId, clientSecret } = config.sleutels.vdab;
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret)
      return json(401, { error: 'invalid_client' });
    const nu = Date.now();
    for (const [t, info] of tokens) if (info.verlooptOp <= nu) tokens.delete(t);
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, { clientId, verlooptOp: nu + config.vdabTokenTtlS * 1000 });
    return json(200, {
      access_token: token,
      token_type: 'Bearer',
      expires_in: Math.ceil(config.vdabTokenTtlS),
      scope: form.get('scope') ?? 'openid',
    });
  };

  /** Client id, then the rate limit, then the token: the order of an API gateway in front of the service. */
  const beveiligd =
    (handler: (v: MockRequest) => MockResponse): ((v: MockRequest) => MockResponse) =>
    (v) => {
      const clientId = header(v, 'x-ibm-client-id');
      if (clientId !== config.sleutels.vdab.clientId)
        return json(401, {
          error: 'invalid_client',
          error_description: 'X-IBM-Client-Id ontbreekt of is onbekend',
        });
      const nu = Date.now();
      const recent = (recenteVerzoeken.get(clientId) ?? []).filter((t) => nu - t < 1000);
      if (recent.length >= config.vdabLimietPerSeconde) {
        recenteVerzoeken.set(clientId, recent);
        const wachtMs = 1000 - (nu - (recent[0] ?? nu));
        return json(
          429,
          {
            error: 'rate_limited',
            error_description: `maximaal ${config.vdabLimietPerSeconde} verzoeken per seconde`,
          },
          { 'retry-after': String(Math.max(1, Math.ceil(wachtMs / 1000))) },
        );
      }
      recent.push(nu);
      recenteVerzoeken.set(clientId, recent);
      const token = /^Bearer (.+)$/.exec(header(v, 'authorization') ?? '')?.[1];
      const info = token === undefined ? undefined : tokens.get(token);
      if (!info || info.clientId !== clientId || info.verlooptOp <= nu)
        return json(401, { error: 'invalid_token' });
      return handler(v);
    };

  const paging = (v: MockRequest): { aantal: number; offset: number } | MockResponse => {
    const aantal = integerParam(v.query, 'aantal', 100);
    const offset = integerParam(v.query, 'offset', 0);
    if (aantal === null || aantal < 1 || aantal > 100)
      return json(400, { fout: 'aantal moet tussen 1 en 100 liggen' });
    if (offset === null || offset < 0) return json(400, { fout: 'offset moet 0 of meer zijn' });
    return { aantal, offset };
  };

  const pagineer = (v: MockRequest, items: readonly unknown[]): MockResponse => {
    const p = paging(v);
    if ('status' in p) return p;
    return json(200, {
      totaal: items.length,
      aantal: p.aantal,
      offset: p.offset,
      resultaten: items.slice(p.offset, p.offset + p.aantal),
    });
  };

  const zoek = (v: MockRequest): MockResponse => {
    const sorteerveld = v.query.get('sorteerveld') ?? 'PUBLICATIE_DATUM';
    if (sorteerveld !== 'PUBLICATIE_DATUM' && sorteerveld !== 'WIJZIGINGS_DATUM')
      return json(400, { fout: 'onbekend sorteerveld' });
    const veld = sorteerveld === 'PUBLICATIE_DATUM' ? 'publicatieDatum' : 'wijzigingsDatum';
    const sinds = v.query.get('sinds');
    const grens = sinds === null ? -Infinity : Date.parse(sinds);
    if (Number.isNaN(grens)) return json(400, { fout: 'sinds moet een ISO-tijdstip zijn' });
    const selectie = vacatures
      .filter((x) => Date.parse(x[veld]) >= grens)
      .sort(
        (a, b) =>
          Date.parse(b[veld]) - Date.parse(a[veld]) ||
          a.vacatureReferentie.vdabReferentie - b.vacatureReferentie.vdabReferentie,
      );
    return pagineer(v, selectie);
  };

  const bulk = (v: MockRequest): MockResponse => {
    const van = Date.parse(v.query.get('van') ?? '');
    const tot = Date.parse(v.query.get('tot') ?? '');
    if (Number.isNaN(van) || Number.isNaN(tot))
      return json(400, { fout: 'van en tot zijn verplichte ISO-tijdstippen' });
    if (tot <= van) return json(400, { fout: 'tot moet na van liggen' });
    if (tot - van > MAX_VENSTER_MS) return json(400, { fout: 'een venster beslaat hoogstens 24 uur' });
    const items = wijzigingen
      .filter((w) => {
        const t = Date.parse(w.tijdstip);
        return t >= van && t < tot;
      })
      .map((w) =>
        w.wijziging === 'VERWIJDERD' || !w.vacature
          ? { vacatureReferentie: { vdabReferentie: w.vdabReferentie }, wijziging: w.wijziging }
          : { ...w.vacature, wijziging: w.wijziging },
      );
    return pagineer(v, items);
  };

  const logWijziging = (wijziging: VdabWijziging) => {
    let i = wijzigingen.length;
    while (i > 0 && (wijzigingen[i - 1] as VdabWijziging).tijdstip > wijziging.tijdstip) i--;
    wijzigingen.splice(i, 0, wijziging);
  };

  return {
    naam: 'vdab',
    routes: [
      { methode: 'POST', sjabloon: '/isam/sps/oauth/oauth20/token', handler: tokenRoute },
      {
        methode: 'GET',
        sjabloon: `${API}/vacatures/initial`,
        handler: beveiligd((v) => pagineer(v, vacatures)),
      },
      { methode: 'GET', sjabloon: `${API}/vacatures/bulk`, handler: beveiligd(bulk) },
      { methode: 'GET', sjabloon: `${API}/vacatures`, handler: beveiligd(zoek) },
      {
        methode: 'POST',
        sjabloon: `${API}/vacatures`,
        handler: beveiligd((v) => {
          const body = leesJson(v);
          const refs = isRecord(body) ? body['vdabReferenties'] : undefined;
          if (!Array.isArray(refs) || !refs.every((r): r is number => Number.isInteger(r))) {
            return json(400, { fout: 'vdabReferenties moet een lijst van getallen zijn' });
          }
          if (refs.length > 50) return json(400, { fout: 'maximaal 50 vdabReferenties per aanvraag' });
          const resultaten = refs
            .map((r) => perReferentie.get(r))
            .filter((x): x is VdabVacature => x !== undefined);
          return json(200, { totaal: resultaten.length, resultaten });
        }),
      },
      {
        methode: 'GET',
        sjabloon: `${API}/vacatures/{vdabReferentie}`,
        handler: beveiligd((v) => {
          const ref = v.params['vdabReferentie'] ?? '';
          if (!/^\d+$/.test(ref)) return json(400, { fout: 'vdabReferentie is een getal' });
          const vacature = perReferentie.get(Number(ref));
          return vacature ? json(200, vacature) : json(404, { fout: 'onbekende vacature' });
        }),
      },
      {
        methode: 'GET',
        sjabloon: '/knelpuntberoepen/{bestand}',
        handler: (v) =>
          v.params['bestand'] === `${knelpuntberoepen.jaar}.json`
            ? json(200, knelpuntberoepen)
            : json(404, { fout: `alleen de lijst van ${knelpuntberoepen.jaar} is gepubliceerd` }),
      },
    ],
    kapotAntwoord: () => json(200, { totaal: -1, resultaten: [{ vacatureReferentie: 'kapot' }] }),
    zetRecord: (body) => {
      let record: unknown;
      try {
        record = JSON.parse(body.toString('utf8'));
      } catch {
        return { fout: 'body is geen JSON' };
      }
      const ref =
        isRecord(record) && isRecord(record['vacatureReferentie'])
          ? record['vacatureReferentie']['vdabReferentie']
          : undefined;
      if (typeof ref !== 'number') return { fout: 'vacatureReferentie.vdabReferentie (een getal) ontbreekt' };
      const nu = new Date().toISOString();
      const bestaand = perReferentie.get(ref);
      const vacature = { ...(record as VdabVacature), wijzigingsDatum: nu };
      if (!bestaand) vacature.publicatieDatum = nu;
      if (bestaand) vacatures[vacatures.indexOf(bestaand)] = vacature;
      else vacatures.push(vacature);
      perReferentie.set(ref, vacature);
      logWijziging({
        tijdstip: nu,
        vdabReferentie: ref,
        wijziging: bestaand ? 'GEWIJZIGD' : 'NIEUW',
        vacature,
      });
      return { id: String(ref) };
    },
    verwijderRecord: (id) => {
      const vacature = perReferentie.get(Number(id));
      if (!vacature) return false;
      vacatures.splice(vacatures.indexOf(vacature), 1);
      perReferentie.delete(Number(id));
      logWijziging({
        tijdstip: new Date().toISOString(),
        vdabReferentie: Number(id),
        wijziging: 'VERWIJDERD',
      });
      return true;
    },
  };
}
