import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PartnerError } from '@duaal-graph/subgraph-toolkit';
import type { Extract, KboClient } from './client.ts';
import {
  isoDatum,
  KBO_TABELLEN,
  type KboExtractSchrijver,
  type KboExtractStand,
  type KboOpslag,
  type KboStand,
  type KboTabel,
} from './register.ts';
import { leesZipCsv, type CsvRij } from './zip-csv.ts';

export type { KboStand } from './register.ts';

const tabelVan = (bestand: string, achtervoegsel: string): KboTabel | undefined =>
  KBO_TABELLEN.find((t) => bestand === `${t}${achtervoegsel}.csv`);

const fout = (boodschap: string) => new PartnerError('KBO', 'INVALID_RESPONSE', boodschap);

/**
 * Reads the register per kbo.md into its opslag: the latest full extract,
 * then every update after it in order, each committed on its own with the
 * number it brings the register to. The register kept (after a restart, too)
 * goes on from where it stands;
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
    /** A stop: the read breaks off at the next row, and what it wrote is dropped (`geheelOfNiets`). */
    private readonly signal?: AbortSignal,
  ) {}

  async lees(): Promise<KboStand> {
    const vorige = (await this.opslag.stand()) ?? undefined;
    const lijst = await this.client.lijst(this.signal);
    const [volledig, ...updates] = lijst;
    if (volledig?.type !== 'full') throw fout('de lijst begint niet met een volledig extract');
    if (updates.some((u) => u.type !== 'update')) throw fout('een tweede volledig extract in de lijst');
    const map = await mkdtemp(join(tmpdir(), 'duaal-kbo-'));
    try {
      const verder =
        vorige !== undefined &&
        vorige.stand.volledig === volledig.extractNumber &&
        lijst.some((e) => e.extractNumber === vorige.stand.nummer);
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
   * follow one another, each in a write of its own: a failure keeps every
   * update before it, and the next read goes on from there.
   */
  private async volg(stand: KboStand, updates: readonly Extract[], map: string): Promise<KboStand> {
    let laatste = stand.stand;
    let afgekeurd = stand.aantalAfgekeurd;
    for (const u of updates) {
      if (u.extractNumber <= laatste.nummer) continue;
      if (u.extractNumber !== laatste.nummer + 1) {
        const gat = { na: laatste.nummer, gevonden: u.extractNumber };
        await this.opslag.bewaarGat(gat);
        return { stand: laatste, gat, aantalAfgekeurd: afgekeurd };
      }
      const schrijver = await this.opslag.verder(laatste);
      const uit = await geheelOfNiets(schrijver, () => this.pasToe(schrijver, laatste, u, map));
      afgekeurd += uit.afgekeurd;
      await schrijver.klaar(uit.stand, afgekeurd);
      laatste = uit.stand;
    }
    return { stand: laatste, gat: null, aantalAfgekeurd: afgekeurd };
  }

  private async leesVolledig(extract: Extract, map: string): Promise<KboStand> {
    const pad = join(map, extract.naam);
    await this.client.download(extract.naam, pad, this.signal);
    const schrijver = await this.opslag.nieuw();
    let afgekeurd = 0;
    const wil = (bestand: string) => bestand === 'code.csv' || tabelVan(bestand, '') !== undefined;
    const meta = await geheelOfNiets(schrijver, () =>
      this.leesBestanden(pad, wil, async (bestand, rijen) => {
        if (bestand === 'code.csv') {
          for await (const rij of rijen) await schrijver.voegCodeToe(rij);
          return;
        }
        const tabel = tabelVan(bestand, '');
        if (tabel === undefined) return;
        for await (const rij of rijen) if (!(await schrijver.voegToe(tabel, rij))) afgekeurd += 1;
      }),
    );
    const stand = standUit(meta, extract, 'full', extract.extractNumber);
    await schrijver.klaar(stand, afgekeurd);
    await rm(pad, { force: true });
    return { stand, gat: null, aantalAfgekeurd: afgekeurd };
  }

  /**
   * One update: first every delete file, then every insert file, whatever
   * their order in the zip, so that a delete never removes the rows its own
   * update inserts.
   */
  private async pasToe(
    schrijver: KboExtractSchrijver,
    vorige: KboExtractStand,
    extract: Extract,
    map: string,
  ): Promise<{ stand: KboExtractStand; afgekeurd: number }> {
    const pad = join(map, extract.naam);
    await this.client.download(extract.naam, pad, this.signal);
    const meta = await this.leesBestanden(
      pad,
      (b) => tabelVan(b, '_delete') !== undefined,
      async (bestand, rijen) => {
        const tabel = tabelVan(bestand, '_delete');
        if (tabel === undefined) return;
        for await (const rij of rijen) await schrijver.verwijder(tabel, (rij['EntityNumber'] ?? '').trim());
      },
    );
    let afgekeurd = 0;
    await this.leesBestanden(
      pad,
      (b) => tabelVan(b, '_insert') !== undefined,
      async (bestand, rijen) => {
        const tabel = tabelVan(bestand, '_insert');
        if (tabel === undefined) return;
        for await (const rij of rijen) if (!(await schrijver.voegToe(tabel, rij))) afgekeurd += 1;
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
          if (bestand !== 'meta.csv') return lees(bestand, totAfbreken(rijen, this.signal));
          for await (const rij of rijen)
            meta.set((rij['Variable'] ?? '').trim(), (rij['Value'] ?? '').trim());
        },
      );
    } catch (f) {
      if (f instanceof PartnerError || this.signal?.aborted) throw f;
      throw fout(
        `${pad.slice(pad.lastIndexOf('/') + 1)} is onleesbaar: ${f instanceof Error ? f.message : String(f)}`,
      );
    }
    return meta;
  }
}

/** The rows, until the signal aborts: a full extract's millions of rows would hold a stop for minutes. */
async function* totAfbreken(rijen: AsyncIterable<CsvRij>, signal: AbortSignal | undefined) {
  for await (const rij of rijen) {
    signal?.throwIfAborted();
    yield rij;
  }
}

/** Runs one extract's reading; when it fails, what it wrote is dropped before the failure goes on. */
async function geheelOfNiets<T>(schrijver: KboExtractSchrijver, lees: () => Promise<T>): Promise<T> {
  try {
    return await lees();
  } catch (f) {
    await schrijver.breekAf().catch(() => undefined);
    throw f;
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
