/**
 * How long the mock takes to generate its world and to become ready, at both
 * named scales: the figure the README quotes. Medians over BENCH_RUNS runs.
 */
import { genereerWereld, type Schaal } from '../src/wereld/index.ts';

const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const seed = process.env['MOCK_SEED'] ?? '42';

function mediaan(waarden: number[]): number {
  const gesorteerd = [...waarden].sort((a, b) => a - b);
  const midden = Math.floor(gesorteerd.length / 2);
  return gesorteerd.length % 2 === 1
    ? (gesorteerd[midden] ?? 0)
    : ((gesorteerd[midden - 1] ?? 0) + (gesorteerd[midden] ?? 0)) / 2;
}

console.log(`mock data generation, seed ${seed}, median of ${runs} runs`);
for (const schaal of ['west-vlaanderen', 'vlaanderen'] as Schaal[]) {
  const tijden: number[] = [];
  let records = 0;
  for (let i = 0; i < runs; i++) {
    const begin = performance.now();
    const w = genereerWereld({ seed, schaal, vuil: 0.01, referentiedatum: '2026-11-01' });
    tijden.push(performance.now() - begin);
    records =
      w.volta.records.length +
      w.educam.records.length +
      w.constructiv.records.length +
      w.mtech.records.length +
      w.woodwize.records.length +
      w.onderwijs.aanbod.length +
      w.onderwijs.instellingen.length +
      w.vdab.vacatures.length +
      w.lerenden.length +
      w.matches.length;
  }
  console.log(
    `  ${String(schaal).padEnd(16)} ${mediaan(tijden).toFixed(0).padStart(6)} ms  (min ${Math.min(...tijden).toFixed(0)}, max ${Math.max(...tijden).toFixed(0)})  ${records} partner records`,
  );
}
