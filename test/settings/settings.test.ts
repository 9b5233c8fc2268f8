import { readFileSync } from 'node:fs';
import { DEV_JWT_SECRET } from '@duaal-graph/subgraph-toolkit';
import { SettingsError } from '@duaal-graph/domein/settings';
import { describe, expect, it } from 'vitest';
import { SERVICES } from './catalogue.ts';
import { drift, passThrough } from './table.ts';

const ROOT = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
const turbo = readFileSync(new URL('turbo.json', ROOT), 'utf8');

const problems = (read: () => unknown): string[] => {
  try {
    read();
    return [];
  } catch (e) {
    if (e instanceof SettingsError) return e.problems.map((p) => p.setting);
    throw e;
  }
};

describe('the settings the services read', () => {
  it('are the README table and the turbo pass-through list exactly (npm run settings:table writes both)', () => {
    expect(drift(SERVICES, readme, turbo)).toEqual([]);
  });

  it('fail the check when the README or turbo.json lacks one, or has one no service reads', () => {
    const withoutRow = readme
      .split('\n')
      .filter((l) => !l.startsWith('| `PARTNER_TIMEOUT_MS`'))
      .join('\n');
    expect(drift(SERVICES, withoutRow, turbo)).toEqual([
      'README: `PARTNER_TIMEOUT_MS` is read but not documented',
    ]);
    const otherDefault = readme.replace(/^\| `MOCK_SEED`( *)\| `42` /m, '| `MOCK_SEED`$1| `43` ');
    expect(drift(SERVICES, otherDefault, turbo)).toEqual([
      expect.stringMatching(/^README: `MOCK_SEED` reads/),
    ]);
    const parsed = JSON.parse(turbo) as { tasks: { start: { env: string[] } } };
    const env = parsed.tasks.start.env;
    parsed.tasks.start.env = [...env.filter((n) => n !== 'RATE_LIMIT_PER_MINUUT'), 'OLD_SETTING'];
    expect(drift(SERVICES, readme, JSON.stringify(parsed))).toEqual([
      'turbo.json: start does not pass RATE_LIMIT_PER_MINUUT through',
      'turbo.json: start passes OLD_SETTING, which no service reads',
    ]);
  });

  it('pass the old name of the rate limit through, as the alias it is read under', () => {
    expect(passThrough(SERVICES)).toEqual(
      expect.arrayContaining(['RATE_LIMIT_PER_MINUTE', 'RATE_LIMIT_PER_MINUUT']),
    );
  });

  it('start every service on their defaults in development', () => {
    for (const service of SERVICES)
      expect(
        problems(() => service.settings.read({})),
        service.name,
      ).toEqual([]);
  });

  it('refuse in production every development credential, defaulted or set, naming each', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'een-eigen-geheim-van-minstens-32-bytes-lang' };
    const refused = Object.fromEntries(
      SERVICES.map((s) => [s.name, problems(() => s.settings.read(production)).sort()]),
    );
    expect(refused).toEqual({
      gateway: [],
      erkenningen: ['CONSTRUCTIV_PASSWORD', 'EDUCAM_TOKEN', 'KBO_PASSWORD', 'MTECH_API_KEY', 'VOLTA_API_KEY'],
      onderwijsaanbod: [],
      vacatures: ['VDAB_CLIENT_SECRET'],
      matching: ['KAZI_API_KEY'],
      radar: [],
      mocks: [
        'CONSTRUCTIV_PASSWORD',
        'EDUCAM_TOKEN',
        'KAZI_API_KEY',
        'KBO_PASSWORD',
        'MTECH_API_KEY',
        'VDAB_CLIENT_SECRET',
        'VOLTA_API_KEY',
      ],
      web: [],
    });
    // Set explicitly to the development value is refused the same way.
    const erkenningen = SERVICES.find((s) => s.name === 'erkenningen');
    expect(
      problems(() =>
        erkenningen?.settings.read({
          ...production,
          VOLTA_API_KEY: 'volta-dev-key',
          EDUCAM_TOKEN: 'e',
          CONSTRUCTIV_PASSWORD: 'c',
          MTECH_API_KEY: 'm',
          KBO_PASSWORD: 'k',
        }),
      ),
    ).toEqual(['VOLTA_API_KEY']);
    // The development JWT secret, in every service that verifies tokens.
    for (const service of SERVICES.filter((s) => s.name !== 'mocks'))
      expect(
        problems(() => service.settings.read({ ...production, JWT_SECRET: DEV_JWT_SECRET })),
        service.name,
      ).toContain('JWT_SECRET');
  });
});
