import { textSetting } from '@duaal-graph/domein/settings';
import { DATABASE_URL_SETTING } from '@duaal-graph/store';

/**
 * The settings of the store a service opens for its findings history when it
 * has no store of its own: `DATABASE_URL` (shared by every service), else a
 * PGlite in the service's data folder.
 */
export function findingsStoreSettings(options: {
  readonly name: string;
  readonly service: string;
  readonly defaultDir: string;
}) {
  return {
    databaseUrl: DATABASE_URL_SETTING,
    dataDir: textSetting(options.name, {
      default: options.defaultDir,
      documentedDefault: `\`subgraphs/${options.service}/.data\``,
      description: `the ${options.service} PGlite (\`store/\`) of the findings history, without \`DATABASE_URL\``,
    }),
  } as const;
}
