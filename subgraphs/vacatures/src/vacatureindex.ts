import { VLAANDEREN, type Gebied } from '@duaal-graph/domein';
import type { Bevinding, Kwaliteit } from '@duaal-graph/subgraph-toolkit';
import type { IndexRij } from './opslag.ts';
import { normaliseerVacature, type Vacature } from './vacature.ts';
import type { Wijziging } from './vdab/client.ts';
import type { VdabVacature } from './vdab/schema.ts';

export interface Telling {
  readonly totaal: number;
  readonly duaal: number;
}

/** What the questions of the graph read, built from the records in one go after they changed. */
export interface Afgeleid {
  /** Every vacature, newest publication first, then by id. */
  readonly gesorteerd: readonly Vacature[];
  readonly perId: ReadonlyMap<string, Vacature>;
  readonly perBeroepsprofiel: ReadonlyMap<string, readonly Vacature[]>;
  /** Per canonical KBO of the werkgever. */
  readonly perWerkgever: ReadonlyMap<string, readonly Vacature[]>;
  /** Per `gebied|beroepsprofielCode`, gebied a regiocode or a NIS code (the radar's two scales). */
  readonly perRegioEnBeroep: ReadonlyMap<string, Telling>;
  readonly kwaliteit: Kwaliteit;
}

export function nieuwsteEerst(a: Vacature, b: Vacature): number {
  if (a.publicatiedatum !== b.publicatiedatum) return a.publicatiedatum < b.publicatiedatum ? 1 : -1;
  return Number(a.id) - Number(b.id);
}

function groepeer(
  lijst: readonly Vacature[],
  sleutel: (v: Vacature) => string | null,
): Map<string, Vacature[]> {
  const groepen = new Map<string, Vacature[]>();
  for (const v of lijst) {
    const k = sleutel(v);
    if (k === null) continue;
    const groep = groepen.get(k);
    if (groep) groep.push(v);
    else groepen.set(k, [v]);
  }
  return groepen;
}

/**
 * VDAB's published vacatures in memory, by vdabReferentie: what `initial`
 * gave, with every `bulk` change applied. Changes are state, not deltas: a
 * vacature reported twice is set twice to the same thing, so a window read
 * again or a change reported twice leaves the index as applying it once does.
 */
export class VacatureIndex {
  private readonly records = new Map<number, VdabVacature>();
  private readonly vacatures = new Map<number, Vacature>();
  /** Findings on records left out of the answers, by record id. */
  private readonly afgekeurd = new Map<string, Bevinding>();
  private versie = 0;
  /** Keys changed since the last `neemWijzigingen`: what the store is still to be told. */
  private readonly gewijzigd = new Set<string>();
  private cache: { versie: number; afgeleid: Afgeleid } | undefined;

  constructor(private readonly gebied: Gebied = VLAANDEREN) {}

  static uit(
    records: readonly VdabVacature[],
    afgekeurd: readonly Bevinding[],
    gebied?: Gebied,
  ): VacatureIndex {
    const index = new VacatureIndex(gebied);
    for (const r of records) index.zet(r);
    for (const b of afgekeurd) index.keurAf(b);
    return index;
  }

  get aantal(): number {
    return this.vacatures.size;
  }

  vacature(id: string): Vacature | undefined {
    return /^\d+$/.test(id) ? this.vacatures.get(Number(id)) : undefined;
  }

  /** The records as VDAB sent them (the fields the graph uses): what the snapshot on disk keeps. */
  alleRecords(): VdabVacature[] {
    return [...this.records.values()];
  }

  afgekeurdeBevindingen(): Bevinding[] {
    return [...this.afgekeurd.values()];
  }

  /** Sets one vacature; returns whether that changed anything. */
  zet(record: VdabVacature): boolean {
    const ref = record.vacatureReferentie.vdabReferentie;
    const eerder = this.records.get(ref);
    const wasAfgekeurd = this.afgekeurd.delete(String(ref));
    if (!wasAfgekeurd && eerder && JSON.stringify(eerder) === JSON.stringify(record)) return false;
    this.records.set(ref, record);
    this.vacatures.set(ref, normaliseerVacature(record, this.gebied));
    this.versie += 1;
    this.gewijzigd.add(String(ref));
    return true;
  }

  verwijder(ref: number): boolean {
    const hadRecord = this.records.delete(ref);
    const wasAfgekeurd = this.afgekeurd.delete(String(ref));
    this.vacatures.delete(ref);
    if (!hadRecord && !wasAfgekeurd) return false;
    this.versie += 1;
    this.gewijzigd.add(String(ref));
    return true;
  }

  /** A record that breaks the contract: out of the answers, its finding in the report. */
  keurAf(bevinding: Bevinding): boolean {
    const sleutel = bevinding.recordId ?? `zonder-id:${this.afgekeurd.size}`;
    const ref =
      bevinding.recordId !== null && /^\d+$/.test(bevinding.recordId) ? Number(bevinding.recordId) : null;
    const hadRecord = ref !== null && this.records.delete(ref);
    if (ref !== null) this.vacatures.delete(ref);
    const eerder = this.afgekeurd.get(sleutel);
    if (!hadRecord && eerder && JSON.stringify(eerder) === JSON.stringify(bevinding)) return false;
    this.afgekeurd.set(sleutel, bevinding);
    this.versie += 1;
    this.gewijzigd.add(sleutel);
    return true;
  }

  /** One key as the store keeps it, now. */
  private rij(sleutel: string): IndexRij {
    const record = /^\d+$/.test(sleutel) ? (this.records.get(Number(sleutel)) ?? null) : null;
    return { sleutel, record, bevinding: this.afgekeurd.get(sleutel) ?? null };
  }

  /** Every key the index holds, as the store keeps them (a full write). */
  alleRijen(): IndexRij[] {
    this.gewijzigd.clear();
    return [...[...this.records.keys()].map(String), ...this.afgekeurd.keys()].map((k) => this.rij(k));
  }

  /** The keys changed since the last call, as they stand now: what the store is to be told. */
  neemWijzigingen(): IndexRij[] {
    const rijen = [...this.gewijzigd].map((k) => this.rij(k));
    this.gewijzigd.clear();
    return rijen;
  }

  /** Sets one key to what the store says (another replica's sync), without counting it as a change to write. */
  neemOver(rij: IndexRij): void {
    const ref = /^\d+$/.test(rij.sleutel) ? Number(rij.sleutel) : null;
    if (ref !== null) {
      this.records.delete(ref);
      this.vacatures.delete(ref);
    }
    this.afgekeurd.delete(rij.sleutel);
    if (rij.record) {
      const r = rij.record.vacatureReferentie.vdabReferentie;
      this.records.set(r, rij.record);
      this.vacatures.set(r, normaliseerVacature(rij.record, this.gebied));
    } else if (rij.bevinding) this.afgekeurd.set(rij.sleutel, rij.bevinding);
    this.versie += 1;
  }

  /**
   * Applies one `bulk` window in VDAB's order. Only the last report of each
   * vacature counts: a vacature changed twice in the window is applied once.
   */
  pasToe(wijzigingen: readonly Wijziging[]): { gemeld: number; toegepast: number; veranderd: number } {
    const laatste = new Map<number, Wijziging>();
    for (const w of wijzigingen) {
      laatste.delete(w.ref);
      laatste.set(w.ref, w);
    }
    let veranderd = 0;
    for (const w of laatste.values()) {
      const anders =
        w.soort === 'VERWIJDERD'
          ? this.verwijder(w.ref)
          : w.soort === 'AFGEKEURD'
            ? this.keurAf(w.bevinding)
            : this.zet(w.vacature);
      if (anders) veranderd += 1;
    }
    return { gemeld: wijzigingen.length, toegepast: laatste.size, veranderd };
  }

  /** The derived lists and counts, rebuilt only after a change. */
  afgeleid(): Afgeleid {
    if (this.cache?.versie === this.versie) return this.cache.afgeleid;
    const gesorteerd = [...this.vacatures.values()].sort(nieuwsteEerst);
    const perRegioEnBeroep = new Map<string, { totaal: number; duaal: number }>();
    for (const v of gesorteerd) {
      for (const gebied of [v.regioCode, v.nisCode]) {
        if (gebied === null) continue;
        const sleutel = `${gebied}|${v.beroepsprofielCode}`;
        const t = perRegioEnBeroep.get(sleutel) ?? { totaal: 0, duaal: 0 };
        t.totaal += 1;
        if (v.duaal) t.duaal += 1;
        perRegioEnBeroep.set(sleutel, t);
      }
    }
    const bevindingen = [
      ...this.afgekeurd.values(),
      ...[...this.vacatures.values()].flatMap((v) => v.bevindingen),
    ].sort((a, b) => (Number(a.recordId) || 0) - (Number(b.recordId) || 0));
    const afgeleid: Afgeleid = {
      gesorteerd,
      perId: new Map(gesorteerd.map((v) => [v.id, v])),
      perBeroepsprofiel: groepeer(gesorteerd, (v) => v.beroepsprofielCode),
      perWerkgever: groepeer(gesorteerd, (v) => v.werkgever),
      perRegioEnBeroep,
      kwaliteit: {
        aantalRecords: this.vacatures.size + this.afgekeurd.size,
        aantalAfgekeurd: this.afgekeurd.size,
        bevindingen,
      },
    };
    this.cache = { versie: this.versie, afgeleid };
    return afgeleid;
  }
}
