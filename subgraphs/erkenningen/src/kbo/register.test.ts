import { VLAANDEREN } from '@duaal-graph/domein';
import { describe, expect, it } from 'vitest';
import { kboGegevens, kboNaam, kboVestiging, sectorenVanNace, sectorKandidaatVan } from './gegevens.ts';
import { GEHEUGEN_OPSLAG, type KboRegister } from './register.ts';

const O = '0403.170.701';
const V = '2.145.678.996';
const stand = (nummer: number) => ({ nummer, volledig: 141, datum: '2026-10-01' });

function volledig(): KboRegister {
  const s = GEHEUGEN_OPSLAG.nieuw();
  s.voegToe('enterprise', {
    EnterpriseNumber: O,
    Status: 'AC',
    JuridicalSituation: '000',
    TypeOfEnterprise: '2',
    JuridicalForm: '610',
    StartDate: '01-02-2003',
  });
  s.voegToe('establishment', { EstablishmentNumber: V, StartDate: '05-06-2010', EnterpriseNumber: O });
  // Only a French legal name: used, as kbo.md says.
  s.voegToe('denomination', {
    EntityNumber: O,
    Language: '1',
    TypeOfDenomination: '001',
    Denomination: 'Elec SRL',
  });
  s.voegToe('denomination', {
    EntityNumber: O,
    Language: '2',
    TypeOfDenomination: '002',
    Denomination: 'EV',
  });
  s.voegToe('denomination', {
    EntityNumber: V,
    Language: '2',
    TypeOfDenomination: '003',
    Denomination: 'Winkel',
  });
  s.voegToe('address', {
    EntityNumber: O,
    TypeOfAddress: 'REGO',
    CountryNL: '',
    Zipcode: '8500',
    MunicipalityNL: 'Kortrijk',
    StreetNL: 'Markt',
    HouseNumber: '1',
    Box: 'A',
    DateStrikingOff: '',
  });
  s.voegToe('address', {
    EntityNumber: V,
    TypeOfAddress: 'BAET',
    CountryNL: '',
    Zipcode: '8000',
    MunicipalityNL: 'Brugge',
    StreetNL: 'Zand',
    HouseNumber: '2',
    Box: '',
    DateStrikingOff: '01-01-2020',
  });
  for (const [versie, code, klasse, groep] of [
    ['2008', '43211', 'MAIN', '001'],
    ['2008', '43211', 'MAIN', '003'],
    ['2003', '45311', 'MAIN', '001'],
    ['2008', '25620', 'SECO', '001'],
  ] as const)
    s.voegToe('activity', {
      EntityNumber: O,
      ActivityGroup: groep,
      NaceVersion: versie,
      NaceCode: code,
      Classification: klasse,
    });
  s.voegCodeToe({
    Category: 'JuridicalForm',
    Code: '610',
    Language: 'NL',
    Description: 'Besloten vennootschap',
  });
  s.voegCodeToe({ Category: 'JuridicalForm', Code: '610', Language: 'FR', Description: 'SRL' });
  // A number in no notation of the register names no entity.
  expect(s.voegToe('enterprise', { EnterpriseNumber: '403170701', Status: 'AC' })).toBe(false);
  return s.klaar(stand(141));
}

describe('the register in memory and its facts', () => {
  it('gives the facts with kbo.md’s dirt handled: French name, struck-off address, NACE 2003 left out', () => {
    const r = volledig();
    expect(kboNaam(r, O)).toBe('Elec SRL');
    expect(kboGegevens(r, O, VLAANDEREN)).toEqual({
      ondernemingsnummer: O,
      status: 'ACTIEF',
      rechtsvorm: 'Besloten vennootschap',
      startdatum: '2003-02-01',
      zetel: { straatnaam: 'Markt', huisnummer: '1 bus A', postcode: '8500', gemeente: { nisCode: '34022' } },
      activiteiten: [
        { code: '43211', versie: '2008', klasse: 'MAIN' },
        { code: '25620', versie: '2008', klasse: 'SECO' },
      ],
      hoofdactiviteit: { code: '43211', versie: '2008', klasse: 'MAIN' },
      vestigingsnummers: [V],
    });
    expect(kboVestiging(r, V, VLAANDEREN)).toEqual({
      vestigingsnummer: V,
      ondernemingsnummer: O,
      startdatum: '2010-06-05',
      adres: null,
      naam: 'Winkel',
    });
    expect(sectorKandidaatVan(r, O)).toBe('VOLTA');
    expect(sectorenVanNace(r, O)).toEqual(['VOLTA', 'MTECH']);
  });

  it('applies an update on a copy: deletes drop an entity’s rows of a table, inserts add them; the old register stays', () => {
    const oud = volledig();
    const s = GEHEUGEN_OPSLAG.verder(oud);
    s.verwijder('enterprise', O);
    s.voegToe('enterprise', {
      EnterpriseNumber: O,
      Status: 'ST',
      JuridicalForm: '610',
      StartDate: '01-02-2003',
    });
    s.verwijder('denomination', O);
    s.voegToe('denomination', {
      EntityNumber: O,
      Language: '2',
      TypeOfDenomination: '001',
      Denomination: 'Elektro NV',
    });
    s.verwijder('activity', O);
    s.voegToe('activity', {
      EntityNumber: O,
      ActivityGroup: '001',
      NaceVersion: '2025',
      NaceCode: '45201',
      Classification: 'MAIN',
    });
    s.voegToe('activity', {
      EntityNumber: O,
      ActivityGroup: '001',
      NaceVersion: '2008',
      NaceCode: '43211',
      Classification: 'MAIN',
    });
    s.verwijder('establishment', V);
    const nieuw = s.klaar(stand(142));
    expect(kboNaam(nieuw, O)).toBe('Elektro NV');
    expect(nieuw.onderneming(O)?.status).toBe('ST');
    expect(nieuw.vestigingenVan(O)).toEqual([]);
    // Stopped: no sector's candidate, though its 2025 MAIN code (preferred over 2008) is Educam's.
    expect(sectorKandidaatVan(nieuw, O)).toBeNull();
    expect(kboGegevens(nieuw, O, VLAANDEREN)?.hoofdactiviteit).toEqual({
      code: '45201',
      versie: '2025',
      klasse: 'MAIN',
    });
    expect(kboNaam(oud, O)).toBe('Elec SRL');
    expect(oud.vestigingenVan(O)).toEqual([V]);
    expect(nieuw.stand.nummer).toBe(142);
  });
});
