import fs from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { ConfigLoader, type CliOverrides } from '../config/resolve.js';
import { ConfigError } from '../config/errors.js';
import { loadPlugins } from '../config/plugins.js';
import type { ResolvedConfig } from '../config/types.js';
import { ruleOptionsProblem } from '../engine/active-rules.js';
import type { LintTextOptions } from '../engine/lint.js';
import { RuleRegistry } from '../engine/registry.js';
import { BUILTIN_RULES } from '../../rules/index.js';
import { IgnoreRulesReader } from './context-ignore.js';

/**
 * The per-file work of a lint run that does not depend on where it runs: the sequential loop in
 * main.ts and the worker threads of parallel.ts both resolve configs, plugins and lint options
 * with these functions, so the two paths lint every file the same way.
 */
export interface LintSetup {
  loader: ConfigLoader;
  /** The registry for a config: the built-in rules, plus its plugins' rules when it names any. */
  registryFor: (config: ResolvedConfig) => Promise<RuleRegistry>;
  ignoreRules: IgnoreRulesReader;
}

export function createLintSetup(cwd: string, overrides: CliOverrides, registry: RuleRegistry): LintSetup {
  const loader = new ConfigLoader(cwd, overrides, {
    // Plugin rules (`acme/rule`) are checked once the config's plugins are loaded (registryFor).
    isKnownSelector: (selector) => registry.isKnownSelector(selector) || selector.includes('/'),
    validateRuleOptions: (selector, options) => {
      const [rule] = registry.resolve(selector);
      return rule ? ruleOptionsProblem(rule, options) : undefined;
    },
  });
  const pluginRegistries = new Map<string, Promise<RuleRegistry>>();
  const registryFor = (config: ResolvedConfig): Promise<RuleRegistry> => {
    const pluginSelectors = [...config.rules.keys()].filter((selector) => selector.includes('/'));
    if (config.plugins.length === 0 && pluginSelectors.length === 0) return Promise.resolve(registry);
    const key = `${config.source ?? ''}|${config.baseDir ?? ''}|${config.plugins.join(',')}`;
    let pending = pluginRegistries.get(key);
    if (!pending) {
      pending = (async () => {
        const extra = await loadPlugins(config.plugins, config.baseDir ?? cwd, config.source);
        const withPlugins = extra.length === 0 ? registry : new RuleRegistry([...BUILTIN_RULES, ...extra]);
        checkPluginSettings(config, withPlugins);
        return withPlugins;
      })();
      pluginRegistries.set(key, pending);
    }
    return pending;
  };
  return { loader, registryFor, ignoreRules: new IgnoreRulesReader() };
}

/** The resolved config and lint options for one file (after its config's warnings and ignore patterns). */
export async function lintOptionsFor(
  setup: LintSetup,
  config: ResolvedConfig,
  absolute: string | undefined,
  isStdin: boolean,
  reportUnusedIgnores: boolean,
): Promise<{ settings: ResolvedConfig; options: LintTextOptions }> {
  const base = isStdin && absolute === undefined ? { ...config, settings: { ...config.settings, context: undefined } } : config;
  const ignoreRules = setup.ignoreRules.read(absolute, base.settings.context);
  const settings = ignoreRules ? { ...base, settings: { ...base.settings, ignoreRules } } : base;
  return { settings, options: { config: settings, registry: await setup.registryFor(config), reportUnusedIgnores } };
}

/** Settings of plugin rules (`acme/rule`) name a loaded plugin rule and give it valid options. */
function checkPluginSettings(config: ResolvedConfig, withPlugins: RuleRegistry): void {
  for (const [selector, setting] of config.rules) {
    if (!selector.includes('/')) continue;
    const [rule] = withPlugins.resolve(selector);
    const key = `rules.${selector}`;
    if (!rule) throw new ConfigError({ filePath: config.source, key, detail: `names an unknown rule or code '${selector}' (no loaded plugin has it)` });
    const options = Array.isArray(setting) ? setting[1] : undefined;
    const problem = options ? ruleOptionsProblem(rule, options) : undefined;
    if (problem) throw new ConfigError({ filePath: config.source, key, detail: `has invalid options: ${problem}` });
  }
}

/** Reads a file, refusing FIFOs, sockets and devices: reading a FIFO nobody writes to blocks forever. */
export function readRegularFile(absolute: string): Buffer {
  const stat = fs.statSync(absolute);
  if (!stat.isFile() && !stat.isDirectory()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
  return fs.readFileSync(absolute);
}

export function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOTREG':
      return 'it is not a regular file';
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Config `ignore` patterns are matched like .gitignore lines, relative to the config's directory. */
export function isIgnored(patterns: string[], baseDir: string, absolute: string): boolean {
  if (patterns.length === 0) return false;
  const relative = path.relative(baseDir, absolute).split(path.sep).join('/');
  if (relative === '' || relative.startsWith('..')) return false;
  return ignore().add(patterns).ignores(relative);
}
