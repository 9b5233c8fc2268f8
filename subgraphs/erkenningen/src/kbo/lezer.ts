import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PartnerError } from '@duaal-graph/subgraph-toolkit';
import type { Extract, KboClient } from './client.ts';
import {
  isoDatum,
  KBO_TABELLEN,
  type KboExtractStand,
  type KboOpslag,
  type KboRegister,
  type KboSchrijver,
  type KboTabel,
} from './register.ts';
import { leesZipCsv } from './zip-csv.ts';

/** What one read of KBO Open Data leaves: the register, and the gap that stopped it, if any. */
export interface KboStand {
  readonly register: KboRegister;
  /** An update whose number does not follow the register's: the register waits for a newer full extract. */
  readonly gat: { readonly na: number; readonly gevonden: number } | null;
  /** Rows the graph could not use (a number in no notation of the register), over the extracts read. */
  readonly aantalAfgekeurd: number;
}

const tabelVan = (bestand: string, achtervoegsel: string): KboTabel | undefined =>
  KBO_TABELLEN.find((t) => bestand === `${t}${achtervoegsel}.csv`);

const fout = (boodschap: string) => new PartnerError('KBO', 'INVALID_RESPONSE', boodschap);

/**
 * Reads the register per kbo.md: the latest full extract, then every update
 * after it in order. A register already held goes on from where it stands;
 * an update whose number does not follow means reading the latest full
 * extract again, and when the gap is in the list itself, keeping what the
 * full extract and the updates before the gap give until a newer full
 * extract comes (no later update can be applied to it).
 */
export class KboLezer {
  constructor(
    private readonly client: KboClient,
    private readonly opslag: KboOpslag,
    private readonly log: (regel: string) => void = () => undefined,
  ) {}

  async lees(vorige: KboStand | undefined): Promise<KboStand> {
    const lijst = await this.client.lijst();
    const [volledig, ...updates] = lijst;
    if (volledig?.type !== 'full') throw fout('de lijst begint niet met een volledig extract');
    if (updates.some((u) => u.type !== 'update')) throw fout('een tweede volledig extract in de lijst');
    const map = await mkdtemp(join(tmpdir(), 'duaal-kbo-'));
    try {
      const verder =
        vorige !== undefined &&
        vorige.register.stand.volledig === volledig.extractNumber &&
        lijst.some((e) => e.extractNumber === vorige.register.stand.nummer);
      if (verder && vorige.gat !== null) {
        throw fout(
          `update ${vorige.gat.gevonden} volgt niet op ${vorige.gat.na}: het register wacht op een nieuw volledig extract`,
        );
      }
      if (verder) {
        const uit = await this.volg(vorige, updates, map);
        if (uit.gat === null) return uit;
        this.log(
          `bron KBO: update ${uit.gat.gevonden} volgt niet op ${uit.gat.na}; het volledige extract opnieuw`,
        );
      }
      const basis = await this.leesVolledig(volledig, map);
      return await this.volg(basis, updates, map);
    } finally {
      await rm(map, { recursive: true, force: true });
    }
  }

  /**
   * Applies the updates after the register's extract while their numbers
   * follow one another, all on one copy of the register: a copy per update
   * would hold as many registers at once as there are updates.
   */
  private async volg(stand: KboStand, updates: readonly Extract[], map: string): Promise<KboStand> {
    let schrijver: KboSchrijver | undefined;
    let laatste = stand.register.stand;
    let afgekeurd = stand.aantalAfgekeurd;
    let gat: KboStand['gat'] = null;
    for (const u of updates) {
      if (u.extractNumber <= laatste.nummer) continue;
      if (u.extractNumber !== laatste.nummer + 1) {
        gat = { na: laatste.nummer, gevonden: u.extractNumber };
        break;
      }
      schrijver ??= this.opslag.verder(stand.register);
      const uit = await this.pasToe(schrijver, laatste, u, map);
      laatste = uit.stand;
      afgekeurd += uit.afgekeurd;
    }
    const register = schrijver ? schrijver.klaar(laatste) : stand.register;
    return { register, gat, aantalAfgekeurd: afgekeurd };
  }

  private async leesVolledig(extract: Extract, map: string): Promise<KboStand> {
    const pad = join(map, extract.naam);
    await this.client.download(extract.naam, pad);
    const schrijver = this.opslag.nieuw();
    let afgekeurd = 0;
    const wil = (bestand: string) => bestand === 'code.csv' || tabelVan(bestand, '') !== undefined;
    const meta = await this.leesBestanden(pad, wil, async (bestand, rijen) => {
      if (bestand === 'code.csv') {
        for await (const rij of rijen) schrijver.voegCodeToe(rij);
        return;
      }
      const tabel = tabelVan(bestand, '');
      if (tabel === undefined) return;
      for await (const rij of rijen) if (!schrijver.voegToe(tabel, rij)) afgekeurd += 1;
    });
    const stand = standUit(meta, extract, 'full', extract.extractNumber);
    return { register: schrijver.klaar(stand), gat: null, aantalAfgekeurd: afgekeurd };
  }

  /**
   * One update: first every delete file, then every insert file, whatever
   * their order in the zip, so that a delete never removes the rows its own
   * update inserts.
   */
  private async pasToe(
    schrijver: KboSchrijver,
    vorige: KboExtractStand,
    extract: Extract,
    map: string,
  ): Promise<{ stand: KboExtractStand; afgekeurd: number }> {
    const pad = join(map, extract.naam);
    await this.client.download(extract.naam, pad);
    const meta = await this.leesBestanden(
      pad,
      (b) => tabelVan(b, '_delete') !== undefined,
      async (bestand, rijen) => {
        const tabel = tabelVan(bestand, '_delete');
        if (tabel === undefined) return;
        for await (const rij of rijen) schrijver.verwijder(tabel, (rij['EntityNumber'] ?? '').trim());
      },
    );
    let afgekeurd = 0;
    await this.leesBestanden(
      pad,
      (b) => tabelVan(b, '_insert') !== undefined,
      async (bestand, rijen) => {
        const tabel = tabelVan(bestand, '_insert');
        if (tabel === undefined) return;
        for await (const rij of rijen) if (!schrijver.voegToe(tabel, rij)) afgekeurd += 1;
      },
    );
    await rm(pad, { force: true });
    return { stand: standUit(meta, extract, 'update', vorige.volledig), afgekeurd };
  }

  /** Reads the files `wil` picks and `meta.csv`; a zip or CSV that cannot be read is the partner's broken answer. */
  private async leesBestanden(
    pad: string,
    wil: (bestand: string) => boolean,
    lees: Parameters<typeof leesZipCsv>[2],
  ): Promise<Map<string, string>> {
    const meta = new Map<string, string>();
    try {
      await leesZipCsv(
        pad,
        (b) => b === 'meta.csv' || wil(b),
        async (bestand, rijen) => {
          if (bestand !== 'meta.csv') return lees(bestand, rijen);
          for await (const rij of rijen)
            meta.set((rij['Variable'] ?? '').trim(), (rij['Value'] ?? '').trim());
        },
      );
    } catch (f) {
      if (f instanceof PartnerError) throw f;
      throw fout(
        `${pad.slice(pad.lastIndexOf('/') + 1)} is onleesbaar: ${f instanceof Error ? f.message : String(f)}`,
      );
    }
    return meta;
  }
}

/** The stand an extract leaves, once its `meta.csv` agrees with the list. */
function standUit(
  meta: Map<string, string>,
  extract: Extract,
  type: 'full' | 'update',
  volledig: number,
): KboExtractStand {
  const nummer = Number(meta.get('ExtractNumber'));
  if (nummer !== extract.extractNumber)
    throw fout(`${extract.naam}: ExtractNumber ${meta.get('ExtractNumber') ?? '(geen)'} in meta.csv`);
  if (meta.get('ExtractType') !== type)
    throw fout(`${extract.naam}: ExtractType ${meta.get('ExtractType') ?? '(geen)'}`);
  return { nummer, volledig, datum: isoDatum(meta.get('SnapshotDate')) ?? extract.snapshotDate };
}
