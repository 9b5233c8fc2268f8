import { isNisCode, leesCelId, VLAANDEREN, type Provincie } from '@duaal-graph/domein';
import { badUserInput } from '@duaal-graph/subgraph-toolkit';
import type { RadarSchaal } from '../cellen.ts';
import type { maakResolvers, RadarContext } from '../resolvers.ts';
import type { CelTellingen, RadarMaat, Signaal } from '../signalen.ts';
import type { RegioTotaal, TotaalTellingen } from '../totalen.ts';
import type { Peiling, PeilingOpslag, PeilingSoort } from './opslag.ts';
import {
  codesVanNiveau,
  geenPeiling,
  leesVerledenTotaalId,
  verledenCellen,
  verledenTotalen,
  type Rij,
  type VerledenCel,
  type VerledenFilter,
  type VerledenTotaal,
} from './verleden.ts';

type RadarResolvers = ReturnType<typeof maakResolvers>;

/** What the radar's own resolvers receive of a cell or total of a past date: its stored row. */
interface MetBewaard {
  readonly bewaard?: Rij;
}

const gebied = VLAANDEREN;

const lijst = <T extends string>(waarde: unknown): T[] =>
  Array.isArray(waarde) ? (waarde as unknown[]).filter((w): w is T => typeof w === 'string') : [];

/**
 * `radar(op:)` and `regioTotalen(op:)`: the radar of a past date from the
 * measurement that holds it, over the radar of now. Only the radar holds the
 * measurements, so its cells carry the stored counts to their owners
 * (`gepeild`, `@requires`); the signals, `witteVlek` and `onbekend` are the
 * stored ones, read again by the cell's key (which names the measurement's date)
 * when the gateway asks for them. An answer that read the store is never kept
 * by the gateway's response cache: a new measurement changes what `op:` means.
 */
export function metVerleden(basis: RadarResolvers, opslag: () => PeilingOpslag) {
  // One read of a measurement's part per request, however many cells of it the gateway asks about.
  const delen = new WeakMap<object, Map<string, Promise<Rij[]>>>();
  const deel = (ctx: RadarContext, op: string, provincie: string, soort: PeilingSoort): Promise<Rij[]> => {
    ctx.bronnen.meldOpslag();
    const perVraag = delen.get(ctx) ?? new Map<string, Promise<Rij[]>>();
    delen.set(ctx, perVraag);
    const sleutel = `${op}|${provincie}|${soort}`;
    let rijen = perVraag.get(sleutel);
    if (!rijen) {
      rijen = opslag().rijen(op, provincie, soort);
      perVraag.set(sleutel, rijen);
    }
    return rijen;
  };

  const peilingVoor = async (op: string, ctx: RadarContext): Promise<Peiling> => {
    ctx.bronnen.meldOpslag();
    const peiling = await opslag().laatsteOpOfVoor(op);
    if (peiling) return peiling;
    throw geenPeiling(op, (await opslag().lijst())[0]?.op);
  };

  /** The opleidingen of a niveau at a measurement; null for every niveau. */
  const niveauCodes = async (
    ctx: RadarContext,
    peiling: Peiling,
    provincie: string,
    niveau: string | null | undefined,
  ): Promise<Set<string> | null> => {
    if (!niveau) return null;
    const totalen = await deel(ctx, peiling.op, provincie, `TOTALEN_${niveau}` as PeilingSoort);
    if (totalen.length === 0)
      throw badUserInput('niveau', `de peiling van ${peiling.op} bewaart de opleidingen per niveau niet`);
    return codesVanNiveau(totalen);
  };

  /** The stored row of a cell of a past date, by its key; undefined when the measurement no longer holds it. */
  const bewaardeCel = async (id: string, ctx: RadarContext): Promise<Rij | undefined> => {
    const delen = leesCelId(id);
    if (delen?.op === undefined) return undefined;
    const { gebiedscode, opleidingscode, op } = delen;
    const nis = isNisCode(gebiedscode);
    const provincie = nis ? gebied.gemeente(gebiedscode)?.provincie : gebied.regio(gebiedscode)?.provincie;
    if (!provincie) return undefined;
    const rijen = await deel(ctx, op, provincie, nis ? 'GEMEENTE' : 'REGIO');
    const zonderDatum = `${gebiedscode}|${opleidingscode}`;
    return rijen.find((r) => r['id'] === zonderDatum);
  };

  const bewaardTotaal = async (id: string, ctx: RadarContext): Promise<Rij | undefined> => {
    const delen = leesVerledenTotaalId(id);
    const provincie = delen && gebied.regio(delen.regioCode)?.provincie;
    if (!delen || !provincie) return undefined;
    const soort: PeilingSoort = delen.niveau === null ? 'TOTALEN' : `TOTALEN_${delen.niveau}`;
    const rijen = await deel(ctx, delen.op, provincie, soort);
    return rijen.find((r) => (r['regio'] as { code?: unknown } | null | undefined)?.code === delen.regioCode);
  };

  return {
    ...basis,
    Query: {
      ...basis.Query,
      radar: async (
        ouder: unknown,
        vraag: {
          provincie: Provincie;
          niveau?: string | null;
          per?: RadarSchaal | null;
          filter?: VerledenFilter | null;
          op?: string | null;
        },
        ctx: RadarContext,
      ) => {
        if (vraag.op === undefined || vraag.op === null) return basis.Query.radar(ouder, vraag, ctx);
        const peiling = await peilingVoor(vraag.op, ctx);
        const per = vraag.per ?? 'REGIO';
        const [rijen, codes] = await Promise.all([
          deel(ctx, peiling.op, vraag.provincie, per),
          niveauCodes(ctx, peiling, vraag.provincie, vraag.niveau),
        ]);
        return verledenCellen(
          gebied,
          { provincie: vraag.provincie, per, filter: vraag.filter ?? null, op: peiling.op },
          rijen,
          codes,
        );
      },
      regioTotalen: async (
        ouder: unknown,
        vraag: { provincie: Provincie; niveau?: string | null; op?: string | null },
        ctx: RadarContext,
      ) => {
        if (vraag.op === undefined || vraag.op === null) return basis.Query.regioTotalen(ouder, vraag, ctx);
        const peiling = await peilingVoor(vraag.op, ctx);
        const niveau = vraag.niveau ?? null;
        const soort: PeilingSoort = niveau === null ? 'TOTALEN' : (`TOTALEN_${niveau}` as PeilingSoort);
        const rijen = await deel(ctx, peiling.op, vraag.provincie, soort);
        if (niveau !== null && rijen.length === 0)
          throw badUserInput('niveau', `de peiling van ${peiling.op} bewaart geen totalen per niveau`);
        return verledenTotalen(rijen, niveau, peiling.op);
      },
    },
    RadarCel: {
      ...basis.RadarCel,
      __resolveReference: async (ref: { id: string } & Partial<CelTellingen>, ctx: RadarContext) => {
        const cel = basis.RadarCel.__resolveReference(ref);
        const bewaard = await bewaardeCel(ref.id, ctx);
        return bewaard ? { ...cel, bewaard } : cel;
      },
      witteVlek: (cel: CelTellingen & MetBewaard) =>
        cel.bewaard ? cel.bewaard['witteVlek'] === true : basis.RadarCel.witteVlek(cel),
      signalen: (cel: CelTellingen & MetBewaard) =>
        cel.bewaard ? lijst<Signaal>(cel.bewaard['signalen']) : basis.RadarCel.signalen(cel),
      onbekend: (cel: CelTellingen & MetBewaard) =>
        cel.bewaard ? lijst<RadarMaat>(cel.bewaard['onbekend']) : basis.RadarCel.onbekend(cel),
    },
    RegioTotaal: {
      ...basis.RegioTotaal,
      __resolveReference: async (ref: { id: string } & TotaalTellingen, ctx: RadarContext) => {
        const bewaard = await bewaardTotaal(ref.id, ctx);
        if (!bewaard) return basis.RegioTotaal.__resolveReference(ref, ctx);
        const regioCode = leesVerledenTotaalId(ref.id)?.regioCode ?? '';
        return { ...ref, regioCode, opleidingscodes: lijst<string>(bewaard['opleidingscodes']), bewaard };
      },
      // A measurement from before the totals had it holds no number: null, and so in `onbekend`.
      aantalWitteVlekken: (
        t: RegioTotaal & TotaalTellingen & MetBewaard,
        args: unknown,
        ctx: RadarContext,
      ) =>
        t.bewaard
          ? typeof t.bewaard['aantalWitteVlekken'] === 'number'
            ? t.bewaard['aantalWitteVlekken']
            : null
          : basis.RegioTotaal.aantalWitteVlekken(t, args, ctx),
      onbekend: (t: RegioTotaal & TotaalTellingen & MetBewaard, args: unknown, ctx: RadarContext) => {
        if (!t.bewaard) return basis.RegioTotaal.onbekend(t, args, ctx);
        const onbekend = lijst<RadarMaat>(t.bewaard['onbekend']);
        return typeof t.bewaard['aantalWitteVlekken'] === 'number' || onbekend.includes('WITTE_VLEKKEN')
          ? onbekend
          : [...onbekend, 'WITTE_VLEKKEN'];
      },
    },
  };
}

export type { VerledenCel, VerledenTotaal };
