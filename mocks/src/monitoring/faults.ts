import { isRecord } from '../http/routing.ts';
import { Willekeur } from '../wereld/willekeur.ts';
import { PARTNERS, type PartnerNaam } from '../wereld/vuil.ts';

export const FAULT_MODES = [
  'down',
  'slow',
  'error500',
  'malformed',
  'ratelimit',
  'flaky',
  'truncated',
] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface Fault {
  readonly partner: PartnerNaam;
  readonly mode: FaultMode;
  /** For `slow`: how long every answer waits. */
  readonly delayMs: number;
  /** For `flaky`: the share of requests that fail. */
  readonly rate: number;
  /** For `ratelimit`: the `Retry-After` in seconds. */
  readonly retryAfterS: number;
}

/** The faults injected through `/_mock/faults`, one per partner at most. */
export class Faults {
  private readonly actief = new Map<PartnerNaam, { storing: Fault; willekeur: Willekeur; teller: number }>();

  constructor(private readonly seed: string) {}

  /** Validates and installs a fault; returns the error text for a bad request. */
  zet(body: unknown): Fault | string {
    if (!isRecord(body)) return 'verwacht een JSON-object';
    const { partner, mode, delayMs = 5000, rate = 0.3, retryAfterS = 1 } = body;
    if (typeof partner !== 'string' || !(PARTNERS as readonly string[]).includes(partner))
      return `partner is een van ${PARTNERS.join(', ')}`;
    if (typeof mode !== 'string' || !(FAULT_MODES as readonly string[]).includes(mode))
      return `mode is een van ${FAULT_MODES.join(', ')}`;
    if (typeof delayMs !== 'number' || delayMs < 0 || delayMs > 600_000)
      return 'delayMs ligt tussen 0 en 600000';
    if (typeof rate !== 'number' || rate < 0 || rate > 1) return 'rate ligt tussen 0 en 1';
    if (typeof retryAfterS !== 'number' || !Number.isInteger(retryAfterS) || retryAfterS < 0)
      return 'retryAfterS is een natuurlijk getal';
    const storing: Fault = {
      partner: partner as PartnerNaam,
      mode: mode as FaultMode,
      delayMs,
      rate,
      retryAfterS,
    };
    this.actief.set(storing.partner, {
      storing,
      willekeur: new Willekeur(`${this.seed}:storing:${partner}`),
      teller: 0,
    });
    return storing;
  }

  wis(partner?: PartnerNaam): void {
    if (partner) this.actief.delete(partner);
    else this.actief.clear();
  }

  lijst(): Fault[] {
    return [...this.actief.values()].map((a) => a.storing);
  }

  /** The fault that hits this request, if any: `flaky` decides per request, seeded, so runs repeat. */
  voorVerzoek(partner: PartnerNaam): (Fault & { volgnummer: number; faalt: boolean }) | undefined {
    const a = this.actief.get(partner);
    if (!a) return undefined;
    a.teller += 1;
    return {
      ...a.storing,
      volgnummer: a.teller,
      faalt: a.storing.mode !== 'flaky' || a.willekeur.kans(a.storing.rate),
    };
  }
}
