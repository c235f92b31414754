import path from 'node:path';
import { SEVERITY_RANK, type Severity } from '../engine/types.js';
import { findConfigFile, clearDiscoveryCache, type FoundConfig } from './discover.js';
import { ConfigError, describeValue } from './errors.js';
import { configKindFor, isValidDate, loadConfigFile } from './load.js';
import { PRESET_NAMES, SETTING_VALUES, THRESHOLD_VALUES } from './schema.js';
import type { ConfigFile, LabelSchemaEntry, ResolvedConfig, RuleSetting, SharedSettings } from './types.js';

/** Settings given on the command line; they apply on top of the config file. */
export interface CliOverrides {
  /** `--config <path>`: use this file instead of discovery (relative to cwd). */
  config?: string;
  /** `--no-config`: use neither a discovered nor an explicit config file. */
  noConfig?: boolean;
  /** `--preset`: replaces the config's `extends`. */
  presets?: string[];
  /** `--rule sel=setting`: set on top of the config's `rules` (same selector: CLI wins). */
  rules?: Record<string, RuleSetting>;
  failureThreshold?: Severity | 'none';
  /** `--target`: replaces the config's `targets`. */
  targets?: string[];
  /** `--build-arg NAME=value`: merged over the config's `buildArgs`. */
  buildArgs?: Record<string, string>;
  /** Added to the config's `trustedRegistries`. */
  trustedRegistries?: string[];
  /** Replaces the config's `context`; relative to cwd. */
  context?: string;
  /** Added to the config's `knownVariables`. */
  knownVariables?: string[];
  today?: string;
  /** Added to the config's `ignore`. */
  ignore?: string[];
  /** Added to the config's `plugins`. */
  plugins?: string[];
  disableInlinePragmas?: boolean;
  /** Replaces `labels.strict`. */
  strictLabels?: boolean;
}

export interface ResolveOptions {
  /**
   * Whether a selector names a rule id, a primary code or a namespaced secondary reference
   * (`kics:…`, `cis:4.1`). Receives the normalised selector (see normalizeSelector); when
   * absent, every selector is accepted. Unknown selectors in a layerlint config or on the
   * command line are ConfigErrors; in a .hadolint.yaml they are skipped with a warning.
   */
  isKnownSelector?: (selector: string) => boolean;
  /** Validates a rule's options object; returns a problem description, or undefined if valid. */
  validateRuleOptions?: (selector: string, options: Record<string, unknown>) => string | undefined;
}

/** The identity of a rule, as far as configuration is concerned (RuleMeta satisfies it). */
export interface RuleIdentity {
  id: string;
  codes: readonly string[];
  severity: Severity;
  presets: readonly string[];
  alsoKnownAs?: readonly string[];
  enabledWhenConfigured?: (settings: SharedSettings) => boolean;
}

export const DEFAULT_FAILURE_THRESHOLD: Severity | 'none' = 'info';

// ---------------------------------------------------------------------------------------------
// Selectors and settings

const normalized = new Map<string, string>();

/** Normalises a selector: trimmed, lower-case; Trivy aliases `DS001`/`AVD-DS-0001` → `ds-0001`. */
export function normalizeSelector(s: string): string {
  const cached = normalized.get(s);
  if (cached !== undefined) return cached;
  let out = s.trim().toLowerCase();
  const trivy = /^(?:avd-)?ds-?(\d{1,4})$/.exec(out);
  if (trivy?.[1] !== undefined) out = `ds-${trivy[1].padStart(4, '0')}`;
  if (normalized.size < 10_000) normalized.set(s, out);
  return out;
}

/** Whether a value is a valid RuleSetting (`off`, a severity, `[level]` or `[level, options]`). */
export function isRuleSetting(value: unknown): value is RuleSetting {
  const isLevel = (v: unknown): boolean => typeof v === 'string' && (SETTING_VALUES as readonly string[]).includes(v);
  if (isLevel(value)) return true;
  if (!Array.isArray(value) || value.length < 1 || value.length > 2 || !isLevel(value[0])) return false;
  const options: unknown = value[1];
  return value.length === 1 || (options !== null && typeof options === 'object' && !Array.isArray(options));
}

function levelOf(setting: RuleSetting): Severity | 'off' {
  return typeof setting === 'string' ? setting : setting[0];
}

function optionsOf(setting: RuleSetting): Record<string, unknown> | undefined {
  return Array.isArray(setting) ? setting[1] : undefined;
}

/** Several settings for one diagnostic: `off` wins, else the highest severity. */
function combine(levels: (Severity | 'off')[]): Severity | 'off' | undefined {
  let best: Severity | undefined;
  for (const level of levels) {
    if (level === 'off') return 'off';
    if (best === undefined || SEVERITY_RANK[level] > SEVERITY_RANK[best]) best = level;
  }
  return best;
}

function settingsFor(config: ResolvedConfig, selectors: readonly string[]): (Severity | 'off')[] {
  const out: (Severity | 'off')[] = [];
  for (const selector of selectors) {
    const setting = config.rules.get(normalizeSelector(selector));
    if (setting !== undefined) out.push(levelOf(setting));
  }
  return out;
}

/** The rule-level setting: the rule id's, else its secondary references' combined. */
function ruleLevel(config: ResolvedConfig, rule: RuleIdentity): Severity | 'off' | undefined {
  const own = config.rules.get(normalizeSelector(rule.id));
  if (own !== undefined) return levelOf(own);
  return rule.alsoKnownAs === undefined ? undefined : combine(settingsFor(config, rule.alsoKnownAs));
}

const ALL_PRESET_MEMBERS = new Set(['recommended', 'all', 'openshift']);

/** Whether the presets (or the rule's configured data, or `always`) turn the rule on. */
export function enabledByPreset(config: ResolvedConfig, rule: RuleIdentity): boolean {
  if (rule.presets.includes('always')) return true;
  for (const preset of config.presets) {
    if (preset === 'all' ? rule.presets.some((p) => ALL_PRESET_MEMBERS.has(p)) : rule.presets.includes(preset)) return true;
  }
  return rule.enabledWhenConfigured?.(config.settings) === true;
}

/**
 * Whether a rule runs for this config, and its configured options (to be merged over the
 * rule's defaults by the caller). A rule runs when its presets or configured data turn it on,
 * or its id (or a secondary reference) is set to a severity; an explicit `off` wins over
 * presets, but a code-level severity (`pinned-versions: off` + `DL3013: warning`) still makes
 * it run so that code's findings appear. `always` rules always run. Options come from every
 * `[level, options]` setting of the rule's id, references and codes, later ones (CLI) winning.
 */
export function ruleSetting(config: ResolvedConfig, rule: RuleIdentity): { enabled: boolean; options: Record<string, unknown> | undefined } {
  const level = ruleLevel(config, rule);
  const codeOn = settingsFor(config, rule.codes).some((l) => l !== 'off');
  let enabled: boolean;
  if (rule.presets.includes('always')) enabled = true;
  else if (level === 'off') enabled = codeOn;
  else if (level !== undefined) enabled = true;
  else enabled = codeOn || enabledByPreset(config, rule);

  const mine = new Set([rule.id, ...(rule.alsoKnownAs ?? []), ...rule.codes].map(normalizeSelector));
  let options: Record<string, unknown> | undefined;
  for (const [selector, setting] of config.rules) {
    const opts = mine.has(selector) ? optionsOf(setting) : undefined;
    if (opts !== undefined) options = { ...options, ...opts };
  }
  return { enabled, options };
}

/**
 * The effective severity of one finding carrying `codes`, or `off` (RULES.md §0.2): a
 * code-level setting beats the rule-level setting, which beats the preset default; among
 * several code settings `off` wins, else the highest severity. A rule that is off by preset
 * and has no applicable setting yields `off`.
 */
export function findingSeverity(
  config: ResolvedConfig,
  rule: RuleIdentity,
  codes: readonly string[],
  defaultSeverity: Severity,
): Severity | 'off' {
  const codeLevel = combine(settingsFor(config, codes));
  if (codeLevel !== undefined) return codeLevel;
  const level = ruleLevel(config, rule);
  if (level !== undefined) return level;
  return enabledByPreset(config, rule) ? defaultSeverity : 'off';
}

// ---------------------------------------------------------------------------------------------
// Building a ResolvedConfig

/** Today's date, local time, as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function normalizePresets(list: string[], fail: (preset: string, index: number) => never): string[] {
  return unique(
    list.map((p, i) => {
      const lower = p.trim().toLowerCase();
      if (!(PRESET_NAMES as readonly string[]).includes(lower)) fail(p, i);
      return lower;
    }),
  );
}

function labelEntries(schema: NonNullable<ConfigFile['labels']>['schema']): Record<string, LabelSchemaEntry> {
  const out: Record<string, LabelSchemaEntry> = {};
  for (const [label, entry] of Object.entries(schema ?? {})) {
    out[label] = typeof entry === 'string' ? { type: entry, required: false } : { type: entry.type, required: entry.required ?? false };
  }
  return out;
}

const CLI = undefined;

function cliError(key: string, detail: string): ConfigError {
  return new ConfigError({ filePath: CLI, key, detail });
}

/**
 * Combines a loaded config file (or none) with the CLI overrides. `settings.context` is left
 * undefined when neither sets it; ConfigLoader fills in the linted file's directory.
 */
export function buildResolvedConfig(
  file: ConfigFile | undefined,
  found: FoundConfig | undefined,
  cwd: string,
  cli: CliOverrides,
  options: ResolveOptions = {},
): ResolvedConfig {
  const source = found?.path;
  const baseDir = source === undefined ? cwd : path.dirname(source);
  const prefix = found?.kind === 'package.json' ? 'layerlint.' : '';
  const warnings: string[] = [];
  const f = file ?? {};

  // Presets.
  let presets: string[];
  if (cli.presets !== undefined) {
    presets = normalizePresets(cli.presets, (p) => {
      throw cliError('--preset', `names an unknown preset ${JSON.stringify(p)}; expected ${PRESET_NAMES.join(', ')}`);
    });
  } else {
    const written = f.extends === undefined ? ['recommended'] : typeof f.extends === 'string' ? [f.extends] : f.extends;
    presets = normalizePresets(written, (p, i) => {
      throw new ConfigError({
        filePath: source,
        key: typeof f.extends === 'string' ? `${prefix}extends` : `${prefix}extends[${i}]`,
        detail: `names an unknown preset ${JSON.stringify(p)}; expected ${PRESET_NAMES.join(', ')}`,
      });
    });
  }

  // Rules: file first, then CLI on top (re-inserted so the CLI's come last).
  const rules = new Map<string, RuleSetting>();
  const isKnown = options.isKnownSelector;
  for (const [written, setting] of Object.entries(f.rules ?? {})) {
    const key = `${prefix}rules.${written}`;
    if (!isRuleSetting(setting)) {
      throw new ConfigError({ filePath: source, key, detail: `must be ${SETTING_VALUES.join(', ')} or [severity, {options}] (got ${describeValue(setting)})` });
    }
    const selector = normalizeSelector(written);
    if (isKnown !== undefined && !isKnown(selector)) {
      if (found?.kind === 'hadolint') {
        warnings.push(`${source}: ignoring unknown code '${written}'`);
        continue;
      }
      throw new ConfigError({ filePath: source, key, detail: `names an unknown rule or code '${written}'` });
    }
    const opts = optionsOf(setting);
    const problem = opts === undefined ? undefined : options.validateRuleOptions?.(selector, opts);
    if (problem !== undefined) throw new ConfigError({ filePath: source, key, detail: `has invalid options: ${problem}` });
    rules.delete(selector);
    rules.set(selector, setting);
  }
  for (const [written, setting] of Object.entries(cli.rules ?? {})) {
    const key = `--rule ${written}`;
    if (!isRuleSetting(setting)) {
      throw cliError(key, `must be ${SETTING_VALUES.join(', ')} or [severity, {options}] (got ${describeValue(setting)})`);
    }
    const selector = normalizeSelector(written);
    if (isKnown !== undefined && !isKnown(selector)) throw cliError(key, `names an unknown rule or code '${written}'`);
    const opts = optionsOf(setting);
    const problem = opts === undefined ? undefined : options.validateRuleOptions?.(selector, opts);
    if (problem !== undefined) throw cliError(key, `has invalid options: ${problem}`);
    rules.delete(selector);
    rules.set(selector, setting);
  }

  // Failure threshold.
  if (cli.failureThreshold !== undefined && !(THRESHOLD_VALUES as readonly string[]).includes(cli.failureThreshold)) {
    throw cliError('--failure-threshold', `must be one of ${THRESHOLD_VALUES.join(', ')} (got ${describeValue(cli.failureThreshold)})`);
  }
  const failureThreshold = cli.failureThreshold ?? f.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;

  // Today.
  if (cli.today !== undefined && !isValidDate(cli.today)) {
    throw cliError('--today', `must be a date in the form YYYY-MM-DD (got ${describeValue(cli.today)})`);
  }

  const context =
    cli.context !== undefined ? path.resolve(cwd, cli.context) : f.context !== undefined ? path.resolve(baseDir, f.context) : undefined;

  const settings: SharedSettings = {
    targets: [...(cli.targets ?? f.targets ?? [])],
    buildArgs: { ...f.buildArgs, ...cli.buildArgs },
    context,
    knownVariables: unique([...(f.knownVariables ?? []), ...(cli.knownVariables ?? [])]),
    today: cli.today ?? f.today ?? localToday(),
    trustedRegistries: unique([...(f.trustedRegistries ?? []), ...(cli.trustedRegistries ?? [])]),
    labels: { schema: labelEntries(f.labels?.schema), strict: cli.strictLabels ?? f.labels?.strict ?? false },
  };

  return {
    source,
    presets,
    rules,
    ignore: unique([...(f.ignore ?? []), ...(cli.ignore ?? [])]),
    plugins: unique([...(f.plugins ?? []), ...(cli.plugins ?? [])]),
    failureThreshold,
    disableInlinePragmas: cli.disableInlinePragmas ?? f.disableInlinePragmas ?? false,
    settings,
    baseDir,
    warnings,
  };
}

/**
 * Resolves configurations for many files, loading each config file once: 1,000 files under
 * one `.layerlint.yaml` read and validate it once.
 */
export class ConfigLoader {
  private readonly files = new Map<string, Promise<ConfigFile>>();
  private readonly bases = new Map<string, Promise<ResolvedConfig>>();

  constructor(
    readonly cwd: string,
    readonly cli: CliOverrides,
    readonly options: ResolveOptions = {},
  ) {}

  /** The config file that applies to a file (undefined: defaults only). */
  locate(filePath: string | undefined): FoundConfig | undefined {
    if (this.cli.noConfig === true) return undefined;
    if (this.cli.config !== undefined) {
      const explicit = path.resolve(this.cwd, this.cli.config);
      return { path: explicit, kind: configKindFor(explicit) };
    }
    const dir = filePath === undefined ? this.cwd : path.dirname(path.resolve(this.cwd, filePath));
    return findConfigFile(dir);
  }

  /** Loads (once) and validates a config file. */
  load(found: FoundConfig): Promise<ConfigFile> {
    let pending = this.files.get(found.path);
    if (pending === undefined) {
      pending = loadConfigFile(found.path, found.kind);
      this.files.set(found.path, pending);
    }
    return pending;
  }

  /** The ResolvedConfig for a file (`undefined`: stdin without a name, discovery from cwd). */
  async forFile(filePath: string | undefined): Promise<ResolvedConfig> {
    const absolute = filePath === undefined ? undefined : path.resolve(this.cwd, filePath);
    const found = this.locate(absolute);
    const cacheKey = found === undefined ? '' : found.path;
    let base = this.bases.get(cacheKey);
    if (base === undefined) {
      base = (async () => {
        const file = found === undefined ? undefined : await this.load(found);
        return buildResolvedConfig(file, found, this.cwd, this.cli, this.options);
      })();
      this.bases.set(cacheKey, base);
    }
    const resolved = await base;
    if (resolved.settings.context !== undefined || absolute === undefined) return resolved;
    return { ...resolved, settings: { ...resolved.settings, context: path.dirname(absolute) } };
  }

  /** Forgets loaded and discovered config files (for the language server's reload). */
  clear(): void {
    this.files.clear();
    this.bases.clear();
    clearDiscoveryCache();
  }
}

/**
 * Builds the ResolvedConfig for a file: the config file (an explicit `--config` path wins over
 * discovery; `--no-config` skips both), then CLI overrides on top. The build context defaults
 * to the file's directory. Throws ConfigError for any invalid configuration.
 */
export async function resolveConfig(
  filePath: string | undefined,
  cwd: string,
  cli: CliOverrides,
  options: ResolveOptions = {},
): Promise<ResolvedConfig> {
  return new ConfigLoader(cwd, cli, options).forFile(filePath);
}

/** A plain JSON view of a ResolvedConfig, for `--print-config`. */
export function describeConfig(c: ResolvedConfig): object {
  return {
    source: c.source ?? null,
    presets: [...c.presets],
    rules: Object.fromEntries(c.rules),
    ignore: [...c.ignore],
    plugins: [...c.plugins],
    failureThreshold: c.failureThreshold,
    disableInlinePragmas: c.disableInlinePragmas,
    settings: {
      targets: [...c.settings.targets],
      buildArgs: { ...c.settings.buildArgs },
      context: c.settings.context ?? null,
      knownVariables: [...c.settings.knownVariables],
      today: c.settings.today,
      trustedRegistries: [...c.settings.trustedRegistries],
      labels: { schema: { ...c.settings.labels.schema }, strict: c.settings.labels.strict },
    },
    ...(c.warnings !== undefined && c.warnings.length > 0 ? { warnings: [...c.warnings] } : {}),
  };
}
