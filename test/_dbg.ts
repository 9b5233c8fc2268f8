import { startProces, startSubgrafen, vrijePoort, wachtTotKlaar, startGateway } from './bench/diensten.ts';
import { SUBGRAFEN } from '@duaal-graph/schema';
const mp = await vrijePoort();
const mock = startProces('mock', 'mocks', mp, { MOCK_PORT: String(mp), MOCK_LATENCY_MS: '0', DUAAL_REFERENTIEDATUM: '2026-11-01', MOCK_VDAB_RATE_LIMIT: '1000' });
await wachtTotKlaar(mock, '/_mock/health');
const poorten: Record<string, number> = {};
for (const s of SUBGRAFEN) poorten[s.naam] = await vrijePoort();
const partners = Object.fromEntries(['volta','educam','constructiv','mtech','woodwize','onderwijs','vdab','kazi'].map(p => [`${p.toUpperCase()}_URL`, `${mock.url}/${p}`]));
const sg = await startSubgrafen(poorten, { ...partners, VDAB_RATE_LIMIT: '1000', VACATURES_DATA_DIR: '/tmp/dbgvac', DUAAL_REFERENTIEDATUM: '2026-11-01' });
console.log(sg.urls);
for (const d of sg.diensten) { const r = await fetch(`${d.url}/health`); console.log(d.naam, r.status, d.gestopt()); }
try { const g = await startGateway(await vrijePoort(), sg.urls, { ...partners, VACATURES_DATA_DIR: '/tmp/dbgvac', DUAAL_REFERENTIEDATUM: '2026-11-01' }); console.log('gateway ok'); await g.stop(); } catch (e) { console.log(String(e).slice(0, 300)); }
for (const d of sg.diensten) console.log(d.naam, d.gestopt(), d.uitvoer().slice(-300));
await Promise.all(sg.diensten.map(d => d.stop())); await mock.stop();
