/**
 * Splits a CSV text into rows of fields. A field in double quotes may hold the
 * separator, a line break or a doubled quote (Educam's names do: `"Garage Peeters; Zonen"`),
 * so the text is read character by character rather than split on lines and `;`.
 */
export function splitsCsv(tekst: string, scheiding = ';'): string[][] {
  const rijen: string[][] = [];
  let rij: string[] = [];
  let veld = '';
  let inAanhaling = false;
  let rijBegonnen = false;
  const invoer = tekst.startsWith('\uFEFF') ? tekst.slice(1) : tekst;
  for (let i = 0; i < invoer.length; i++) {
    const teken = invoer.charAt(i);
    if (inAanhaling) {
      if (teken === '"' && invoer.charAt(i + 1) === '"') {
        veld += '"';
        i++;
      } else if (teken === '"') inAanhaling = false;
      else veld += teken;
      continue;
    }
    if (teken === '\r' || teken === '\n') {
      if (teken === '\r' && invoer.charAt(i + 1) === '\n') i++;
      // An empty line is no row: a trailing line break must not add an empty record.
      if (rijBegonnen) {
        rij.push(veld);
        rijen.push(rij);
      }
      rij = [];
      veld = '';
      rijBegonnen = false;
      continue;
    }
    rijBegonnen = true;
    if (teken === '"') inAanhaling = true;
    else if (teken === scheiding) {
      rij.push(veld);
      veld = '';
    } else veld += teken;
  }
  if (rijBegonnen) {
    rij.push(veld);
    rijen.push(rij);
  }
  return rijen;
}
