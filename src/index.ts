/**
 * layerlint's library API: lint build-file text with the built-in rules and a configuration
 * resolved the same way the command line resolves it.
 */
import { ConfigLoader, type CliOverrides } from './config/resolve.js';
import { ruleOptionsProblem } from './engine/active-rules.js';
import { lintText as lintWithOptions } from './engine/lint.js';
import { RuleRegistry } from './engine/registry.js';
import type { Finding, RuleDefinition } from './engine/types.js';
import { BUILTIN_RULES } from '../rules/index.js';

export { BuildFile } from './model/build-file.js';
export type * from './model/types.js';
export type * from './engine/types.js';
export type { ResolvedConfig, ConfigFile, SharedSettings, RuleSetting } from './config/types.js';
export { ConfigLoader, type CliOverrides } from './config/resolve.js';
export { ConfigError } from './config/errors.js';
export { lintText as lintTextWithConfig, lintBytes } from './engine/lint.js';
export { runFixes } from './engine/fixer.js';
export { RuleRegistry } from './engine/registry.js';
export { defineRule } from './engine/types.js';
export { loadReporter, REPORTER_NAMES } from './reporters/index.js';
export { BUILTIN_RULES };

export interface LintOptions {
  /** The file's path: used to find its config and build context. */
  filePath?: string;
  /** The directory relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
  /** Settings applied on top of the config file, as the command-line flags would. */
  overrides?: CliOverrides;
  /** Rules to use instead of the built-in ones. */
  rules?: readonly RuleDefinition[];
}

/** A registry and config loader over the same rules, validating selectors and options. */
export function createLinter(options: Omit<LintOptions, 'filePath'> = {}) {
  const registry = new RuleRegistry(options.rules ?? BUILTIN_RULES);
  const loader = new ConfigLoader(options.cwd ?? process.cwd(), options.overrides ?? {}, {
    isKnownSelector: (selector) => registry.isKnownSelector(selector),
    validateRuleOptions: (selector, ruleOptions) => {
      const [rule] = registry.resolve(selector);
      return rule ? ruleOptionsProblem(rule, ruleOptions) : undefined;
    },
  });
  return {
    registry,
    loader,
    async lint(text: string, filePath?: string): Promise<Finding[]> {
      const config = await loader.forFile(filePath);
      return lintWithOptions(text, { config, registry }).findings;
    },
  };
}

/** Lints one build file's text with its nearest config (or the defaults). */
export async function lint(text: string, options: LintOptions = {}): Promise<Finding[]> {
  return createLinter(options).lint(text, options.filePath);
}
