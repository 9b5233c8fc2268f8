export * from './identificatie.ts';
export * from './referentiedatum.ts';
export * from './gemeenten.ts';
export * from './settings/index.ts';
export * from './radarcel.ts';
