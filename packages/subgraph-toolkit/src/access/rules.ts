import type { Gebruiker, Rol } from './caller.ts';
import { ROLLEN } from './caller.ts';

/**
 * One access rule as `@toegang` states it: the roles that always see the thing,
 * the roles that see only what is theirs (a partner its own sector, a
 * trajectbegeleider its own school), and the `status` values everyone sees.
 */
export interface AccessRule {
  readonly rollen: ReadonlySet<Rol>;
  readonly eigen: ReadonlySet<Rol>;
  readonly openbareStatus: ReadonlySet<string> | null;
}

function rollenUit(waarden: readonly string[], plaats: string): Set<Rol> {
  for (const w of waarden) {
    if (!(ROLLEN as readonly string[]).includes(w))
      throw new Error(`@toegang on ${plaats}: unknown role "${w}"`);
  }
  return new Set(waarden as Rol[]);
}

export function makeAccessRule(
  args: {
    rollen: readonly string[];
    eigen?: readonly string[] | null;
    openbareStatus?: readonly string[] | null;
  },
  plaats: string,
): AccessRule {
  const eigen = rollenUit(args.eigen ?? [], plaats);
  for (const r of eigen) {
    if (r !== 'partner' && r !== 'trajectbegeleider')
      throw new Error(`@toegang on ${plaats}: only partner and trajectbegeleider own things, not ${r}`);
  }
  return {
    rollen: rollenUit(args.rollen, plaats),
    eigen,
    openbareStatus: args.openbareStatus ? new Set(args.openbareStatus) : null,
  };
}

function veld(object: unknown, naam: string): unknown {
  return typeof object === 'object' && object !== null
    ? (object as Record<string, unknown>)[naam]
    : undefined;
}

/** The sector a thing belongs to: its `sector`, or the `bron` of a source report. */
function sectorVan(object: unknown): unknown {
  return veld(object, 'sector') ?? veld(object, 'bron');
}

/** The school a thing belongs to: its `instellingsnummer`, or its school's. */
function schoolVan(object: unknown): unknown {
  return veld(object, 'instellingsnummer') ?? veld(veld(object, 'school'), 'instellingsnummer');
}

/**
 * Whether the caller may see the thing. `object` is the thing the rule stands
 * on (the object for a type or field rule, the input object for an input field);
 * without one, an owner role is let through and its items are filtered instead.
 */
export function maySee(
  regel: AccessRule,
  gebruiker: Gebruiker,
  object: unknown,
  heeftObject = true,
): boolean {
  if (regel.openbareStatus && heeftObject && regel.openbareStatus.has(String(veld(object, 'status'))))
    return true;
  if (gebruiker.soort === 'publiek') return false;
  if (regel.rollen.has(gebruiker.rol)) return true;
  if (!regel.eigen.has(gebruiker.rol)) return false;
  if (!heeftObject) return true;
  if (gebruiker.rol === 'partner')
    return gebruiker.sector !== undefined && sectorVan(object) === gebruiker.sector;
  return gebruiker.instellingsnummer !== undefined && schoolVan(object) === gebruiker.instellingsnummer;
}

/** Whether an argument value asks only for what everyone may see. */
export function isPublicValue(regel: AccessRule, waarde: unknown): boolean {
  if (waarde === undefined || waarde === null) return true;
  const waarden: unknown[] = Array.isArray(waarde) ? waarde : [waarde];
  return regel.openbareStatus !== null && waarden.every((w) => regel.openbareStatus?.has(String(w)));
}

/**
 * Whether the caller may ask for this value. `eigenaar` is the thing whose
 * ownership decides for an owner role: the input object of an input field (a
 * filter that names its sector); for a plain argument there is none, the owner
 * role may ask and the items it may not see are left out.
 */
export function mayAsk(
  regel: AccessRule,
  gebruiker: Gebruiker,
  waarde: unknown,
  eigenaar?: unknown,
): boolean {
  if (isPublicValue(regel, waarde)) return true;
  return maySee({ ...regel, openbareStatus: null }, gebruiker, eigenaar, eigenaar !== undefined);
}
