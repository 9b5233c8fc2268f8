import { PARTNER_URL_SETTINGS, subgraphSettings, type SubgraphConfig } from '@duaal-graph/subgraph-toolkit';

/** What the radar reads besides what every subgraph reads: the register whose opleidingen span its cells. */
export const RADAR_SETTINGS = { onderwijsUrl: PARTNER_URL_SETTINGS.onderwijsUrl } as const;

export const settings = subgraphSettings('radar', 4005, RADAR_SETTINGS);

export type RadarConfig = SubgraphConfig<typeof RADAR_SETTINGS>;
