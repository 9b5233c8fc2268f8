import type { Setting } from '@duaal-graph/domein/settings';
import { settings as erkenningen } from '@duaal-graph/erkenningen/settings';
import { settings as gateway } from '@duaal-graph/gateway/settings';
import { settings as matching } from '@duaal-graph/matching/settings';
import { settings as mocks } from '@duaal-graph/mocks/settings';
import { settings as onderwijsaanbod } from '@duaal-graph/onderwijsaanbod/settings';
import { settings as radar } from '@duaal-graph/radar/settings';
import { settings as vacatures } from '@duaal-graph/vacatures/settings';
import { settings as web } from '@duaal-graph/web/settings';

/** A service that `npm start` runs, with the schema of the settings it reads. */
export interface Service {
  readonly name: string;
  readonly subgraph: boolean;
  readonly settings: {
    readonly settings: readonly Setting<unknown>[];
    read(env?: NodeJS.ProcessEnv): unknown;
  };
}

/** Every service `npm start` runs, in the order the README's tables list them. */
export const SERVICES: readonly Service[] = [
  { name: 'gateway', subgraph: false, settings: gateway },
  { name: 'erkenningen', subgraph: true, settings: erkenningen },
  { name: 'onderwijsaanbod', subgraph: true, settings: onderwijsaanbod },
  { name: 'vacatures', subgraph: true, settings: vacatures },
  { name: 'matching', subgraph: true, settings: matching },
  { name: 'radar', subgraph: true, settings: radar },
  { name: 'mocks', subgraph: false, settings: mocks },
  { name: 'web', subgraph: false, settings: web },
];
