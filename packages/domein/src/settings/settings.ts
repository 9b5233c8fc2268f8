import { z } from 'zod';

/**
 * Settings from the environment, declared once each: name, type, default and
 * description. A service reads its environment through one schema built from its
 * declarations, so that a bad value refuses to start naming the setting, a boolean
 * is never silently off, and the README table and turbo's pass-through list can be
 * derived from (and checked against) what the code actually reads.
 */

/** A default that differs in production (a stricter rate limit, the request log on). */
export interface PerEnvironment<T> {
  readonly development: T;
  readonly production: T;
}

export type DefaultValue<T> = T | PerEnvironment<T>;

export interface Setting<T> {
  readonly name: string;
  readonly description: string;
  /** Older names still read for one release; the first one set counts when the name itself is unset. */
  readonly aliases: readonly string[];
  /** A credential or secret: its value is never echoed in a message. */
  readonly secret: boolean;
  /** A credential's development value: fine on a laptop, refused with NODE_ENV=production. */
  readonly developmentValue: string | undefined;
  /** The default as the README shows it. */
  readonly documentedDefault: string;
  /** The setting's part of the service's zod schema: the trimmed text (undefined when unset) to its value. */
  readonly schema: (production: boolean) => z.ZodType<T, string | undefined>;
}

/** Declarations by the property name the service reads the value under. */
export type SettingDeclarations = Readonly<Record<string, Setting<unknown>>>;

export type SettingValues<D extends SettingDeclarations> = {
  readonly [K in keyof D]: D[K] extends Setting<infer T> ? T : never;
};

interface CommonOptions {
  readonly description: string;
  readonly aliases?: readonly string[];
  /** How the README shows the default, where the value itself would not say it (a path, today's date). */
  readonly documentedDefault?: string;
}

interface Options<T> extends CommonOptions {
  /** Absent: the setting is optional and reads as undefined when unset. */
  readonly default?: DefaultValue<T>;
}

/** The value type of a declaration: with a default always set, else possibly undefined. */
type Value<T, O> = O extends { readonly default: DefaultValue<T> } ? T : T | undefined;

function isPerEnvironment<T>(value: DefaultValue<T>): value is PerEnvironment<T> {
  return typeof value === 'object' && value !== null && 'development' in value && 'production' in value;
}

function documented<T>(value: DefaultValue<T> | undefined): string {
  if (value === undefined) return 'unset';
  if (isPerEnvironment(value))
    return `\`${String(value.production)}\` in production, \`${String(value.development)}\` otherwise`;
  return `\`${String(value)}\``;
}

/**
 * Declares a setting of any type from a parser of its text. The helpers below
 * cover the usual types; use this for a value of the domain (a scale, a date).
 */
export function declareSetting<T, const O extends Options<T>>(
  name: string,
  parse: z.ZodType<T, string>,
  options: O & { readonly secret?: boolean; readonly developmentValue?: string },
): Setting<Value<T, O>> {
  const standaard = options.default;
  return {
    name,
    description: options.description,
    aliases: options.aliases ?? [],
    secret: options.secret ?? false,
    developmentValue: options.developmentValue,
    documentedDefault: options.documentedDefault ?? documented(standaard),
    schema: (production) =>
      z
        .string()
        .optional()
        .transform((text, ctx): Value<T, O> => {
          if (text === undefined) {
            // Without a default the setting is optional: undefined is its value.
            if (standaard === undefined) return undefined as Value<T, O>;
            return isPerEnvironment(standaard)
              ? standaard[production ? 'production' : 'development']
              : standaard;
          }
          const result = parse.safeParse(text);
          if (result.success) return result.data;
          for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
          return z.NEVER;
        })
        .describe(options.description),
  };
}

const fail = (ctx: z.RefinementCtx, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

export function textSetting<const O extends Options<string>>(name: string, options: O) {
  return declareSetting(name, z.string(), options);
}

interface Range {
  readonly min?: number;
  readonly max?: number;
}

/** A whole number (ports, milliseconds, counts); `1e3`, `10.5` or `ten` refuse to start. */
export function integerSetting<const O extends Options<number> & Range>(name: string, options: O) {
  const min = options.min ?? 0;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  return declareSetting(
    name,
    z.string().transform((text, ctx) => {
      const value = Number(text);
      return /^[+-]?\d+$/.test(text) && value >= min && value <= max
        ? value
        : fail(ctx, `must be a whole number from ${min} to ${max}`);
    }),
    options,
  );
}

/** A number that may have a fraction (seconds, a share). */
export function numberSetting<const O extends Options<number> & Range>(name: string, options: O) {
  const min = options.min ?? 0;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  return declareSetting(
    name,
    z.string().transform((text, ctx) => {
      const value = Number(text);
      return Number.isFinite(value) && value >= min && value <= max
        ? value
        : fail(ctx, `must be a number from ${min} to ${max}`);
    }),
    options,
  );
}

export function portSetting(name: string, standaard: number, description: string) {
  return integerSetting(name, { default: standaard, min: 0, max: 65535, description });
}

/** Exactly `true`, `false`, `1` or `0`: `yes` or `on` refuse to start rather than silently meaning off. */
export function booleanSetting<const O extends Options<boolean>>(name: string, options: O) {
  return declareSetting(
    name,
    z.string().transform((text, ctx) => {
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      return fail(ctx, 'must be true or false (or 1 or 0)');
    }),
    options,
  );
}

/** An absolute URL (`http://…`, `redis://…`). */
export function urlSetting<const O extends Options<string>>(name: string, options: O) {
  return declareSetting(
    name,
    z.string().transform((text, ctx) =>
      // `localhost:6379` parses as a URL of scheme `localhost:`; a scheme followed by `//` is what is meant.
      /^[a-z][a-z\d+.-]*:\/\//i.test(text) && URL.canParse(text)
        ? text
        : fail(ctx, 'must be an absolute URL (`http://…`)'),
    ),
    options,
  );
}

interface CredentialOptions extends CommonOptions {
  /** The value that serves on a laptop and the mock partners, refused with NODE_ENV=production. */
  readonly developmentValue: string;
  /** Whether unset means the development value (a partner key) or unset (a secret with an alternative). */
  readonly defaultsToDevelopmentValue?: boolean;
  readonly minBytes?: number;
}

/** A partner key, password or secret: never echoed, and its development value refused in production. */
export function credentialSetting(name: string, options: CredentialOptions): Setting<string | undefined> {
  const minBytes = options.minBytes ?? 1;
  const parse = z
    .string()
    .transform((text, ctx) =>
      Buffer.byteLength(text) >= minBytes ? text : fail(ctx, `must be at least ${minBytes} bytes`),
    );
  const common = {
    description: options.description,
    secret: true,
    developmentValue: options.developmentValue,
    documentedDefault:
      options.documentedDefault ??
      (options.defaultsToDevelopmentValue === false
        ? 'unset'
        : `\`${options.developmentValue}\` (development only)`),
    ...(options.aliases ? { aliases: options.aliases } : {}),
  };
  return options.defaultsToDevelopmentValue === false
    ? declareSetting(name, parse, common)
    : declareSetting(name, parse, { ...common, default: options.developmentValue });
}

/** A credential that always has a value: unset means its development value. */
export function partnerCredential(
  name: string,
  developmentValue: string,
  description: string,
): Setting<string> {
  // Declared with its development value as default, so the value is always a string.
  return credentialSetting(name, { developmentValue, description }) as Setting<string>;
}

/** One setting that stops the service, and why; a secret's value is never part of it. */
export interface SettingProblem {
  readonly setting: string;
  readonly problem: string;
}

/** The service refuses to start: every bad setting at once, each named. */
export class SettingsError extends Error {
  constructor(readonly problems: readonly SettingProblem[]) {
    super(
      `Refusing to start: ${problems.length === 1 ? 'a setting is' : 'settings are'} wrong:\n` +
        problems.map((p) => `  ${p.setting}: ${p.problem}`).join('\n'),
    );
    this.name = 'SettingsError';
  }
}

export const isProduction = (env: NodeJS.ProcessEnv): boolean => env['NODE_ENV'] === 'production';

export interface SettingsSchema<D extends SettingDeclarations> {
  readonly declarations: D;
  /** Every setting the schema reads, in declaration order. */
  readonly settings: readonly Setting<unknown>[];
  /** The zod schema of the environment, keyed by the settings' names. */
  zod(production: boolean): z.ZodObject<Record<string, z.ZodType>>;
  /**
   * Reads and checks the environment; throws a SettingsError naming every bad
   * setting. Production (the defaults that differ, the credentials refused) is
   * NODE_ENV=production unless the caller says otherwise.
   */
  read(env?: NodeJS.ProcessEnv, production?: boolean): SettingValues<D>;
}

/** One schema of a service's settings, from their declarations (spread shared ones in). */
export function defineSettings<const D extends SettingDeclarations>(declarations: D): SettingsSchema<D> {
  const entries = Object.entries(declarations);
  const names = new Set<string>();
  for (const [, s] of entries) {
    for (const n of [s.name, ...s.aliases]) {
      if (names.has(n)) throw new Error(`the setting ${n} is declared twice`);
      names.add(n);
    }
  }
  const zod = (production: boolean) =>
    z.object(Object.fromEntries(entries.map(([, s]) => [s.name, s.schema(production)])));

  return {
    declarations,
    settings: entries.map(([, s]) => s),
    zod,
    read: (env = process.env, production = isProduction(env)) => {
      const problems: SettingProblem[] = [];
      const input: Record<string, string | undefined> = {};
      /** Under which name the value was found, so that a message names what the operator set. */
      const source: Record<string, string> = {};
      for (const [, s] of entries) {
        const set = [s.name, ...s.aliases]
          .map((n) => ({ name: n, text: env[n]?.trim() }))
          .filter((v): v is { name: string; text: string } => v.text !== undefined && v.text !== '');
        const [first] = set;
        if (set.some((v) => v.text !== first?.text))
          problems.push({
            setting: set.map((v) => v.name).join(' and '),
            problem: 'set to different values; set only the first',
          });
        input[s.name] = first?.text;
        source[s.name] = first?.name ?? s.name;
      }
      const result = zod(production).safeParse(input);
      const bySetting = new Map(entries.map(([, s]) => [s.name, s]));
      if (!result.success) {
        for (const issue of result.error.issues) {
          const name = String(issue.path[0]);
          const s = bySetting.get(name);
          const text = input[name];
          const shown = s?.secret || text === undefined ? '' : ` (got "${text}")`;
          const alias = source[name] === name ? '' : ` (the old name of ${name})`;
          problems.push({ setting: `${source[name] ?? name}${alias}`, problem: `${issue.message}${shown}` });
        }
      }
      const values = (result.data ?? {}) as Record<string, unknown>;
      if (production) {
        for (const [, s] of entries) {
          if (s.developmentValue !== undefined && values[s.name] === s.developmentValue)
            problems.push({
              setting: s.name,
              problem: `NODE_ENV=production refuses the development credential${input[s.name] === undefined ? ' (its default)' : ''}: set the real one`,
            });
        }
      }
      if (problems.length > 0) throw new SettingsError(problems);
      return Object.fromEntries(entries.map(([key, s]) => [key, values[s.name]])) as SettingValues<D>;
    },
  };
}

/**
 * For a service's `src/index.ts`: reads its configuration, or prints why it
 * refuses to start (every bad setting, named) and exits with status 1, without
 * a stack trace that would bury the message.
 */
export function configOrExit<T>(service: string, read: () => T): T {
  try {
    return read();
  } catch (fout) {
    console.error(`${service}: ${fout instanceof Error ? fout.message : String(fout)}`);
    return process.exit(1);
  }
}
