export * from './afstand.ts';
export * from './postcode.ts';
export { GEO_BRONVERMELDING } from './bronvermelding.ts';
