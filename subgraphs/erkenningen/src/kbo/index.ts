/**
 * The company register's parts, for the benchmark that reads it on its own and
 * for whoever wires "the sectors of an onderneming by its NACE codes" in
 * (`kandidaatOpleidingen`): `sectorenVanNace`.
 */
export { KboClient, type Extract } from './client.ts';
export { KboLezer, type KboStand } from './lezer.ts';
export { KboStoreOpslag, leesStand } from './opslag.ts';
export { schrijfFeiten } from './feiten.ts';
export { leesWeergave, type KboOverzicht, type KboWeergave } from './weergave.ts';
export {
  GEHEUGEN_OPSLAG,
  type KboExtractSchrijver,
  type KboOpslag,
  type KboRegister,
  type KboSchrijver,
  type KboExtractStand,
} from './register.ts';
export { kboGegevens, sectorenVanNace, sectorKandidaatVan } from './gegevens.ts';
