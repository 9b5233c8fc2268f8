/**
 * The outline of a union of polygons that share their borders exactly (as the
 * geo data set promises: shared borders were simplified once). An edge that
 * two members of the union share lies inside it; the edges left over are its
 * outline, chained into closed rings. Exact on such data, with no geometry
 * library and no floating-point clipping.
 */
export type Position = readonly [number, number];
export type Ring = readonly Position[];
export type PolygonRings = readonly Ring[];

const key = (p: Position) => `${p[0]},${p[1]}`;

/** The rings (outer and holes alike) of the union's boundary, each closed. */
export function dissolveOutline(polygons: readonly PolygonRings[]): Position[][] {
  // An edge counted by its undirected key; a shared one cancels out.
  const edges = new Map<string, { from: Position; to: Position; count: number }>();
  for (const polygon of polygons)
    for (const ring of polygon)
      for (let i = 0; i + 1 < ring.length; i++) {
        const from = ring[i];
        const to = ring[i + 1];
        if (!from || !to || key(from) === key(to)) continue;
        const k = [key(from), key(to)].sort().join('|');
        const edge = edges.get(k);
        if (edge) edge.count++;
        else edges.set(k, { from, to, count: 1 });
      }
  const next = new Map<string, Position[]>();
  const point = new Map<string, Position>();
  for (const { from, to, count } of edges.values()) {
    if (count !== 1) continue;
    point.set(key(from), from);
    point.set(key(to), to);
    const list = next.get(key(from)) ?? [];
    list.push(to);
    next.set(key(from), list);
    const back = next.get(key(to)) ?? [];
    back.push(from);
    next.set(key(to), back);
  }
  const rings: Position[][] = [];
  const used = new Set<string>();
  const edgeKey = (a: Position, b: Position) => [key(a), key(b)].sort().join('|');
  for (const [startKey, neighbours] of next) {
    for (const first of neighbours) {
      const startPoint = point.get(startKey);
      if (!startPoint || used.has(edgeKey(startPoint, first))) continue;
      const ring: Position[] = [startPoint];
      let current = first;
      used.add(edgeKey(startPoint, current));
      while (key(current) !== startKey) {
        ring.push(current);
        const candidates = (next.get(key(current)) ?? []).filter((p) => !used.has(edgeKey(current, p)));
        const step = candidates[0];
        if (!step) throw new Error(`outline does not close at ${key(current)}`);
        used.add(edgeKey(current, step));
        current = step;
      }
      ring.push(startPoint);
      rings.push(ring);
    }
  }
  return rings;
}
