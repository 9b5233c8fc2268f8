import { describe, expect, it } from 'vitest';
import { originAllowed, corsSettingsFrom } from './cors.ts';

describe('CORS settings', () => {
  it('allows the web app and loopback origins in development, nothing in production, by default', () => {
    const dev = corsSettingsFrom(undefined, false);
    expect(originAllowed(dev, 'http://127.0.0.1:4200')).toBe(true);
    expect(originAllowed(dev, 'http://localhost:4200')).toBe(true);
    expect(originAllowed(dev, 'http://localhost:5173')).toBe(true);
    expect(originAllowed(dev, 'http://[::1]:8080')).toBe(true);
    expect(originAllowed(dev, 'http://localhost.evil.example')).toBe(false);
    expect(originAllowed(dev, 'https://evil.example')).toBe(false);
    const prod = corsSettingsFrom(undefined, true);
    expect(originAllowed(prod, 'http://localhost:4200')).toBe(false);
  });

  it('takes CORS_ORIGINS exactly, and only those', () => {
    const s = corsSettingsFrom('https://radar.vlaanderen.be, https://app.example.be:8443', true);
    expect(originAllowed(s, 'https://radar.vlaanderen.be')).toBe(true);
    expect(originAllowed(s, 'https://app.example.be:8443')).toBe(true);
    expect(originAllowed(s, 'https://app.example.be')).toBe(false);
    expect(originAllowed(s, 'http://localhost:4200')).toBe(false);
  });

  it('refuses a value that is not an origin, naming the setting', () => {
    expect(() => corsSettingsFrom('https://a.example/pad', false)).toThrow(/CORS_ORIGINS/);
    expect(() => corsSettingsFrom('*', false)).toThrow(/CORS_ORIGINS/);
    expect(() => corsSettingsFrom('ftp://a.example', false)).toThrow(/CORS_ORIGINS/);
  });
});
