import type { ApolloServer, BaseContext } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { WithSources } from './source-status.ts';
import {
  PARTNER_TIMEOUT_SETTING,
  SNAPSHOT_INTERVAL_SETTING,
  SUBGRAPH_HOST_SETTING,
} from '@duaal-graph/domein';
import type { RunningService } from './listener.ts';
import {
  configOrExit,
  credentialSetting,
  integerSetting,
  defineSettings,
  isProduction,
  portSetting,
  type SettingDeclarations,
  type SettingsSchema,
  type SettingValues,
} from '@duaal-graph/domein';
import {
  DEFAULT_OPERATION_LIMITS,
  OPERATION_LIMIT_SETTINGS,
  operationLimitsFrom,
} from './operation-limits/settings.ts';
import { COMPOSITION_HEADER, DEVELOPMENT_COMPOSITION_TOKEN } from './composition.ts';
import { buildSubgraph, startSubgraph, type SubgraphData } from './subgraph.ts';
import { ACCESS_SETTINGS, toegangConfigUit, type AccessConfig } from './access/config.ts';
import type { WithCaller } from './access/directive.ts';
import type { Gebruiker } from './access/caller.ts';
import { createTelemetry, inService, type Telemetry } from './observability/scope.ts';
import { OBSERVABILITY_SETTINGS } from './observability/settings.ts';
import { onTerm } from './observability/shutdown.ts';

/**
 * The one shape of a subgraph service. The toolkit reads the settings, builds the
 * schema and Apollo server, starts the data sources and the listener, and handles
 * the signals; a subgraph declares only what differs: its name and port, its own
 * settings, its SDL, and how it builds its data sources, resolvers and context.
 */

/** What every subgraph reads besides its own settings. */
export const SUBGRAPH_SETTINGS = {
  host: SUBGRAPH_HOST_SETTING,
  snapshotIntervalS: SNAPSHOT_INTERVAL_SETTING,
  partnerTimeoutMs: PARTNER_TIMEOUT_SETTING,
  ...ACCESS_SETTINGS,
  compositionToken: credentialSetting('COMPOSITION_TOKEN', {
    developmentValue: DEVELOPMENT_COMPOSITION_TOKEN,
    defaultsToDevelopmentValue: false,
    minBytes: 16,
    documentedDefault: `\`${DEVELOPMENT_COMPOSITION_TOKEN}\` in development; unset (\`_service\` closed) in production`,
    description: `the credential a caller presents in \`${COMPOSITION_HEADER}\` to read a subgraph's SDL (\`_service\`)`,
  }),
  // The gateway's operation limits, enforced again by the subgraph itself; its body limit is the listener's own.
  maxBodyBytes: integerSetting('SUBGRAPH_MAX_BODY_BYTES', {
    default: 32 * 1024 * 1024,
    min: 1024,
    description:
      "largest request body a subgraph reads: the gateway's `_entities` fetches of a gemeente-scale radar of all Flanders carry some 18,000 cells",
  }),
  depth: OPERATION_LIMIT_SETTINGS.depth,
  aliases: OPERATION_LIMIT_SETTINGS.aliases,
  rootFields: OPERATION_LIMIT_SETTINGS.rootFields,
  directives: OPERATION_LIMIT_SETTINGS.directives,
  tokens: OPERATION_LIMIT_SETTINGS.tokens,
  cost: OPERATION_LIMIT_SETTINGS.cost,
  assumedListSize: OPERATION_LIMIT_SETTINGS.assumedListSize,
  ...OBSERVABILITY_SETTINGS,
} as const;

type SubgraphDeclarations<D extends SettingDeclarations> = D &
  typeof SUBGRAPH_SETTINGS & { readonly port: ReturnType<typeof portSetting> };

/** The settings schema of a subgraph: `<NAME>_PORT`, the shared settings, and its own. */
export function subgraphSettings<const D extends SettingDeclarations>(
  name: string,
  defaultPort: number,
  own: D,
): SettingsSchema<SubgraphDeclarations<D>> {
  return defineSettings({
    port: portSetting(`${name.toUpperCase()}_PORT`, defaultPort, `where the ${name} subgraph listens`),
    ...SUBGRAPH_SETTINGS,
    ...own,
  });
}

/** A subgraph's configuration: its settings' values, whether it runs in production, and its token rules. */
export type SubgraphConfig<D extends SettingDeclarations> = SettingValues<D> &
  SettingValues<typeof SUBGRAPH_SETTINGS> & {
    readonly port: number;
    readonly production: boolean;
    readonly access: AccessConfig;
  };

/** What a subgraph builds from its configuration; nothing is read and nothing listens yet. */
export interface SubgraphParts<C extends BaseContext, P extends object> {
  readonly resolvers: object;
  /** The partner data it answers from, started with the listener. */
  readonly data: SubgraphData;
  /**
   * The subgraph's own part of the request context, given the verified caller
   * (for what the subgraph must shape by who asks); the caller is added by the toolkit.
   */
  readonly context: (gebruiker: Gebruiker) => Promise<Omit<C, 'gebruiker'>>;
  /** What tests and the start-up line may look at (the index, a client). */
  readonly exposed: P;
}

/** What the toolkit hands a subgraph's build. */
export interface BuildTools {
  /** Logs a line (info) in the subgraph's JSON log; personal data never goes in here. */
  readonly log: (line: string) => void;
  /** The subgraph's metrics and logger, for what it observes of its own (the VDAB sync lag). */
  readonly telemetry: Telemetry;
  /** The built schema (with the `@toegang` rules), for what reads the SDL's rules; only after build returns. */
  readonly schema: () => GraphQLSchema;
}

export interface SubgraphDefinition<
  D extends SettingDeclarations,
  C extends BaseContext & WithSources & WithCaller,
  P extends object,
> {
  readonly name: string;
  readonly typeDefs: DocumentNode;
  readonly settings: SettingsSchema<SubgraphDeclarations<D>>;
  build(config: SubgraphConfig<D>, tools: BuildTools): SubgraphParts<C, P>;
  /** What the start-up line adds after the URL (the partner it reads, the school year). */
  describe?(config: SubgraphConfig<D>, built: Built<C, P>): string;
}

export type Built<C extends BaseContext, P extends object> = P & {
  readonly schema: GraphQLSchema;
  readonly apollo: ApolloServer<C>;
  readonly subgraphData: SubgraphData;
  readonly context: (gebruiker: Gebruiker) => Promise<Omit<C, 'gebruiker'>>;
  readonly telemetry: Telemetry;
};

export interface SubgraphService<
  D extends SettingDeclarations,
  C extends BaseContext & WithSources & WithCaller,
  P extends object,
> {
  readonly name: string;
  readonly settings: SettingsSchema<SubgraphDeclarations<D>>;
  /** Reads the configuration from the environment; a bad setting refuses to start, naming it. */
  readonly readConfig: (env?: NodeJS.ProcessEnv) => SubgraphConfig<D>;
  /** Builds schema, Apollo server, data sources and context; nothing is read and nothing listens yet. */
  readonly build: (config?: SubgraphConfig<D>) => Built<C, P>;
  /** Starts the first reads and the listener (port 0 picks a free port); `stop` ends both. */
  readonly start: (config?: SubgraphConfig<D>) => Promise<RunningService & { subgraph: Built<C, P> }>;
  /** What `src/index.ts` does: start from the environment, print where, stop on SIGINT/SIGTERM. */
  readonly listen: (env?: NodeJS.ProcessEnv) => Promise<void>;
}

export function defineSubgraph<
  const D extends SettingDeclarations,
  C extends BaseContext & WithSources & WithCaller,
  P extends object,
>(definition: SubgraphDefinition<D, C, P>): SubgraphService<D, C, P> {
  const { name } = definition;
  const readConfig = (env: NodeJS.ProcessEnv = process.env): SubgraphConfig<D> => {
    // The schema's values are the shared ones and the subgraph's own; TypeScript cannot see through the generic spread.
    const values = definition.settings.read(env) as unknown as SettingValues<D> &
      SettingValues<typeof SUBGRAPH_SETTINGS> & { readonly port: number };
    const production = isProduction(env);
    return { ...values, production, access: toegangConfigUit(values, production) };
  };
  const build = (config: SubgraphConfig<D> = readConfig()): Built<C, P> => {
    const telemetry = createTelemetry(name, { level: config.logLevel });
    return inService(telemetry, () => buildIn(config, telemetry));
  };
  const buildIn = (config: SubgraphConfig<D>, telemetry: Telemetry): Built<C, P> => {
    const log = (line: string) => {
      telemetry.logger.info(line);
    };
    const built: { schema?: GraphQLSchema } = {};
    const schemaOf = () => {
      if (!built.schema) throw new Error(`${name}: the schema is asked for before it is built`);
      return built.schema;
    };
    const parts = definition.build(config, { log, telemetry, schema: schemaOf });
    const { schema, apollo } = buildSubgraph<C>(definition.typeDefs, parts.resolvers, {
      production: config.production,
      limits: operationLimitsFrom({ ...config, bodyBytes: DEFAULT_OPERATION_LIMITS.bodyBytes }),
      telemetry,
    });
    built.schema = schema;
    return { ...parts.exposed, schema, apollo, subgraphData: parts.data, context: parts.context, telemetry };
  };
  const startBuilt = async (subgraph: Built<C, P>, config: SubgraphConfig<D>) => {
    const dienst = await inService(subgraph.telemetry, () =>
      startSubgraph<C>({
        telemetry: subgraph.telemetry,
        apollo: subgraph.apollo,
        context: subgraph.context,
        subgraphData: subgraph.subgraphData,
        poort: config.port,
        host: config.host,
        maxBodyBytes: config.maxBodyBytes,
        toegang: config.access,
        compositionToken:
          config.compositionToken ?? (config.production ? null : DEVELOPMENT_COMPOSITION_TOKEN),
      }),
    );
    return { ...dienst, subgraph };
  };
  const start = (config: SubgraphConfig<D> = readConfig()) => startBuilt(build(config), config);
  return {
    name,
    settings: definition.settings,
    readConfig,
    build,
    start,
    listen: async (env = process.env) => {
      const config = configOrExit(`subgraph ${name}`, () => readConfig(env));
      const subgraph = build(config);
      // From here a SIGTERM ends the process with 0, also while the first reads run: they are stopped.
      const term = onTerm(config.shutdownGraceS, subgraph.telemetry, async () => {
        await subgraph.subgraphData.stop();
      });
      let dienst: Awaited<ReturnType<typeof startBuilt>>;
      try {
        dienst = await startBuilt(subgraph, config);
      } catch (fout) {
        // A start cut short by the signal fails as it may; the stop under way ends the process.
        if (term.stopping) return;
        throw fout;
      }
      const extra = definition.describe?.(config, dienst.subgraph);
      dienst.subgraph.telemetry.logger.info(
        { url: `${dienst.url}/graphql` },
        `subgraph ${name} at ${dienst.url}/graphql${extra ? ` (${extra})` : ''}`,
      );
      term.serve(dienst);
    },
  };
}
