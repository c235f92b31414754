import type { Severity } from '../engine/types.js';
import type { IgnoreRules } from '../model/dockerignore.js';

/** `off`, a severity, or `[severity, options]` as written in a config's `rules`. */
export type RuleSetting =
  | Severity
  | 'off'
  | [Severity | 'off']
  | [Severity | 'off', Record<string, unknown>];

export interface LabelSchemaEntry {
  type: string;
  required: boolean;
}

/** Settings that several rules read (RULES.md §0.7). */
export interface SharedSettings {
  /** Stage names built as images; empty means the last stage. */
  targets: string[];
  buildArgs: Record<string, string>;
  /** The build context directory, absolute; undefined when unknown (stdin). */
  context: string | undefined;
  knownVariables: string[];
  /** ISO date the end-of-life checks compare against. */
  today: string;
  trustedRegistries: string[];
  labels: { schema: Record<string, LabelSchemaEntry>; strict: boolean };
  /**
   * The build context's ignore rules (`<Dockerfile>.dockerignore` or `.dockerignore`), read by
   * the CLI when the context is known; undefined when there is no ignore file or no context.
   */
  ignoreRules?: IgnoreRules | undefined;
}

/** A config file as written, after validation. */
export interface ConfigFile {
  extends?: string | string[];
  rules?: Record<string, RuleSetting>;
  ignore?: string[];
  plugins?: string[];
  trustedRegistries?: string[];
  labels?: {
    schema?: Record<string, string | { type: string; required?: boolean }>;
    strict?: boolean;
  };
  failureThreshold?: Severity | 'none';
  targets?: string[];
  buildArgs?: Record<string, string>;
  context?: string;
  knownVariables?: string[];
  today?: string;
  /** hadolint's `disable-ignore-pragma`: inline `# hadolint`/`# layerlint` pragmas are ignored. */
  disableInlinePragmas?: boolean;
}

/** The configuration in force for one file: presets expanded, CLI flags applied. */
export interface ResolvedConfig {
  /** Where it came from, for messages and `--print-config`; undefined for defaults only. */
  source: string | undefined;
  presets: string[];
  /** Selector (lower-cased rule id or code) to setting, in the order they were written. */
  rules: Map<string, RuleSetting>;
  ignore: string[];
  plugins: string[];
  failureThreshold: Severity | 'none';
  disableInlinePragmas: boolean;
  settings: SharedSettings;
  /**
   * The directory relative `ignore` globs and `plugins` are resolved against: the config
   * file's directory, else the working directory.
   */
  baseDir?: string;
  /** Non-fatal notes from loading (e.g. unknown codes skipped in a .hadolint.yaml). */
  warnings?: string[];
}
