export * from './partners.ts';
export * from './settings.ts';
export * from './shared.ts';
