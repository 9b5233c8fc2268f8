import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as wacht } from 'node:timers/promises';
import { leesConfig, type MockConfig } from './config.ts';
import {
  json,
  leesJson,
  matchTemplate,
  type MockRequest,
  type MockResponse,
  type StreamBody,
} from './http/routing.ts';
import { constructiv } from './partners/constructiv.ts';
import { educam } from './partners/educam.ts';
import { kazi } from './partners/kazi.ts';
import { kbo } from './partners/kbo.ts';
import { mtech } from './partners/mtech.ts';
import { onderwijs, registerOpleiding } from './partners/onderwijs.ts';
import type { Partner } from './partners/partner.ts';
import { vdab } from './partners/vdab.ts';
import { volta } from './partners/volta.ts';
import { woodwize } from './partners/woodwize.ts';
import { Stats } from './monitoring/stats.ts';
import { Faults, type Fault } from './monitoring/faults.ts';
import { genereerWereld, type Wereld } from './wereld/index.ts';
import { PARTNERS, type PartnerNaam } from './wereld/vuil.ts';

export { leesConfig, type MockConfig } from './config.ts';
export { PARTNERS, type PartnerNaam, type Vuil } from './wereld/vuil.ts';
export type { Wereld } from './wereld/index.ts';

const MAX_BODY = 1024 * 1024;

export interface MockPartners {
  readonly server: Server;
  readonly wereld: Wereld;
  readonly config: MockConfig;
}

export interface RunningMock {
  /** Base URL without trailing slash; partner prefixes go after it (`${url}/volta`). */
  readonly url: string;
  readonly wereld: Wereld;
  readonly stop: () => Promise<void>;
}

function bouwPartners(wereld: Wereld, config: MockConfig): Map<PartnerNaam, Partner> {
  const partners: Partner[] = [
    volta(wereld.volta.records, config),
    educam(wereld.educam.records, config),
    constructiv(wereld.constructiv.records, config),
    mtech(wereld.mtech.records, config),
    woodwize(wereld.woodwize.records),
    onderwijs(
      wereld.opleidingen.map(registerOpleiding),
      wereld.onderwijs.instellingen,
      wereld.onderwijs.aanbod,
    ),
    vdab(wereld.vdab.vacatures, wereld.vdab.wijzigingen, wereld.vdab.knelpuntberoepen, config),
    kazi(wereld.lerenden, wereld.matches, wereld.erkenningsplan, wereld.gebied, config),
    kbo(() => wereld.kbo, config),
  ];
  return new Map(partners.map((p) => [p.naam, p]));
}

/** Builds the one server that serves all nine partner APIs under their prefixes, plus the `/_mock` test hooks. */
export function buildMockServer(config: MockConfig = leesConfig()): MockPartners {
  const wereld = genereerWereld({
    seed: config.seed,
    schaal: config.schaal,
    vuil: config.vuil,
    referentiedatum: config.referentiedatum,
  });
  const partners = bouwPartners(wereld, config);
  const statistiek = new Stats();
  const storingen = new Faults(config.seed);

  const testhaak = async (verzoek: MockRequest): Promise<MockResponse> => {
    const { methode, pad } = verzoek;
    if (methode === 'GET' && pad === '/_mock/health') {
      return json(200, {
        status: 'ok',
        partners: PARTNERS,
        seed: config.seed,
        schaal: config.schaal,
        referentiedatum: config.referentiedatum,
      });
    }
    if (methode === 'GET' && pad === '/_mock/stats') return json(200, statistiek.snapshot());
    if (methode === 'POST' && pad === '/_mock/stats/reset') {
      statistiek.reset();
      return json(200, { gereset: true });
    }
    if (methode === 'GET' && pad === '/_mock/faults') return json(200, storingen.lijst());
    if (methode === 'POST' && pad === '/_mock/faults') {
      const resultaat = storingen.zet(leesJson(verzoek));
      return typeof resultaat === 'string' ? json(400, { fout: resultaat }) : json(200, resultaat);
    }
    if (methode === 'DELETE' && pad === '/_mock/faults') {
      storingen.wis();
      return { status: 204 };
    }
    if (methode === 'GET' && pad === '/_mock/vuil')
      return json(200, [...wereld.vuil, ...[...partners.values()].flatMap((p) => p.vuil?.() ?? [])]);
    const faultPartner = /^\/_mock\/faults\/([a-z]+)$/.exec(pad)?.[1];
    if (methode === 'DELETE' && faultPartner) {
      if (!partners.has(faultPartner as PartnerNaam)) return json(404, { fout: 'onbekende partner' });
      storingen.wis(faultPartner as PartnerNaam);
      return { status: 204 };
    }
    const eigen = /^\/_mock\/([a-z]+)(\/.+)$/.exec(pad);
    const eigenaar = eigen ? partners.get(eigen[1] as PartnerNaam) : undefined;
    for (const route of eigenaar?.haken ?? []) {
      const params = route.methode === methode ? matchTemplate(route.sjabloon, eigen?.[2] ?? '') : null;
      if (params) return route.handler({ ...verzoek, params });
    }
    const records = /^\/_mock\/([a-z]+)\/records(?:\/(.+))?$/.exec(pad);
    const partner = records ? partners.get(records[1] as PartnerNaam) : undefined;
    if (records && partner) {
      if (methode === 'POST' && records[2] === undefined) {
        const resultaat = partner.zetRecord(verzoek.body, verzoek.headers['content-type'] ?? '');
        return 'fout' in resultaat ? json(400, resultaat) : json(200, resultaat);
      }
      if (methode === 'DELETE' && records[2] !== undefined) {
        return partner.verwijderRecord(decodeURIComponent(records[2]))
          ? { status: 204 }
          : json(404, { fout: 'onbekend record' });
      }
    }
    return json(404, { fout: 'onbekende testhaak' });
  };

  const partnerVerzoek = async (
    naam: PartnerNaam,
    partner: Partner,
    verzoek: MockRequest,
    res: ServerResponse,
  ): Promise<MockResponse | null> => {
    const prefix = `/${naam}`;
    const onderPad = verzoek.pad.slice(prefix.length);
    let gevonden:
      { handler: Partner['routes'][number]['handler']; params: Record<string, string> } | undefined;
    let padBestaat = false;
    let routeNaam = `${verzoek.methode} ${verzoek.pad}`;
    for (const route of partner.routes) {
      const params = matchTemplate(route.sjabloon, onderPad);
      if (!params) continue;
      padBestaat = true;
      if (route.methode === verzoek.methode) {
        gevonden = { handler: route.handler, params };
        routeNaam = `${route.methode} ${prefix}${route.sjabloon}`;
        break;
      }
    }
    statistiek.tel(naam, routeNaam);
    if (config.latentieMs > 0) await wacht(config.latentieMs);

    const storing = storingen.voorVerzoek(naam);
    if (storing?.faalt) {
      const direct = await storingsAntwoord(storing, res);
      if (direct !== undefined) return direct;
    }
    // A broken body needs a body: while a body fault applies, a conditional request is answered in full, as a
    // partner whose export broke would answer a client without its ETag (a 304 would hide the fault).
    const lichaamsfout =
      storing?.faalt === true && (storing.mode === 'malformed' || storing.mode === 'truncated');
    const headers = lichaamsfout ? zonderVoorwaarden(verzoek.headers) : verzoek.headers;
    const antwoord: MockResponse = !gevonden
      ? json(padBestaat ? 405 : 404, { fout: padBestaat ? 'methode niet toegelaten' : 'onbekend pad' })
      : await gevonden.handler({ ...verzoek, headers, params: gevonden.params });
    if (storing?.faalt && storing.mode === 'malformed' && antwoord.status < 300)
      return partner.kapotAntwoord();
    if (storing?.faalt && storing.mode === 'truncated') {
      if (antwoord.stroom) await stuurStroom(res, antwoord, antwoord.stroom, true);
      else stuurAfgekapt(res, antwoord);
      return null;
    }
    return antwoord;
  };

  const server = createServer((req, res) => {
    void behandel(req, res).catch((fout: unknown) => {
      console.error('mock: onverwachte fout', fout);
      if (!res.headersSent) stuur(res, json(500, { fout: 'interne fout in de mock' }));
      else res.destroy();
    });
  });
  // Clients drop idle connections long before the server does: with Node's 5 s, a client
  // whose event loop was busy for seconds may send on a connection the server is closing.
  server.keepAliveTimeout = 60_000;
  server.on('close', () => {
    for (const partner of partners.values()) partner.sluit?.();
  });

  async function behandel(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://mock');
    const body = await leesBody(req);
    if (body === null) {
      stuur(res, json(413, { fout: `body groter dan ${MAX_BODY} bytes` }));
      return;
    }
    const verzoek: MockRequest = {
      methode: req.method ?? 'GET',
      pad: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      params: {},
      body,
    };
    if (url.pathname.startsWith('/_mock/')) {
      stuur(res, await testhaak(verzoek));
      return;
    }
    const naam = url.pathname.split('/')[1] as PartnerNaam;
    const partner = partners.get(naam);
    if (!partner) {
      stuur(res, json(404, { fout: 'onbekende partner' }));
      return;
    }
    const antwoord = await partnerVerzoek(naam, partner, verzoek, res);
    if (antwoord === null) return;
    if (antwoord.status === 429) statistiek.tel429(naam);
    if (antwoord.stroom) await stuurStroom(res, antwoord, antwoord.stroom);
    else stuur(res, antwoord);
  }

  return { server, wereld, config };
}

/** The request's headers without those that make it conditional (`If-None-Match`, `If-Modified-Since`, ...). */
function zonderVoorwaarden(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([naam]) => !naam.startsWith('if-')));
}

/** The fault modes that answer before the partner does; undefined lets the request through. */
async function storingsAntwoord(
  storing: Fault & { volgnummer: number },
  res: ServerResponse,
): Promise<MockResponse | null | undefined> {
  switch (storing.mode) {
    case 'down':
      res.socket?.destroy();
      return null;
    case 'slow':
      await wacht(storing.delayMs);
      return undefined;
    case 'error500':
      return storing.volgnummer % 2 === 1
        ? json(500, { fout: 'interne fout bij de partner' })
        : json(503, { fout: 'dienst tijdelijk onbeschikbaar' }, { 'retry-after': '1' });
    case 'flaky':
      return json(503, { fout: 'dienst tijdelijk onbeschikbaar' });
    case 'ratelimit':
      return json(429, { fout: 'te veel verzoeken' }, { 'retry-after': String(storing.retryAfterS) });
    case 'malformed':
    case 'truncated':
      return undefined;
  }
}

async function leesBody(req: IncomingMessage): Promise<Buffer | null> {
  const delen: Buffer[] = [];
  let lengte = 0;
  for await (const deel of req) {
    const buffer = deel as Buffer;
    lengte += buffer.length;
    if (lengte > MAX_BODY) return null;
    delen.push(buffer);
  }
  return Buffer.concat(delen);
}

function stuur(res: ServerResponse, antwoord: MockResponse): void {
  const body =
    antwoord.body === undefined
      ? undefined
      : Buffer.isBuffer(antwoord.body)
        ? antwoord.body
        : Buffer.from(antwoord.body);
  res.writeHead(antwoord.status, {
    ...antwoord.headers,
    ...(body ? { 'content-length': String(body.length) } : {}),
  });
  res.end(body);
}

/** Announces the whole body, sends half of it, and closes the connection. */
function stuurAfgekapt(res: ServerResponse, antwoord: MockResponse): void {
  const body = Buffer.from(antwoord.body ?? '');
  res.writeHead(antwoord.status, { ...antwoord.headers, 'content-length': String(body.length) });
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

/** Sends a streamed body with backpressure; `afgekapt` stops after half of it and closes the connection. */
async function stuurStroom(
  res: ServerResponse,
  antwoord: MockResponse,
  stroom: StreamBody,
  afgekapt = false,
): Promise<void> {
  // A client that goes away mid-download is no error of the mock's.
  res.on('error', () => undefined);
  res.writeHead(antwoord.status, { ...antwoord.headers, 'content-length': String(stroom.length) });
  const grens = afgekapt ? Math.floor(stroom.length / 2) : stroom.length;
  let verstuurd = 0;
  for await (const deel of stroom.open()) {
    if (verstuurd >= grens || res.destroyed) break;
    const stuk = deel.subarray(0, grens - verstuurd);
    verstuurd += stuk.length;
    if (!res.write(stuk)) {
      await new Promise<void>((resolve) => {
        const klaar = () => {
          res.off('drain', klaar);
          res.off('close', klaar);
          resolve();
        };
        res.on('drain', klaar);
        res.on('close', klaar);
      });
    }
  }
  if (afgekapt) res.socket?.destroy();
  else res.end();
}

/** Starts the mock partners; port 0 picks a free port. */
export async function startMockServer(config: MockConfig = leesConfig()): Promise<RunningMock> {
  const { server, wereld } = buildMockServer(config);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.poort, config.host, () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    wereld,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
