export * from './config.ts';
export * from './directief.ts';
export * from './gebruiker.ts';
export * from './regels.ts';
export * from './tokenmaker.ts';
export * from './verificatie.ts';
