import type { RadarCel } from '../graph/types.ts';
import { classify, regionValue, type LegendEntry, type Measure } from './measures.ts';

/** The scale the map colours: each regio, or each gemeente by its own cell. */
export type Schaal = 'regio' | 'gemeente';

export interface AreaPaint {
  readonly colour: string;
  readonly label: string;
  /** The name the tooltip shows after the gemeente's: its regio. */
  readonly regioNaam: string;
}

/** The key a cell paints on the map: its regio's code, or per gemeente its gemeente's NIS code. */
export function areaKey(cel: RadarCel, schaal: Schaal): string {
  return schaal === 'gemeente' ? (cel.gemeente?.nisCode ?? '') : cel.regioCode;
}

/**
 * The fill and tooltip of every area (keyed by `areaKey`) from the cells of the
 * chosen opleiding(en), and the legend of their scale.
 */
export function paintAreas(
  cells: readonly RadarCel[],
  measure: Measure,
  oneOpleiding: boolean,
  schaal: Schaal,
): { paint: Map<string, AreaPaint>; legend: LegendEntry[] } {
  const byArea = new Map<string, RadarCel[]>();
  for (const c of cells) {
    const key = areaKey(c, schaal);
    if (key !== '') byArea.set(key, [...(byArea.get(key) ?? []), c]);
  }
  const values = new Map([...byArea].map(([key, list]) => [key, regionValue(list, measure, oneOpleiding)]));
  const scale = classify(
    [...values.values()].map((v) => v.value),
    measure,
    oneOpleiding,
  );
  const paint = new Map<string, AreaPaint>(
    [...values].map(([key, v]) => [
      key,
      { colour: scale.colour(v.value), label: v.label, regioNaam: byArea.get(key)?.[0]?.regio.naam ?? key },
    ]),
  );
  return { paint, legend: scale.legend };
}

/** The scale in the page's address (`#/radar?per=gemeente`), so that a link can be shared. */
export function schaalFromHash(hash: string): Schaal {
  return new URLSearchParams(hash.split('?')[1] ?? '').get('per') === 'gemeente' ? 'gemeente' : 'regio';
}

/** The address with the scale set (per regio, the default, leaves `per` out), other parameters kept. */
export function hashWithSchaal(hash: string, schaal: Schaal): string {
  const [path = '', query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  if (schaal === 'gemeente') params.set('per', 'gemeente');
  else params.delete('per');
  const rest = params.toString();
  return rest ? `${path}?${rest}` : path;
}
