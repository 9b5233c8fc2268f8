export { Lease } from './lease.ts';
export { MIGRATION_NAMES } from './migrations.ts';
export type {
  BevindingHistorieTable,
  Database,
  KboCodeTable,
  KboFeitTable,
  KboRijTable,
  KboStandTable,
  PeilingDeelTable,
  PeilingTable,
  VdabIndexTable,
  VdabIndexStandTable,
} from './schema.ts';
export { DATABASE_URL_SETTING } from './settings.ts';
export { copyLine, openStore, type CopyInto, type Store, type StoreOptions } from './store.ts';
