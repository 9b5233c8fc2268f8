import type { ErkenningFeit } from '../wereld/erkenningsplan.ts';
import type { KaziMatch } from '../wereld/kazi.ts';
import { zetelVan } from '../wereld/ondernemingen.ts';

/**
 * Where Kazi places a leerwerkplek (`vestigingNisCode`, ../shared/partners/kazi.md):
 * the municipality of the vestiging, else of the onderneming's seat, as far as
 * Kazi's own copy of the erkenningen and its own matches know them; null otherwise.
 */
export function maakLigging(
  kopie: readonly ErkenningFeit[],
  matches: readonly KaziMatch[],
): (ondernemingsnummer: string, vestigingsnummer: string | null) => string | null {
  const perVestiging = new Map<string, string>();
  const perOnderneming = new Map<string, string>();
  for (const f of kopie) {
    perVestiging.set(f.vestiging.nummer, f.vestiging.gemeente.nisCode);
    const zetel = zetelVan(f.onderneming);
    if (zetel) perOnderneming.set(f.onderneming.kbo, zetel.gemeente.nisCode);
  }
  // Companies Kazi matched outside the erkenningen: it knows the workplace it matched.
  for (const m of matches) {
    if (m.vestigingsnummer !== null && m.vestigingNisCode !== null) {
      if (!perVestiging.has(m.vestigingsnummer)) perVestiging.set(m.vestigingsnummer, m.vestigingNisCode);
      if (!perOnderneming.has(m.ondernemingsnummer))
        perOnderneming.set(m.ondernemingsnummer, m.vestigingNisCode);
    }
  }
  return (ondernemingsnummer, vestigingsnummer) =>
    (vestigingsnummer === null ? undefined : perVestiging.get(vestigingsnummer)) ??
    perOnderneming.get(ondernemingsnummer) ??
    null;
}
