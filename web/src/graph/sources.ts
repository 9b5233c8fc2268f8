import type { GraphAnswer } from './client.ts';

/** What each source feeds in the radar, to say which data is missing when it is. */
export const MEASURES_OF_SOURCE: Readonly<Record<string, string>> = {
  VOLTA: 'erkende leerwerkplekken (Volta)',
  EDUCAM: 'erkende leerwerkplekken (Educam)',
  CONSTRUCTIV: 'erkende leerwerkplekken (Constructiv)',
  MTECH: 'erkende leerwerkplekken (MTech+)',
  WOODWIZE: 'erkende leerwerkplekken (Woodwize)',
  ONDERWIJS: 'aanbieders en plaatsen (Onderwijsaanbod)',
  VDAB: 'vacatures, duale vacatures en knelpuntberoepen (VDAB)',
  KAZI: 'zoekende lerenden (Kazi)',
};

export interface MissingData {
  readonly bron: string;
  /** ONBESCHIKBAAR: left out; VEROUDERD: an older copy answers. */
  readonly toestand: 'ONBESCHIKBAAR' | 'VEROUDERD';
  readonly wat: string;
  readonly reden: string | null;
  readonly bijgewerktOp: string | null;
}

/**
 * The sources an answer lacks or answers from an older copy: its
 * PARTNER_UNAVAILABLE errors and the states in `extensions.bronnen`.
 */
export function missingData(answer: GraphAnswer<unknown>): MissingData[] {
  const found = new Map<string, MissingData>();
  for (const error of answer.errors) {
    const ext = error.extensions ?? {};
    if (ext['code'] !== 'PARTNER_UNAVAILABLE' || typeof ext['bron'] !== 'string') continue;
    const bron = ext['bron'];
    found.set(bron, {
      bron,
      toestand: 'ONBESCHIKBAAR',
      wat: MEASURES_OF_SOURCE[bron] ?? bron,
      reden: typeof ext['reden'] === 'string' ? ext['reden'] : null,
      bijgewerktOp: null,
    });
  }
  for (const source of answer.sources) {
    if (source.toestand === 'ACTUEEL' || found.has(source.bron)) continue;
    found.set(source.bron, {
      bron: source.bron,
      toestand: source.toestand === 'VEROUDERD' ? 'VEROUDERD' : 'ONBESCHIKBAAR',
      wat: MEASURES_OF_SOURCE[source.bron] ?? source.bron,
      reden: source.reden ?? null,
      bijgewerktOp: source.bijgewerktOp ?? null,
    });
  }
  return [...found.values()].sort((a, b) => (a.bron < b.bron ? -1 : 1));
}

/** Errors other than a missing source, for a general message. */
export function otherErrors(answer: GraphAnswer<unknown>): string[] {
  return answer.errors.filter((e) => e.extensions?.['code'] !== 'PARTNER_UNAVAILABLE').map((e) => e.message);
}
