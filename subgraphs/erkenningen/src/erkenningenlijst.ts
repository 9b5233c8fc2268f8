import { dagenTussen } from '@duaal-graph/domein';
import { badUserInput } from '@duaal-graph/subgraph-toolkit';
import type { ErkenningsIndex } from './erkenningsindex.ts';
import { erkendOp, type Erkenning, type ErkenningStatus, type Sector } from './model.ts';

/** `ErkenningFilter` as GraphQL hands it over: every field optional. */
export interface ErkenningFilter {
  readonly sector?: Sector | null;
  readonly status?: ErkenningStatus | null;
  readonly geldig?: boolean | null;
  readonly vervaltVanaf?: string | null;
  readonly vervaltTot?: string | null;
  readonly regioCode?: string | null;
  readonly nisCode?: string | null;
  readonly opleidingscode?: string | null;
}

/** The filter with its identifiers checked and made canonical. */
export interface Voorwaarden {
  readonly sector: Sector | null;
  readonly status: ErkenningStatus | null;
  readonly geldig: boolean | null;
  readonly vervaltVanaf: string | null;
  readonly vervaltTot: string | null;
  readonly regioCode: string | null;
  readonly nisCode: string | null;
  readonly opleidingscode: string | null;
}

/** `Erkenning.geldig`: ERKEND, started, and not yet ended on the reference date. */
export const geldig = erkendOp;

/** `Erkenning.dagenTotVerval`: days from the reference date to `geldigTot` (negative once expired); null when open-ended. */
export function dagenTotVerval(e: Pick<Erkenning, 'geldigTot'>, referentiedatum: string): number | null {
  return e.geldigTot === null ? null : dagenTussen(referentiedatum, e.geldigTot);
}

const utf8 = new TextEncoder();

/** Byte order of the UTF-8 text, as the contract orders ids (JavaScript's `<` compares UTF-16 units). */
export function bytevolgorde(a: string, b: string): number {
  return Buffer.compare(utf8.encode(a), utf8.encode(b));
}

/** The contract's order: `geldigTot` ascending, open-ended last, then id in byte order. */
export function opVerval(a: Erkenning, b: Erkenning): number {
  if (a.geldigTot !== b.geldigTot) {
    if (a.geldigTot === null) return 1;
    if (b.geldigTot === null) return -1;
    return a.geldigTot < b.geldigTot ? -1 : 1;
  }
  return bytevolgorde(a.id, b.id);
}

/** A window that ends before it starts is a mistake of the caller, not an empty answer. */
export function controleerVenster(vanaf: string | null, tot: string | null): void {
  if (vanaf !== null && tot !== null && tot < vanaf)
    throw badUserInput('vervaltTot', `${tot} ligt voor vervaltVanaf ${vanaf}`);
}

// Sorting every erkenning costs more than filtering them: done once per index (per view of a snapshot).
const gesorteerd = new WeakMap<ErkenningsIndex, readonly Erkenning[]>();

function opVervalGesorteerd(index: ErkenningsIndex): readonly Erkenning[] {
  let lijst = gesorteerd.get(index);
  if (!lijst) {
    lijst = [...index.alle].sort(opVerval);
    gesorteerd.set(index, lijst);
  }
  return lijst;
}

/**
 * The erkenningen of the index (already the caller's view) that meet every
 * condition, in the contract's order. The vervalt bounds bound `geldigTot`
 * inclusively; an open-ended erkenning never expires, so either bound leaves it
 * out. Place conditions use the vestiging's address, as the ondernemingen filter does.
 */
export function selecteer(index: ErkenningsIndex, v: Voorwaarden): Erkenning[] {
  const datum = index.referentiedatum;
  return opVervalGesorteerd(index).filter((e) => {
    if (v.sector && e.sector !== v.sector) return false;
    if (v.status && e.status !== v.status) return false;
    if (v.opleidingscode && e.opleidingscode !== v.opleidingscode) return false;
    if (v.geldig !== null && geldig(e, datum) !== v.geldig) return false;
    if (v.vervaltVanaf !== null && (e.geldigTot === null || e.geldigTot < v.vervaltVanaf)) return false;
    if (v.vervaltTot !== null && (e.geldigTot === null || e.geldigTot > v.vervaltTot)) return false;
    if (!v.nisCode && !v.regioCode) return true;
    const plaats = e.vestigingsnummer ? index.vestigingen.get(e.vestigingsnummer)?.plaats : undefined;
    return (
      (!v.nisCode || plaats?.nisCode === v.nisCode) && (!v.regioCode || plaats?.regioCode === v.regioCode)
    );
  });
}
