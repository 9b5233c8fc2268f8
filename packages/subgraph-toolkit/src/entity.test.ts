import { describe, expect, it } from 'vitest';
import { entityWith, perEntity } from './entity.ts';
import { PartnerError } from './partner-client.ts';
import { Snapshot } from './snapshot.ts';
import { SourceUsage } from './source-status.ts';

describe('the per-entity helpers of a reference resolver', () => {
  it('entityWith: a new object, the additions over the representation, the representation untouched', () => {
    const ref = { __typename: 'RadarCel', id: '31003|DS-ADM-3', aantalVacatures: 2 };
    const cel = entityWith(ref, { id: 'anders', aantalAanbieders: 0 });
    expect(cel).toEqual({ __typename: 'RadarCel', id: 'anders', aantalVacatures: 2, aantalAanbieders: 0 });
    expect(cel).not.toBe(ref);
    expect(ref).toEqual({ __typename: 'RadarCel', id: '31003|DS-ADM-3', aantalVacatures: 2 });
  });

  it('perEntity: the answer as it is, a throw as a rejection', async () => {
    const antwoord = { id: 'x' };
    expect(perEntity(() => antwoord)).toBe(antwoord);
    const fout = new Error('onbekende radarcel');
    let geworpen: unknown = null;
    const uit = (() => {
      try {
        return perEntity((): object => {
          throw fout;
        });
      } catch (e) {
        geworpen = e;
        return null;
      }
    })();
    expect(geworpen).toBeNull();
    await expect(uit).rejects.toBe(fout);
  });
});

describe('SourceUsage.meldKopie', () => {
  it('reports a copy once per request, as it was at its first use', async () => {
    let beurt = 0;
    const kopie = new Snapshot<number>({
      bron: 'VDAB',
      intervalMs: 60_000,
      laad: () => {
        beurt += 1;
        return beurt === 1
          ? Promise.resolve(1)
          : Promise.reject(new PartnerError('VDAB', 'TIMEOUT', 'traag'));
      },
    });
    const zonder = new SourceUsage();
    zonder.meldKopie(kopie);
    expect(zonder.lijst()).toEqual([
      { bron: 'VDAB', toestand: 'ONBESCHIKBAAR', reden: 'ERROR', bijgewerktOp: null },
    ]);
    expect(zonder.fouten().map((f) => f.extensions['bron'])).toEqual(['VDAB']);

    await kopie.ververs();
    const verzoek = new SourceUsage();
    verzoek.meldKopie(kopie);
    const eerst = verzoek.lijst();
    expect(eerst).toEqual([kopie.status()]);
    expect(eerst[0]?.toestand).toBe('ACTUEEL');
    await kopie.ververs();
    expect(kopie.status().toestand).toBe('VEROUDERD');
    verzoek.meldKopie(kopie);
    expect(verzoek.lijst()).toEqual(eerst);
    // Another request judges the copy anew.
    const volgende = new SourceUsage();
    volgende.meldKopie(kopie);
    expect(volgende.lijst()).toEqual([kopie.status()]);
    expect(volgende.lijst()[0]?.toestand).toBe('VEROUDERD');
  });
});
