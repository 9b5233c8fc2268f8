import { useEffect, useState } from 'react';

/** The settings the app's server gives at run time (not baked into the build). */
export interface RuntimeConfig {
  readonly tegelUrl: string | null;
  readonly graphiql: boolean;
  readonly ontwikkeltokens: boolean;
}

const FALLBACK: RuntimeConfig = { tegelUrl: null, graphiql: false, ontwikkeltokens: false };
let loaded: Promise<RuntimeConfig> | null = null;

export function loadRuntimeConfig(): Promise<RuntimeConfig> {
  loaded ??= fetch('/config.json')
    .then((r) => (r.ok ? (r.json() as Promise<RuntimeConfig>) : FALLBACK))
    .catch(() => FALLBACK);
  return loaded;
}

export function useRuntimeConfig(): RuntimeConfig | null {
  const [config, setConfig] = useState<RuntimeConfig | null>(null);
  useEffect(() => {
    void loadRuntimeConfig().then(setConfig);
  }, []);
  return config;
}
