import type { FindingsHistory } from '@duaal-graph/subgraph-toolkit/findings-history';
import { normaliseerOndernemingsnummer } from '@duaal-graph/domein';
import {
  connection,
  DateTimeScalar,
  gepeildeTellingen,
  type MetGepeild,
} from '@duaal-graph/subgraph-toolkit';
import { buurtResolvers } from './buurt.ts';
import { kandidaatResolvers } from './kandidaat.ts';
import { celSleutel, type VacaturesContext } from './context.ts';
import { regioTotaalResolvers } from './regiototaal.ts';
import {
  controleerId,
  controleerNis,
  controleerOndernemingsnummer,
  controleerOpleidingscode,
  controleerRegio,
} from './invoer.ts';
import { beroepscode } from './knelpunten.ts';
import { nieuwsteEerst, type Afgeleid } from './vacatureindex.ts';
import type { Vacature } from './vacature.ts';

interface VacatureFilter {
  nisCode?: string | null;
  regioCode?: string | null;
  beroepsprofielCode?: string | null;
  opleidingscode?: string | null;
  alleenDuaal?: boolean | null;
  werkgever?: string | null;
}

interface Pagina {
  first?: number | null;
  after?: string | null;
}

interface Plaats {
  regioCode?: string | null;
  nisCode?: string | null;
  alleenDuaal?: boolean | null;
}

/** A place-and-duaal condition with its arguments checked first: a wrong one is an error, never an empty list. */
function plaatsFilter(args: Plaats): (v: Vacature) => boolean {
  const regio = args.regioCode ? controleerRegio(args.regioCode) : null;
  const nis = args.nisCode ? controleerNis(args.nisCode) : null;
  return (v) =>
    (!regio || v.regioCode === regio) && (!nis || v.nisCode === nis) && (!args.alleenDuaal || v.duaal);
}

/** The vacatures of any of these beroepsprofiel codes, newest first. */
function vanBeroepen(index: Afgeleid | undefined, codes: readonly string[]): readonly Vacature[] {
  const uniek = [...new Set(codes.map(beroepscode))];
  if (uniek.length === 1) return index?.perBeroepsprofiel.get(uniek[0] ?? '') ?? [];
  return uniek.flatMap((c) => index?.perBeroepsprofiel.get(c) ?? []).sort(nieuwsteEerst);
}

/**
 * The beroepsprofiel codes of an opleiding, the register read here judging the
 * code: one it does not hold is BAD_USER_INPUT, never an empty list.
 */
function beroepenVan(ctx: VacaturesContext, waarde: string): Set<string> {
  const register = ctx.beroepen();
  return new Set(register?.get(controleerOpleidingscode(waarde, register)) ?? []);
}

function vacatures(_: unknown, args: { filter?: VacatureFilter | null } & Pagina, ctx: VacaturesContext) {
  const f = args.filter ?? {};
  const werkgever = f.werkgever ? controleerOndernemingsnummer(f.werkgever, 'werkgever') : null;
  const inPlaats = plaatsFilter(f);
  const beroep = f.beroepsprofielCode ? beroepscode(f.beroepsprofielCode) : null;
  const viaOpleiding = f.opleidingscode ? beroepenVan(ctx, f.opleidingscode) : null;
  const index = ctx.lees();
  // Start from the narrowest list the filter allows, then check every condition.
  const basis = werkgever
    ? (index?.perWerkgever.get(werkgever) ?? [])
    : beroep
      ? (index?.perBeroepsprofiel.get(beroep) ?? [])
      : viaOpleiding
        ? vanBeroepen(index, [...viaOpleiding])
        : (index?.gesorteerd ?? []);
  const lijst = basis.filter(
    (v) =>
      inPlaats(v) &&
      (!werkgever || v.werkgever === werkgever) &&
      (!beroep || v.beroepsprofielCode === beroep) &&
      (!viaOpleiding || viaOpleiding.has(v.beroepsprofielCode)),
  );
  return connection(lijst, args.first, args.after);
}

/** Every beroepsprofiel VDAB names, with its label: the newest vacature's, else the knelpuntberoepen list's. */
function beroepsprofielen(_: unknown, __: unknown, ctx: VacaturesContext) {
  const index = ctx.lees();
  const lijst = ctx.knelpunten();
  const labels = new Map<string, string>();
  for (const [code, vacatures] of index?.perBeroepsprofiel ?? []) {
    const nieuwste = vacatures[0];
    if (nieuwste) labels.set(code, nieuwste.beroepsprofielLabel);
  }
  for (const [code, b] of lijst?.beroepen ?? []) if (!labels.has(code)) labels.set(code, b.naam);
  return [...labels]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, label]) => {
      const knelpunt = lijst?.beroepen.get(code);
      return { code, label, knelpuntberoep: knelpunt !== undefined, oorzaken: knelpunt?.oorzaken ?? [] };
    });
}

function vacaturebron(_: unknown, __: unknown, ctx: VacaturesContext) {
  const index = ctx.lees();
  const knelpunten = ctx.knelpunten();
  const { vacatures: bestand, knelpunten: lijst } = ctx.bestanden;
  // The worse of the two reads VDAB gives: the index, and the year's list.
  const toestanden = [bestand.status().toestand, lijst.status().toestand];
  const toestand = toestanden.includes('ONBESCHIKBAAR')
    ? 'ONBESCHIKBAAR'
    : toestanden.includes('VEROUDERD')
      ? 'VEROUDERD'
      : 'ACTUEEL';
  const kwaliteit = index?.kwaliteit;
  return {
    bron: 'VDAB',
    toestand,
    laatsteSucces: bestand.laatsteSucces(),
    aantalRecords: (kwaliteit?.aantalRecords ?? 0) + (knelpunten?.beroepen.size ?? 0),
    aantalAfgekeurd: (kwaliteit?.aantalAfgekeurd ?? 0) + (knelpunten?.bevindingen.length ?? 0),
    bevindingenBereiken: ['VDAB/knelpunten', 'VDAB'],
  };
}

export function maakResolvers(historie: FindingsHistory) {
  return {
    DateTime: DateTimeScalar,
    ...buurtResolvers,
    Query: {
      vacature: (_: unknown, args: { id: string }, ctx: VacaturesContext) =>
        ctx.vacatureLader.load(controleerId(args.id)),
      vacatures,
      knelpuntberoepen: (_: unknown, __: unknown, ctx: VacaturesContext) =>
        [...(ctx.knelpunten()?.beroepen.values() ?? [])]
          .map((b) => ({
            code: beroepscode(b.beroepsprofielCode),
            label: b.naam,
            knelpuntberoep: true,
            oorzaken: b.oorzaken,
          }))
          .sort((a, b) => a.code.localeCompare(b.code)),
      vacaturebron,
      beroepsprofielen,
    },
    BronRapport: { bevindingen: historie.resolver() },
    Vacature: {
      __resolveReference: (ref: { id: string }, ctx: VacaturesContext) =>
        /^\d+$/.test(ref.id) ? ctx.vacatureLader.load(String(Number(ref.id))) : null,
      beroepsprofiel: (v: Vacature, _: unknown, ctx: VacaturesContext) => {
        const knelpunt = ctx.knelpunten()?.beroepen.get(v.beroepsprofielCode);
        return {
          code: v.beroepsprofielCode,
          label: v.beroepsprofielLabel,
          knelpuntberoep: knelpunt !== undefined,
          oorzaken: knelpunt?.oorzaken ?? [],
        };
      },
      gemeente: (v: Vacature) => (v.nisCode ? { nisCode: v.nisCode } : null),
      werkgever: (v: Vacature) => (v.werkgever ? { ondernemingsnummer: v.werkgever } : null),
    },
    KandidaatOpleiding: kandidaatResolvers.KandidaatOpleiding,
    Onderneming: {
      ...kandidaatResolvers.Onderneming,
      // Every valid number is an onderneming; a key that is none names no onderneming.
      // The fields `kandidaatDualeVacaturesPerKm` requires come along in the representation.
      __resolveReference: (ref: { ondernemingsnummer: string }) => {
        const nummer = normaliseerOndernemingsnummer(ref.ondernemingsnummer);
        return nummer ? { ...ref, ondernemingsnummer: nummer } : null;
      },
      vacatures: (
        o: { ondernemingsnummer: string },
        args: { alleenDuaal?: boolean | null } & Pagina,
        ctx: VacaturesContext,
      ) => {
        const lijst = ctx.lees()?.perWerkgever.get(o.ondernemingsnummer) ?? [];
        return connection(args.alleenDuaal ? lijst.filter((v) => v.duaal) : lijst, args.first, args.after);
      },
      // The list is newest first: its first vacature is the most recent one with this werkgever.
      vacatureNaam: (o: { ondernemingsnummer: string }, _: unknown, ctx: VacaturesContext) =>
        ctx.lees()?.perWerkgever.get(o.ondernemingsnummer)?.[0]?.leverancier.naam ?? null,
    },
    Opleiding: {
      __resolveReference: (ref: { code: string; beroepsprofielCodes?: string[] }) => ref,
      vacatures: (
        o: { beroepsprofielCodes: readonly string[] },
        args: Plaats & Pagina,
        ctx: VacaturesContext,
      ) => {
        const inPlaats = plaatsFilter(args);
        return connection(
          vanBeroepen(ctx.lees(), o.beroepsprofielCodes).filter(inPlaats),
          args.first,
          args.after,
        );
      },
      knelpuntberoep: (o: { beroepsprofielCodes: readonly string[] }, _: unknown, ctx: VacaturesContext) => {
        const lijst = ctx.knelpunten();
        return o.beroepsprofielCodes.some((c) => lijst?.beroepen.has(beroepscode(c)) ?? false);
      },
    },
    RegioTotaal: regioTotaalResolvers,
    RadarCel: {
      __resolveReference: async (cel: { id: string } & MetGepeild, ctx: VacaturesContext) => {
        // Checked before the loader: a bad id fails its own representation, not the whole batch.
        celSleutel(cel.id);
        const gepeild = gepeildeTellingen(cel);
        if (gepeild) return gepeild;
        return { ...cel, ...(await ctx.radarLader.load(cel.id)) };
      },
    },
  };
}
