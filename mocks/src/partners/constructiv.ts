import type { MockConfig } from '../config.ts';
import { header, integerParam, isRecord, json, type MockRequest } from '../http/routing.ts';
import type { ConstructivLeerwerkplek } from '../wereld/sectorfeeds.ts';
import { haalWeg, leesJsonRecord, zetIn, type Partner } from './partner.ts';

const PREFIX = '/constructiv';

/** Constructiv: HAL+JSON with cursor links that expire, HTTP Basic (../shared/partners/sectoren.md). */
export function constructiv(records: ConstructivLeerwerkplek[], config: MockConfig): Partner {
  const verwacht = `Basic ${Buffer.from(`${config.sleutels.constructiv.gebruiker}:${config.sleutels.constructiv.wachtwoord}`).toString('base64')}`;
  const hal = (status: number, body: unknown) =>
    json(status, body, { 'content-type': 'application/hal+json; charset=utf-8' });

  const lijst = (v: MockRequest) => {
    if (header(v, 'authorization') !== verwacht) {
      return json(
        401,
        { fout: 'authenticatie vereist' },
        { 'www-authenticate': 'Basic realm="constructiv"' },
      );
    }
    const size = integerParam(v.query, 'size', 100);
    if (size === null || size < 1 || size > 500)
      return json(400, { fout: 'size moet tussen 1 en 500 liggen' });
    const cursor = v.query.get('cursor');
    let naId = -Infinity;
    if (cursor !== null) {
      const gelezen = leesCursor(cursor);
      if (!gelezen) return json(400, { fout: 'ongeldige cursor' });
      if (Date.now() - gelezen.t > config.constructivCursorTtlS * 1000) {
        return json(410, { fout: 'cursor verlopen; begin opnieuw bij de eerste pagina' });
      }
      naId = gelezen.id;
    }
    const volgende = records.filter((r) => r.id > naId).sort((a, b) => a.id - b.id);
    const pagina = volgende.slice(0, size);
    const self = `${PREFIX}/leerwerkplekken?size=${size}${cursor === null ? '' : `&cursor=${cursor}`}`;
    const links: Record<string, { href: string }> = { self: { href: self } };
    const laatste = pagina[pagina.length - 1];
    if (laatste && volgende.length > size) {
      links['next'] = { href: `${PREFIX}/leerwerkplekken?size=${size}&cursor=${maakCursor(laatste.id)}` };
    }
    return hal(200, { _embedded: { leerwerkplekken: pagina }, _links: links });
  };

  return {
    naam: 'constructiv',
    routes: [{ methode: 'GET', sjabloon: '/leerwerkplekken', handler: lijst }],
    kapotAntwoord: () =>
      hal(200, { _embedded: { leerwerkplekken: [{ id: 'geen-getal', periode: 'altijd' }] }, _links: {} }),
    zetRecord: (body) => {
      const gelezen = leesJsonRecord<ConstructivLeerwerkplek>(body, 'id', 'number');
      if ('fout' in gelezen) return gelezen;
      zetIn(records, gelezen.record, (r) => String(r.id));
      return { id: String(gelezen.record.id) };
    },
    verwijderRecord: (id) => haalWeg(records, id, (r) => String(r.id)),
  };
}

function maakCursor(id: number): string {
  return Buffer.from(JSON.stringify({ id, t: Date.now() })).toString('base64url');
}

function leesCursor(cursor: string): { id: number; t: number } | null {
  try {
    const waarde: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isRecord(waarde) && typeof waarde['id'] === 'number' && typeof waarde['t'] === 'number') {
      return { id: waarde['id'], t: waarde['t'] };
    }
  } catch {
    // falls through: an unreadable cursor
  }
  return null;
}
