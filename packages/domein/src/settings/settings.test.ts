import { describe, expect, it } from 'vitest';
import {
  booleanSetting,
  credentialSetting,
  defineSettings,
  integerSetting,
  numberSetting,
  partnerCredential,
  SettingsError,
  textSetting,
  urlSetting,
} from './settings.ts';

const schema = defineSettings({
  log: booleanSetting('REQUEST_LOG', {
    default: { production: true, development: false },
    description: 'log',
  }),
  port: integerSetting('SOME_PORT', { default: 4000, min: 0, max: 65535, description: 'port' }),
  share: numberSetting('SOME_SHARE', { default: 0.01, min: 0, max: 1, description: 'share' }),
  perMinute: integerSetting('PER_MINUTE', {
    default: 10,
    min: 1,
    aliases: ['PER_MINUUT'],
    description: 'rate',
  }),
  redis: urlSetting('SOME_URL', { description: 'url' }),
  host: textSetting('SOME_HOST', { default: '127.0.0.1', description: 'host' }),
  key: partnerCredential('SOME_API_KEY', 'some-dev-key', 'key'),
  secret: credentialSetting('SOME_SECRET', {
    developmentValue: 'the-development-secret-of-32-bytes!!',
    defaultsToDevelopmentValue: false,
    minBytes: 32,
    description: 'secret',
  }),
});

const fout = (env: NodeJS.ProcessEnv): SettingsError => {
  try {
    schema.read(env);
  } catch (e) {
    if (e instanceof SettingsError) return e;
    throw e;
  }
  throw new Error('no SettingsError');
};

describe('a settings schema', () => {
  it('gives every default when nothing is set, and the production defaults in production', () => {
    expect(schema.read({})).toEqual({
      log: false,
      port: 4000,
      share: 0.01,
      perMinute: 10,
      redis: undefined,
      host: '127.0.0.1',
      key: 'some-dev-key',
      secret: undefined,
    });
    expect(schema.read({ NODE_ENV: 'production', SOME_API_KEY: 'real' }).log).toBe(true);
    // Blank is unset: a variable exported empty does not mean an empty host.
    expect(schema.read({ SOME_HOST: '  ', SOME_PORT: ' 4100 ' })).toMatchObject({
      host: '127.0.0.1',
      port: 4100,
    });
  });

  it('takes exactly true, false, 1 and 0 for a boolean and refuses anything else, naming the setting', () => {
    for (const [text, value] of [
      ['true', true],
      ['1', true],
      ['false', false],
      ['0', false],
    ] as const)
      expect(schema.read({ REQUEST_LOG: text }).log).toBe(value);
    for (const text of ['yes', 'on', 'TRUE', 'off', 'no', '2']) {
      expect(() => schema.read({ REQUEST_LOG: text })).toThrow(
        `REQUEST_LOG: must be true or false (or 1 or 0) (got "${text}")`,
      );
    }
  });

  it('refuses numbers out of range or not whole, URLs that are none, and names every bad setting at once', () => {
    const e = fout({ SOME_PORT: '70000', SOME_SHARE: 'veel', SOME_URL: 'localhost:6379', PER_MINUTE: '1.5' });
    expect(e.problems.map((p) => p.setting)).toEqual(['SOME_PORT', 'SOME_SHARE', 'PER_MINUTE', 'SOME_URL']);
    expect(e.message).toContain('SOME_PORT: must be a whole number from 0 to 65535 (got "70000")');
    expect(e.message).toContain('SOME_SHARE: must be a number from 0 to 1 (got "veel")');
    expect(e.message).toContain('SOME_URL: must be an absolute URL');
    expect(() => schema.read({ SOME_PORT: '1e3' })).toThrow(/SOME_PORT/);
    expect(schema.read({ SOME_SHARE: '0.5', SOME_URL: 'redis://h:6379' })).toMatchObject({
      share: 0.5,
      redis: 'redis://h:6379',
    });
  });

  it('reads an old name as an alias, names it in a message, and refuses the two set differently', () => {
    expect(schema.read({ PER_MINUUT: '5' }).perMinute).toBe(5);
    expect(schema.read({ PER_MINUTE: '7', PER_MINUUT: '7' }).perMinute).toBe(7);
    expect(() => schema.read({ PER_MINUUT: 'veel' })).toThrow(/PER_MINUUT \(the old name of PER_MINUTE\)/);
    expect(() => schema.read({ PER_MINUTE: '5', PER_MINUUT: '6' })).toThrow(/PER_MINUTE and PER_MINUUT/);
  });

  it('refuses development credentials in production, set or defaulted, naming each and showing no value', () => {
    const e = fout({ NODE_ENV: 'production', SOME_SECRET: 'the-development-secret-of-32-bytes!!' });
    expect(e.problems.map((p) => p.setting)).toEqual(['SOME_API_KEY', 'SOME_SECRET']);
    expect(e.message).toMatch(/SOME_API_KEY: NODE_ENV=production refuses the development credential/);
    expect(e.message).not.toContain('some-dev-key');
    expect(e.message).not.toContain('the-development-secret');
    expect(() => schema.read({ NODE_ENV: 'production', SOME_API_KEY: 'some-dev-key' })).toThrow(
      /SOME_API_KEY/,
    );
    expect(schema.read({ NODE_ENV: 'production', SOME_API_KEY: 'real-key' }).key).toBe('real-key');
    // In development they are what makes `npm start` work without settings.
    expect(schema.read({ SOME_SECRET: 'the-development-secret-of-32-bytes!!' }).secret).toBeDefined();
  });

  it('never echoes a secret that does not fit', () => {
    const e = fout({ SOME_SECRET: 'too-short-but-secret' });
    expect(e.message).toContain('SOME_SECRET: must be at least 32 bytes');
    expect(e.message).not.toContain('too-short-but-secret');
  });

  it('is one zod schema of the environment, with each setting described', () => {
    const zod = schema.zod(false);
    expect(Object.keys(zod.shape)).toContain('REQUEST_LOG');
    expect(zod.shape['SOME_PORT']?.description).toBe('port');
    expect(zod.parse({ SOME_PORT: '1' })).toMatchObject({ SOME_PORT: 1, REQUEST_LOG: false });
  });

  it('refuses a name declared twice', () => {
    const a = textSetting('A', { description: 'a' });
    expect(() => defineSettings({ a, b: a })).toThrow(/A is declared twice/);
  });
});
