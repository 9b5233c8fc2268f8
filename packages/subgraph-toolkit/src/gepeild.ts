/**
 * A radar cell or regio total of a past date (`radar(op:)`, `regioTotalen(op:)`)
 * carries in `gepeild` the counts its measurement stored. Only the radar holds
 * the measurements, so it hands them to each owner of a count through
 * `@requires`; the owner then answers those, not its counts of now, and reads
 * no source for them. `gepeild` null (the radar of now) or absent: count as usual.
 */
export interface MetGepeild {
  readonly gepeild?: Readonly<Record<string, unknown>> | null;
}

/** The representation with the stored counts in place of the owner's own, or undefined when it is of now. */
export function gepeildeTellingen<T extends MetGepeild>(
  ref: T,
): (T & Readonly<Record<string, unknown>>) | undefined {
  return ref.gepeild ? { ...ref, ...ref.gepeild } : undefined;
}
