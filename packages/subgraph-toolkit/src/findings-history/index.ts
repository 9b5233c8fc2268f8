export { FindingsHistory, withFindingsHistory, type MetBevindingenHistorie } from './history.ts';
export { findingKey, FindingsLedger, type HistorischeBevinding, type LedgerQuery } from './ledger.ts';
export { findingsStoreSettings } from './settings.ts';
