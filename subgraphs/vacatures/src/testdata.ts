import type { VdabVacature } from './vdab/schema.ts';

/** A VDAB vacature as the API sends it (the fields the graph uses, and one it does not), for the unit tests. */
export function vdabRecord(
  ref: number,
  aanpassing: {
    postcode?: string;
    kboNummer?: string | null;
    type?: 'WERKGEVER' | 'INTERIMKANTOOR';
    contract?: VdabVacature['arbeidsovereenkomst']['arbeidsContract'];
    code?: string;
    aantalPosten?: number;
    wijzigingsDatum?: string;
  } = {},
): VdabVacature & { functie: { omschrijving: string } } {
  const kbo = aanpassing.kboNummer === undefined ? '0403170701' : aanpassing.kboNummer;
  return {
    vacatureReferentie: { vdabReferentie: ref },
    publicatieDatum: '2026-10-01T07:00:00Z',
    wijzigingsDatum: aanpassing.wijzigingsDatum ?? '2026-10-12T09:30:00Z',
    functie: {
      functieTitel: 'Elektricien (duaal leren)',
      beroepsprofiel: { code: aanpassing.code ?? 'F1602', label: 'Elektricien gebouwen' },
      omschrijving: 'Wordt niet bewaard.',
    },
    arbeidsovereenkomst: { arbeidsContract: aanpassing.contract ?? 'DUAAL_LEREN' },
    tewerkstellingsadres: { postcode: aanpassing.postcode ?? '8500' },
    leverancier: {
      naam: 'Elektro Vandenberghe BV',
      ...(kbo === null ? {} : { kboNummer: kbo }),
      type: aanpassing.type ?? 'WERKGEVER',
    },
    aantalPosten: aanpassing.aantalPosten ?? 1,
  };
}
