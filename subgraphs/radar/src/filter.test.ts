import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  graafSignalenLezer,
  past,
  vraagtSignalen,
  witteVlekkenVan,
  type CelSignalen,
  type SignaalVraag,
  type SignalenAntwoord,
} from './filter.ts';

const cel = (
  regioCode: string,
  signalen: CelSignalen['signalen'],
  onbekend: CelSignalen['onbekend'] = [],
) => ({
  regioCode,
  witteVlek: signalen.length > 0,
  signalen,
  onbekend,
});

const antwoord = (cellen: [string, CelSignalen][], fouten: string[] = []): SignalenAntwoord => ({
  cellen: new Map(cellen),
  fouten,
});

describe('the signal fields of a radar filter', () => {
  it('asks the graph only when a signal or alleenWitteVlekken: true is given', () => {
    expect(vraagtSignalen(null)).toBe(false);
    expect(vraagtSignalen({ alleenWitteVlekken: false })).toBe(false);
    expect(vraagtSignalen({ signaal: null, alleenWitteVlekken: null })).toBe(false);
    expect(vraagtSignalen({ alleenWitteVlekken: true })).toBe(true);
    expect(vraagtSignalen({ signaal: 'VRAAG_ZONDER_AANBOD' })).toBe(true);
  });

  it('keeps a cell that raises the signal and, together, is a witte vlek; never a cell the graph did not show', () => {
    const vlek = cel('MIDWEST', ['VRAAG_ZONDER_AANBOD']);
    expect(past(vlek, { signaal: 'VRAAG_ZONDER_AANBOD' })).toBe(true);
    expect(past(vlek, { signaal: 'KNELPUNT_ZONDER_AANBOD' })).toBe(false);
    expect(past(vlek, { signaal: 'VRAAG_ZONDER_AANBOD', alleenWitteVlekken: true })).toBe(true);
    expect(past(cel('MIDWEST', []), { alleenWitteVlekken: true })).toBe(false);
    expect(past(undefined, { alleenWitteVlekken: true })).toBe(false);
  });
});

describe('the witte vlekken of a regio', () => {
  it('counts the cells of the regio that are one', () => {
    const a = antwoord([
      ['MIDWEST|A', cel('MIDWEST', ['VRAAG_ZONDER_AANBOD'])],
      ['MIDWEST|B', cel('MIDWEST', [], ['ERKENDE_LEERWERKPLEKKEN'])],
      ['MIDWEST|C', cel('MIDWEST', ['AANBOD_ZONDER_LEERWERKPLEKKEN', 'KNELPUNT_ZONDER_AANBOD'])],
      ['WESTHOEK|A', cel('WESTHOEK', ['VRAAG_ZONDER_AANBOD'])],
    ]);
    expect(witteVlekkenVan(a, 'MIDWEST', [])).toBe(2);
    expect(witteVlekkenVan(a, 'WESTHOEK', [])).toBe(1);
    expect(witteVlekkenVan(a, 'OOSTENDE', [])).toBe(0);
  });

  it('is not known when a measure the signals read is not, except for good (no erkenningsbron)', () => {
    const a = antwoord([
      ['MIDWEST|A', cel('MIDWEST', ['VRAAG_ZONDER_AANBOD'], ['VACATURES'])],
      ['MIDWEST|B', cel('MIDWEST', [], ['AANBOD'])],
    ]);
    // A cell without a signal whose offer is unknown might be one.
    expect(witteVlekkenVan(a, 'MIDWEST', [])).toBeNull();
    const zonderB = antwoord([['MIDWEST|A', cel('MIDWEST', ['VRAAG_ZONDER_AANBOD'], ['VACATURES'])]]);
    // A raised signal stands whatever else is unknown.
    expect(witteVlekkenVan(zonderB, 'MIDWEST', [])).toBe(1);
    // An erkenningsbron never read: the regio's total says so.
    expect(witteVlekkenVan(zonderB, 'MIDWEST', ['ERKENDE_LEERWERKPLEKKEN'])).toBeNull();
    // What the signals never read does not matter.
    expect(witteVlekkenVan(zonderB, 'MIDWEST', ['GESTARTE_LERENDEN', 'ACTIEVE_LEERWERKPLEKKEN'])).toBe(1);
    // An inner answer with errors may miss signals.
    expect(witteVlekkenVan(antwoord([], ['PARTNER_UNAVAILABLE']), 'MIDWEST', [])).toBeNull();
  });
});

const VRAAG: SignaalVraag = {
  provincie: 'WEST_VLAANDEREN',
  niveau: null,
  per: 'GEMEENTE',
  regioCode: 'MIDWEST',
  nisCode: null,
  opleidingscode: null,
};

async function lees(verzoek: IncomingMessage): Promise<Record<string, unknown>> {
  let tekst = '';
  for await (const deel of verzoek) tekst += String(deel);
  return JSON.parse(tekst) as Record<string, unknown>;
}

describe('reading the signals through the graph', () => {
  it('asks the unfiltered radar once for identical questions under way, and fails clearly without a radar', async () => {
    const gevraagd: Record<string, unknown>[] = [];
    let zonderRadar = false;
    const server = createServer((verzoek, antwoord) => {
      void lees(verzoek).then((lijf) => {
        gevraagd.push(lijf);
        antwoord.setHeader('content-type', 'application/json');
        const cellen = [
          {
            id: '34022|X',
            regioCode: 'MIDWEST',
            witteVlek: true,
            signalen: ['VRAAG_ZONDER_AANBOD'],
            onbekend: [],
          },
        ];
        // Answered late, so that the second question comes while the first is under way.
        setTimeout(() => {
          antwoord.end(
            JSON.stringify(
              zonderRadar
                ? { data: null, errors: [{ message: 'x', extensions: { code: 'X' } }] }
                : { data: { radar: cellen } },
            ),
          );
        }, 50);
      });
    });
    await new Promise<void>((klaar) => server.listen(0, '127.0.0.1', klaar));
    try {
      const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/graphql`;
      const lezer = graafSignalenLezer(() => url, 5_000);
      const [een, twee] = await Promise.all([lezer(VRAAG), lezer(VRAAG)]);
      expect(gevraagd).toHaveLength(1);
      expect(een).toBe(twee);
      expect(een.cellen.get('34022|X')?.signalen).toEqual(['VRAAG_ZONDER_AANBOD']);
      expect(gevraagd[0]?.['variables']).toEqual({
        provincie: 'WEST_VLAANDEREN',
        niveau: null,
        per: 'GEMEENTE',
        filter: { regioCode: 'MIDWEST', nisCode: null, opleidingscode: null },
      });
      expect(String(gevraagd[0]?.['query'])).not.toContain('signaal:');
      // Answered: the next question asks again (keeping answers is the gateway's cache's job).
      await lezer(VRAAG);
      expect(gevraagd).toHaveLength(2);
      // `op` is passed on when given.
      await lezer({ ...VRAAG, op: '2026-10-01' });
      expect(gevraagd[2]?.['variables']).toMatchObject({ op: '2026-10-01' });
      expect(String(gevraagd[2]?.['query'])).toContain('op: $op');
      zonderRadar = true;
      await expect(lezer(VRAAG)).rejects.toMatchObject({ extensions: { code: 'PARTNER_UNAVAILABLE' } });
    } finally {
      server.close();
    }
  });
});
