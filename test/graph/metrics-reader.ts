/** Reads Prometheus text as a scraper would: samples by name and labels. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export function parseMetrics(tekst: string): Sample[] {
  const samples: Sample[] = [];
  for (const regel of tekst.split('\n')) {
    if (regel.startsWith('#') || regel.trim() === '') continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(regel);
    if (!m) throw new Error(`geen Prometheus-regel: ${regel}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      if (k !== undefined && v !== undefined) labels[k] = v;
    samples.push({ name: m[1] ?? '', labels, value: Number(m[3]) });
  }
  return samples;
}

/** The sum of the samples of a metric whose labels include these. */
export function som(samples: readonly Sample[], naam: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === naam && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((totaal, s) => totaal + s.value, 0);
}

export function alle(samples: readonly Sample[], naam: string): Sample[] {
  return samples.filter((s) => s.name === naam);
}

export async function scrape(basisUrl: string): Promise<Sample[]> {
  const antwoord = await fetch(`${basisUrl}/metrics`);
  if (antwoord.status !== 200) throw new Error(`/metrics: HTTP ${antwoord.status}`);
  return parseMetrics(await antwoord.text());
}
