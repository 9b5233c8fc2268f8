import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_COMPOSITION_TOKEN, readCompositionToken } from './composition.ts';

describe('COMPOSITION_TOKEN', () => {
  it('defaults to the development token in development, and to none in production', () => {
    expect(readCompositionToken({})).toBe(DEVELOPMENT_COMPOSITION_TOKEN);
    expect(readCompositionToken({ NODE_ENV: 'production' })).toBeNull();
    expect(
      readCompositionToken({ NODE_ENV: 'production', COMPOSITION_TOKEN: ' een-eigen-token-van-16 ' }),
    ).toBe('een-eigen-token-van-16');
  });

  it('refuses the development token in production, and a short one anywhere, naming the setting', () => {
    expect(() =>
      readCompositionToken({ NODE_ENV: 'production', COMPOSITION_TOKEN: DEVELOPMENT_COMPOSITION_TOKEN }),
    ).toThrow(/COMPOSITION_TOKEN/);
    expect(() => readCompositionToken({ COMPOSITION_TOKEN: 'kort' })).toThrow(/COMPOSITION_TOKEN/);
  });
});
