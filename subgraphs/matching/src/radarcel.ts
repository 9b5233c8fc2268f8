import { leesCelId, VLAANDEREN } from '@duaal-graph/domein';
import {
  badUserInput,
  entityWith,
  gepeildeTellingen,
  type MetGepeild,
  perEntity,
  type Snapshot,
} from '@duaal-graph/subgraph-toolkit';
import { actievePlekkenVanCel, actievePlekkenVanRegio, type ActievePlekkenIndex } from './actieve-plekken.ts';
import type { MatchingContext } from './context.ts';
import { gestartVanCel, tellingVanCel, tellingVanRegio, type ZoekendenIndex } from './zoekenden.ts';

/** The counts matching adds to a radar cell, at either scale, from the two Kazi snapshots. */
export function radarCelResolvers(
  zoekenden: Snapshot<ZoekendenIndex>,
  actief: Snapshot<ActievePlekkenIndex>,
) {
  return {
    // A bad id fails its own representation, not the whole batch.
    __resolveReference: (cel: { id: string } & MetGepeild, ctx: MatchingContext) =>
      perEntity(() => {
        const delen = leesCelId(cel.id);
        if (!delen) throw badUserInput('representations', `onbekende radarcel ${cel.id}`);
        const gepeild = gepeildeTellingen(cel);
        if (gepeild) return gepeild;
        const { gebiedscode, opleidingscode } = delen;
        ctx.bronnen.meldKopie(zoekenden);
        ctx.bronnen.meldKopie(actief);
        const lerenden = zoekenden.data;
        const plekken = actief.data;
        // Without any copy of Kazi a count is not known: null, which the radar lists in `onbekend`.
        return entityWith(cel, {
          aantalZoekendeLerenden: lerenden ? tellingVanCel(lerenden, gebiedscode, opleidingscode) : null,
          aantalGestarteLerenden: lerenden ? gestartVanCel(lerenden, gebiedscode, opleidingscode) : null,
          aantalActieveLeerwerkplekken: plekken ? actievePlekkenVanCel(plekken, cel.id) : null,
        });
      }),
  };
}

/** The totals matching adds to a regio's radar totals. */
export function regioTotaalResolvers(
  zoekenden: Snapshot<ZoekendenIndex>,
  actief: Snapshot<ActievePlekkenIndex>,
) {
  return {
    __resolveReference: (
      ref: { id: string; opleidingscodes?: readonly string[] } & MetGepeild,
      ctx: MatchingContext,
    ) => {
      const regioCode = ref.id.split('|')[0] ?? '';
      if (!VLAANDEREN.regio(regioCode))
        throw badUserInput('representations', `onbekend regiototaal ${ref.id}`);
      const gepeild = gepeildeTellingen(ref);
      if (gepeild) return gepeild;
      const codes = ref.opleidingscodes;
      if (codes === undefined) return ref;
      ctx.bronnen.meldKopie(zoekenden);
      ctx.bronnen.meldKopie(actief);
      const lerenden = zoekenden.data;
      const plekken = actief.data;
      return {
        ...ref,
        aantalZoekendeLerenden: lerenden ? tellingVanRegio(lerenden.ruw.zoekend, regioCode, codes) : null,
        aantalGestarteLerenden: lerenden ? tellingVanRegio(lerenden.ruw.gestart, regioCode, codes) : null,
        aantalActieveLeerwerkplekken: plekken ? actievePlekkenVanRegio(plekken, regioCode, codes) : null,
      };
    },
  };
}
