export { FindingsHistory, type MetBevindingenHistorie } from './history.ts';
export { findingKey, FindingsLedger, type HistorischeBevinding, type LedgerQuery } from './ledger.ts';
