import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { HOST, partnerError, withNock } from '@duaal-graph/subgraph-toolkit/test-helpers';
import { WoodwizeClient } from './woodwize.ts';

const client = () => new WoodwizeClient({ basisUrl: `${HOST}/woodwize`, timeoutMs: 500, pogingen: 1 });

const erkenning = (id: string, naam: string, vestiging = true, mentoren = '1') =>
  [
    `  <erkenning id="${id}">`,
    `    <onderneming kbo="0403.170.701">${naam}</onderneming>`,
    vestiging ? '    <vestiging nr="2.145.678.996" postcode="8800" nis="36015"/>' : '',
    '    <opleiding code="DS-SWH-3"/>',
    '    <status>erkend</status>',
    '    <geldig van="2024-09-01"/>',
    `    <mentoren>${mentoren}</mentoren>`,
    '  </erkenning>',
  ].join('\n');

const pagina = (nummer: number, paginas: number, ...erkenningen: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<erkenningen pagina="${nummer}" paginas="${paginas}" totaal="3">\n${erkenningen.join('\n')}\n</erkenningen>\n`;

const woodwize = () => nock(HOST, { badheaders: ['authorization'] }).get('/woodwize/feed/erkenningen.xml');

describe('WoodwizeClient', () => {
  withNock();

  it('reads every page, decodes entities, and keeps a record without <vestiging>', async () => {
    woodwize()
      .query({ pagina: '1' })
      .reply(
        200,
        pagina(
          1,
          2,
          erkenning('WW-1', 'Vermeulen &amp; &lt;Zonen&gt; &quot;Hout&quot;'),
          erkenning('WW-2', 'Dhondt &#38; Co', false),
        ),
      );
    woodwize()
      .query({ pagina: '2' })
      .reply(200, pagina(2, 2, erkenning('WW-3', 'Hout')));
    const lezing = await client().leesAlles();
    expect(lezing.bevindingen).toEqual([]);
    expect(lezing.records.map((r) => [r.id, r.naam])).toEqual([
      ['WW-1', 'Vermeulen & <Zonen> "Hout"'],
      ['WW-2', 'Dhondt & Co'],
      ['WW-3', 'Hout'],
    ]);
    expect(lezing.records[0]).toMatchObject({
      kbo: '0403.170.701',
      vestiging: { nr: '2.145.678.996', postcode: '8800', nis: '36015' },
      opleiding: 'DS-SWH-3',
      status: 'erkend',
      van: '2024-09-01',
      tot: null,
      mentoren: '1',
    });
    expect(lezing.records[1]?.vestiging).toBeNull();
  });

  it('turns a record that breaks the contract into a finding named by its id', async () => {
    woodwize()
      .query({ pagina: '1' })
      .reply(
        200,
        pagina(1, 1, erkenning('WW-1', 'A'), erkenning('WW-2', 'B', true, 'veel'), erkenning('WW-3', 'C')),
      );
    const lezing = await client().leesAlles();
    expect(lezing.records.map((r) => r.id)).toEqual(['WW-1', 'WW-3']);
    expect(lezing.bevindingen).toEqual([
      { bron: 'WOODWIZE', recordId: 'WW-2', veld: 'mentoren', regel: 'VORM', waarde: 'veel' },
    ]);
  });

  it('fails the read on a page cut off halfway', async () => {
    woodwize()
      .query(true)
      .reply(200, '<?xml version="1.0"?>\n<erkenningen pagina="1"><erkenning id="WW-1"><onderneming kbo=');
    expect((await partnerError(client().leesAlles())).reden).toBe('INVALID_RESPONSE');
  });
});
