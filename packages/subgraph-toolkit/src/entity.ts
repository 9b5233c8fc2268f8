/**
 * A representation with what a subgraph adds to it, as a new object (the
 * representation itself is left as the router sent it). Object.assign rather
 * than `{ ...ref, ...extra }`: a spread followed by more properties gives each
 * object built from a parsed representation a shape of its own, which costs
 * several microseconds per entity, seconds over the 18,000 cells of a
 * gemeente-scale radar of Flanders; Object.assign shares one shape.
 */
export function entityWith<R extends object, E extends object>(ref: R, extra: E): R & E {
  return Object.assign({}, ref, extra);
}

/**
 * A reference resolver's answer at once, with its error as a rejected promise:
 * in `_entities` an error thrown synchronously fails every representation of
 * the call, a rejected one only its own. The answers themselves stay plain
 * values, so the thousands of valid cells of a radar cost no promise each.
 */
export function perEntity<T>(resolve: () => T): T | Promise<never> {
  try {
    return resolve();
  } catch (fout) {
    return Promise.reject(fout instanceof Error ? fout : new Error(String(fout)));
  }
}
