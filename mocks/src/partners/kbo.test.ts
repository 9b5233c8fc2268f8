import { describe, expect, it } from 'vitest';
import type { KboRecord } from '../wereld/kbo.ts';
import { updateRows } from './kbo-extract.ts';
import { leesBereik } from './kbo.ts';

describe('Range headers', () => {
  it.each([
    ['bytes=0-99', { start: 0, eind: 99 }],
    ['bytes=900-', { start: 900, eind: 999 }],
    ['bytes=-100', { start: 900, eind: 999 }],
    ['bytes=-5000', { start: 0, eind: 999 }],
    ['bytes=990-2000', { start: 990, eind: 999 }],
    ['bytes=1000-', 'onvervulbaar'],
    ['bytes=-0', 'onvervulbaar'],
  ] as const)('%s of 1000 bytes', (header, verwacht) => {
    expect(leesBereik(header, 1000)).toEqual(verwacht);
  });

  it.each([undefined, 'bytes=', 'bytes=5-2', 'bytes=0-1,5-6', 'items=0-5', 'bytes=a-b'])(
    'serves the whole file for %s',
    (header) => {
      expect(leesBereik(header, 1000)).toBeNull();
    },
  );
});

describe('update rows', () => {
  const ONDERNEMING = '0403.170.701';
  const VESTIGING = '2.145.678.996';
  const record = (naam: string, metVestiging: boolean): KboRecord => ({
    enterprise: [
      {
        EnterpriseNumber: ONDERNEMING,
        Status: 'AC',
        JuridicalSituation: '000',
        TypeOfEnterprise: '2',
        JuridicalForm: '610',
        JuridicalFormCAC: '',
        StartDate: '01-01-2020',
      },
    ],
    establishment: metVestiging
      ? [{ EstablishmentNumber: VESTIGING, StartDate: '01-01-2020', EnterpriseNumber: ONDERNEMING }]
      : [],
    denomination: [
      { EntityNumber: ONDERNEMING, Language: '2', TypeOfDenomination: '001', Denomination: naam },
    ],
    address: [],
    activity: [],
    contact: [],
  });

  it('deletes and inserts only the entities whose rows changed, per table', () => {
    const wijziging = { oud: record('Oud BV', true), nieuw: record('Nieuw BV', true) };
    expect(updateRows([wijziging], 'denomination')).toEqual({
      deletes: [ONDERNEMING],
      inserts: [
        { EntityNumber: ONDERNEMING, Language: '2', TypeOfDenomination: '001', Denomination: 'Nieuw BV' },
      ],
    });
    expect(updateRows([wijziging], 'enterprise')).toEqual({ deletes: [], inserts: [] });
    expect(updateRows([wijziging], 'establishment')).toEqual({ deletes: [], inserts: [] });
  });

  it('only inserts what is new, and only deletes what is gone', () => {
    expect(updateRows([{ oud: null, nieuw: record('A', false) }], 'enterprise').deletes).toEqual([]);
    expect(updateRows([{ oud: record('A', false), nieuw: record('A', true) }], 'establishment')).toEqual({
      deletes: [],
      inserts: [{ EstablishmentNumber: VESTIGING, StartDate: '01-01-2020', EnterpriseNumber: ONDERNEMING }],
    });
    expect(updateRows([{ oud: record('A', true), nieuw: null }], 'establishment')).toEqual({
      deletes: [VESTIGING],
      inserts: [],
    });
  });
});
