import { isIsoDatum } from '../referentiedatum.ts';
import { z } from 'zod';
import { declareSetting, integerSetting, numberSetting, textSetting } from './settings.ts';

/** Settings that several services read, declared once so that they mean the same everywhere. */

/** Validated here, so that a bad date stops the service at start; unset is today, asked anew where it matters. */
export const REFERENCE_DATE_SETTING = declareSetting(
  'DUAAL_REFERENTIEDATUM',
  z.string().refine(isIsoDatum, 'must be a date written YYYY-MM-DD'),
  {
    description:
      'the reference date (`YYYY-MM-DD`) for validity, the school year and the age of data; a value that is no date stops the service',
    documentedDefault: 'today (UTC)',
  },
);

export const SUBGRAPH_HOST_SETTING = textSetting('SUBGRAPH_HOST', {
  default: '127.0.0.1',
  description: 'the address the subgraphs listen on',
});

export const SNAPSHOT_INTERVAL_SETTING = numberSetting('SNAPSHOT_INTERVAL_S', {
  default: 300,
  min: 1,
  description: 'seconds between two refreshes of the copy a subgraph keeps of a bulk partner',
});

export const PARTNER_TIMEOUT_SETTING = integerSetting('PARTNER_TIMEOUT_MS', {
  default: 10_000,
  min: 100,
  description:
    'timeout of one attempt of a partner call; a live read (Kazi) has it as one deadline for all its attempts',
});
