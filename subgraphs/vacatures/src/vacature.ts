import { normaliseerOndernemingsnummer, VLAANDEREN, type Gebied } from '@duaal-graph/domein';
import type { Bevinding } from '@duaal-graph/subgraph-toolkit';
import type { VdabVacature } from './vdab/schema.ts';

/** A vacature as the graph answers it: VDAB's record after the rules of vdab.md. */
export interface Vacature {
  /** The vdabReferentie, as text: the graph's id. */
  readonly id: string;
  readonly titel: string;
  readonly beroepsprofielCode: string;
  readonly beroepsprofielLabel: string;
  readonly contract: string;
  readonly duaal: boolean;
  readonly postcode: string;
  /** Null for a postcode the reference table does not know: such a vacature lies in no region. */
  readonly nisCode: string | null;
  readonly regioCode: string | null;
  /** Canonical KBO of the employer; null for an interim vacature or a missing or invalid number. */
  readonly werkgever: string | null;
  readonly leverancier: {
    readonly naam: string;
    readonly type: string;
    readonly ondernemingsnummer: string | null;
  };
  readonly publicatiedatum: string;
  readonly wijzigingsdatum: string;
  readonly aantalPosten: number;
  /** What the rules found on the record; the vacature is kept all the same. */
  readonly bevindingen: readonly Bevinding[];
}

/**
 * The rules of ../shared/partners/vdab.md: a vacature is real even when its data
 * are dirty, so it is always kept. A postcode the table does not know leaves it
 * without gemeente; a missing or failing KBO number leaves it without werkgever;
 * and an interim vacature's KBO number is the agency's, never the employer.
 */
export function normaliseerVacature(v: VdabVacature, gebied: Gebied = VLAANDEREN): Vacature {
  const id = String(v.vacatureReferentie.vdabReferentie);
  const bevindingen: Bevinding[] = [];
  const vindt = (veld: string, regel: string, waarde: string | null) =>
    bevindingen.push({ bron: 'VDAB', recordId: id, veld, regel, waarde });

  const postcode = v.tewerkstellingsadres.postcode.trim();
  const gemeente = gebied.gemeenteVoorPostcode(postcode);
  if (!gemeente) vindt('tewerkstellingsadres.postcode', 'ONBEKENDE_POSTCODE', postcode);

  const kbo = v.leverancier.kboNummer;
  const ondernemingsnummer =
    kbo === undefined || kbo === null || kbo.trim() === '' ? null : normaliseerOndernemingsnummer(kbo);
  if (kbo === undefined || kbo === null || kbo.trim() === '')
    vindt('leverancier.kboNummer', 'KBO_ONTBREEKT', null);
  else if (ondernemingsnummer === null) vindt('leverancier.kboNummer', 'KBO_CONTROLE', kbo);

  const contract = v.arbeidsovereenkomst.arbeidsContract;
  return {
    id,
    titel: v.functie.functieTitel,
    beroepsprofielCode: v.functie.beroepsprofiel.code.trim().toUpperCase(),
    beroepsprofielLabel: v.functie.beroepsprofiel.label,
    contract,
    duaal: contract === 'DUAAL_LEREN',
    postcode,
    nisCode: gemeente?.nisCode ?? null,
    regioCode: gemeente?.regioCode ?? null,
    // Either sign of interim work is enough: the number is then the agency's.
    werkgever: v.leverancier.type === 'WERKGEVER' && contract !== 'INTERIM' ? ondernemingsnummer : null,
    leverancier: { naam: v.leverancier.naam, type: v.leverancier.type, ondernemingsnummer },
    publicatiedatum: new Date(v.publicatieDatum).toISOString(),
    wijzigingsdatum: new Date(v.wijzigingsDatum).toISOString(),
    aantalPosten: v.aantalPosten,
    bevindingen,
  };
}
