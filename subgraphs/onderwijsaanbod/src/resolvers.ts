import type { FindingsHistory } from '@duaal-graph/subgraph-toolkit/findings-history';
import {
  celId,
  leesCelId,
  normaliseerInstellingsnummer,
  VLAANDEREN,
  volgendSchooljaar,
} from '@duaal-graph/domein';
import {
  badUserInput,
  connection,
  controleerOpleidingscode,
  controleerNis,
  controleerRegio,
  DateScalar,
  DateTimeScalar,
  entityWith,
  gepeildeTellingen,
  type MetGepeild,
  perEntity,
  type Instelling,
  type RegisterOpleiding,
  type Snapshot,
  type SourceUsage,
  type WithCaller,
} from '@duaal-graph/subgraph-toolkit';
import type DataLoader from 'dataloader';
import type { Beroepslabels } from './beroepsprofielen.ts';
import { maakBuurtResolvers } from './buurt.ts';
import { maakKandidaatResolvers } from './kandidaat.ts';
import type { AanbodRij, OnderwijsIndex } from './onderwijsindex.ts';
import { zoektermVindt, zoekwoorden } from './zoekterm.ts';
import { aanbodVanCel } from './radartellingen.ts';

export interface OnderwijsContext extends WithCaller {
  readonly bronnen: SourceUsage;
  readonly opleidingLader: DataLoader<string, RegisterOpleiding | null>;
  readonly schoolLader: DataLoader<string, Instelling | null>;
}

interface Filter {
  niveau?: string | null;
  naamBevat?: string | null;
  zoekterm?: string | null;
  paritairComite?: string | null;
  nisCode?: string | null;
  regioCode?: string | null;
  opleidingscode?: string | null;
  soort?: string | null;
}

const gebied = VLAANDEREN;

/**
 * A school year the subgraph holds (it reads the current one and the next from
 * the register): any other is BAD_USER_INPUT naming those, never an empty list.
 */
function controleerSchooljaar(schooljaar: string, gehouden: readonly string[]): string {
  const jaar = schooljaar.trim();
  if (!gehouden.includes(jaar))
    throw badUserInput(
      'schooljaar',
      `het register houdt de schooljaren ${gehouden.join(' en ')}, niet ${schooljaar}`,
    );
  return jaar;
}

const GEEN_LABELS: Beroepslabels = new Map();

function opleidingNaarGraaf(o: RegisterOpleiding) {
  return { ...o, code: o.opleidingscode, studiedomein: o.studiedomein ?? null };
}

export function maakResolvers(
  register: Snapshot<OnderwijsIndex>,
  labels: Snapshot<Beroepslabels>,
  huidigSchooljaar: string,
  historie: FindingsHistory,
) {
  /** The index, after reporting the source's state to the request; undefined when the register was never read. */
  const lees = (ctx: OnderwijsContext): OnderwijsIndex | undefined => {
    ctx.bronnen.meldKopie(register);
    return register.data;
  };
  const schooljaren = [huidigSchooljaar, volgendSchooljaar(huidigSchooljaar)];
  /**
   * The words of each opleiding, per copy of the register and of VDAB's labels
   * (without labels, those of the register alone; VDAB's state is reported): a
   * search then reads no text twice.
   */
  let woorden:
    { index: OnderwijsIndex; labels: Beroepslabels | undefined; perCode: Map<string, string[]> } | undefined;
  const woordenVan = (
    index: OnderwijsIndex,
    ctx: OnderwijsContext,
  ): ReadonlyMap<string, readonly string[]> => {
    ctx.bronnen.meld(labels.status(), labels.reden());
    const l = labels.data;
    if (woorden?.index !== index || woorden.labels !== l) {
      const perCode = new Map(
        [...index.opleidingen].map(([code, o]) => [code, zoekwoorden(o, l ?? GEEN_LABELS)]),
      );
      woorden = { index, labels: l, perCode };
    }
    return woorden.perCode;
  };
  const aanbodVan = (
    index: OnderwijsIndex | undefined,
    schooljaar: string,
    per: 'opleiding' | 'school',
    sleutel: string,
  ): readonly AanbodRij[] =>
    (per === 'opleiding' ? index?.aanbodPerOpleiding : index?.aanbodPerSchool)
      ?.get(schooljaar)
      ?.get(sleutel) ?? [];
  const buurt = maakBuurtResolvers(lees, huidigSchooljaar);

  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Buurt: buurt.Buurt,
    BuurtOpleiding: buurt.BuurtOpleiding,
    KandidaatOpleiding: maakKandidaatResolvers(lees, huidigSchooljaar),
    Query: {
      ...buurt.Query,
      opleiding: (_: unknown, { code }: { code: string }, ctx: OnderwijsContext) =>
        ctx.opleidingLader.load(code.trim().toUpperCase()),
      opleidingen: (_: unknown, { filter }: { filter?: Filter | null }, ctx: OnderwijsContext) => {
        const index = lees(ctx);
        const naam = filter?.naamBevat?.toLocaleLowerCase('nl');
        const term = filter?.zoekterm;
        const perCode = term && index ? woordenVan(index, ctx) : undefined;
        return [...(index?.opleidingen.values() ?? [])]
          .filter(
            (o) =>
              (!filter?.niveau || o.niveau === filter.niveau) &&
              (!naam || o.naam.toLocaleLowerCase('nl').includes(naam)) &&
              (!term || zoektermVindt(term, perCode?.get(o.opleidingscode) ?? [])) &&
              (!filter?.paritairComite || o.paritaireComites.includes(filter.paritairComite.trim())),
          )
          .sort((a, b) => a.naam.localeCompare(b.naam, 'nl'))
          .map(opleidingNaarGraaf);
      },
      school: (_: unknown, { instellingsnummer }: { instellingsnummer: string }, ctx: OnderwijsContext) => {
        const nummer = normaliseerInstellingsnummer(instellingsnummer);
        if (!nummer) throw badUserInput('instellingsnummer', 'zes cijfers, bv. 030007');
        return ctx.schoolLader.load(nummer);
      },
      scholen: (
        _: unknown,
        args: { filter?: Filter | null; first?: number | null; after?: string | null },
        ctx: OnderwijsContext,
      ) => {
        const { filter } = args;
        const nis = filter?.nisCode ? controleerNis(filter.nisCode) : null;
        const regio = filter?.regioCode ? controleerRegio(filter.regioCode) : null;
        const index = lees(ctx);
        const code = filter?.opleidingscode
          ? controleerOpleidingscode(filter.opleidingscode, index?.opleidingen)
          : null;
        const scholen = [...(index?.instellingen.values() ?? [])].filter((s) => {
          if (filter?.soort && s.soort !== filter.soort) return false;
          if (!nis && !regio && !code) return true;
          return aanbodVan(index, huidigSchooljaar, 'school', s.instellingsnummer).some(
            (a) =>
              (!nis || a.vestigingsplaats.nisCode === nis) &&
              (!regio || a.regioCode === regio) &&
              (!code || a.opleidingscode === code),
          );
        });
        scholen.sort(
          (a, b) =>
            a.naam.localeCompare(b.naam, 'nl') || a.instellingsnummer.localeCompare(b.instellingsnummer),
        );
        return connection(scholen, args.first, args.after);
      },
      onderwijsbron: (_: unknown, __: unknown, ctx: OnderwijsContext) => {
        const index = lees(ctx);
        const status = register.status();
        return {
          bron: 'ONDERWIJS',
          toestand: status.toestand,
          laatsteSucces: register.laatsteSucces(),
          aantalRecords: index?.kwaliteit.aantalRecords ?? 0,
          aantalAfgekeurd: index?.kwaliteit.aantalAfgekeurd ?? 0,
          bevindingenBereiken: ['ONDERWIJS'],
        };
      },
    },
    BronRapport: { bevindingen: historie.resolver() },
    Opleiding: {
      __resolveReference: (ref: { code: string }, ctx: OnderwijsContext) => ctx.opleidingLader.load(ref.code),
      aanbod: (
        o: { code: string },
        args: { schooljaar?: string | null; regioCode?: string | null; nisCode?: string | null },
        ctx: OnderwijsContext,
      ) => {
        const jaar = args.schooljaar ? controleerSchooljaar(args.schooljaar, schooljaren) : huidigSchooljaar;
        const regio = args.regioCode ? controleerRegio(args.regioCode) : null;
        const nis = args.nisCode ? controleerNis(args.nisCode) : null;
        return aanbodVan(lees(ctx), jaar, 'opleiding', o.code).filter(
          (a) => (!regio || a.regioCode === regio) && (!nis || a.vestigingsplaats.nisCode === nis),
        );
      },
    },
    School: {
      __resolveReference: (ref: { instellingsnummer: string }, ctx: OnderwijsContext) =>
        ctx.schoolLader.load(ref.instellingsnummer),
      adres: (s: Instelling) => {
        const gemeente =
          (s.adres.nisCode ? gebied.gemeente(s.adres.nisCode) : undefined) ??
          gebied.gemeenteVoorPostcode(s.adres.postcode);
        return {
          straatnaam: s.adres.straatnaam ?? null,
          huisnummer: s.adres.huisnummer ?? null,
          postcode: s.adres.postcode,
          gemeente: gemeente ? { nisCode: gemeente.nisCode } : null,
        };
      },
      website: (s: Instelling) => s.website ?? null,
      aanbod: (s: Instelling, args: { schooljaar?: string | null }, ctx: OnderwijsContext) =>
        aanbodVan(
          lees(ctx),
          args.schooljaar ? controleerSchooljaar(args.schooljaar, schooljaren) : huidigSchooljaar,
          'school',
          s.instellingsnummer,
        ),
    },
    Aanbod: {
      school: (a: AanbodRij, _: unknown, ctx: OnderwijsContext) => ctx.schoolLader.load(a.instellingsnummer),
      opleiding: (a: AanbodRij, _: unknown, ctx: OnderwijsContext) =>
        ctx.opleidingLader.load(a.opleidingscode),
      gemeente: (a: AanbodRij) => ({ nisCode: a.vestigingsplaats.nisCode }),
    },
    RegioTotaal: {
      __resolveReference: (
        ref: { id: string; opleidingscodes?: readonly string[] } & MetGepeild,
        ctx: OnderwijsContext,
      ) => {
        const regioCode = ref.id.split('|')[0] ?? '';
        if (!VLAANDEREN.regio(regioCode))
          throw badUserInput('representations', `onbekend regiototaal ${ref.id}`);
        const gepeild = gepeildeTellingen(ref);
        if (gepeild) return gepeild;
        if (ref.opleidingscodes === undefined) return ref;
        const index = lees(ctx);
        if (index === undefined) return { ...ref, aantalAanbieders: null, aantalOpleidingenMetAanbod: null };
        // Distinct: a school offering three of the opleidingen counts once.
        const rijen = ref.opleidingscodes.flatMap((code) =>
          aanbodVan(index, huidigSchooljaar, 'opleiding', code).filter((a) => a.regioCode === regioCode),
        );
        return {
          ...ref,
          aantalAanbieders: new Set(rijen.map((a) => a.instellingsnummer)).size,
          aantalOpleidingenMetAanbod: new Set(rijen.map((a) => a.opleidingscode)).size,
        };
      },
    },
    RadarCel: {
      // A bad id fails its own representation, not the whole batch.
      __resolveReference: (cel: { id: string } & MetGepeild, ctx: OnderwijsContext) =>
        perEntity(() => {
          const delen = leesCelId(cel.id);
          if (!delen) throw badUserInput('representations', `onbekende radarcel ${cel.id}`);
          const gepeild = gepeildeTellingen(cel);
          if (gepeild) return gepeild;
          const { gebiedscode, opleidingscode } = delen;
          const index = lees(ctx);
          // The register never read: the counts are not known, and are never shown as 0.
          if (index === undefined) return entityWith(cel, { aantalAanbieders: null, aantalPlaatsen: null });
          return entityWith(
            cel,
            aanbodVanCel(index, huidigSchooljaar, celId({ gebiedscode, opleidingscode })),
          );
        }),
    },
  };
}

export { opleidingNaarGraaf };
