/**
 * `layerlint/eslint`: an ESLint language plugin that lints Dockerfiles and Containerfiles with
 * layerlint's rules from an ESLint flat config:
 *
 *   import layerlint from 'layerlint/eslint';
 *   export default [layerlint.configs.recommended];
 */
import type { ESLint, Linter } from 'eslint';
import { BUILTIN_RULES } from '../../rules/index.js';
import type { Preset, RuleDefinition, Severity } from '../engine/types.js';
import { VERSION } from '../version.js';
import { toEslintRule, type EslintRule } from './adapter.js';
import { dockerfileLanguage } from './language.js';

export { toEslintRule, resolveSettings, type LayerlintEslintSettings, type EslintRule } from './adapter.js';
export { dockerfileLanguage, parseDockerfile, type DockerfileLanguageOptions } from './language.js';
export { DockerfileSourceCode } from './source-code.js';
export type * from './ast.js';

/** The file names the configs apply to. */
export const DOCKERFILE_GLOBS: readonly string[] = [
  '**/Dockerfile',
  '**/Dockerfile.*',
  '**/*.Dockerfile',
  '**/*.dockerfile',
  '**/Containerfile',
  '**/Containerfile.*',
  '**/*.containerfile',
];

/** error → 2 (`error`), warning/info/style → 1 (`warn`). */
export function eslintSeverity(severity: Severity): 1 | 2 {
  return severity === 'error' ? 2 : 1;
}

/**
 * Rules the engine itself reports (`parse-error`, `io-error`, `unused-suppression`) have no
 * check to run; under ESLint a parse error is a fatal ESLint message, an unreadable file is
 * ESLint's own error and unused `eslint-disable` comments are ESLint's `reportUnusedDisableDirectives`.
 */
function isEngineRule(rule: RuleDefinition): boolean {
  return rule.meta.presets.includes('always');
}

const exposed = BUILTIN_RULES.filter((rule) => !isEngineRule(rule));

const rules: Record<string, EslintRule> = Object.fromEntries(exposed.map((rule) => [rule.meta.id, toEslintRule(rule)]));

const ALL_MEMBERS: readonly Preset[] = ['recommended', 'all', 'openshift'];

function presetRules(member: (rule: RuleDefinition) => boolean): Linter.RulesRecord {
  const out: Linter.RulesRecord = {};
  for (const rule of exposed) if (member(rule)) out[`layerlint/${rule.meta.id}`] = eslintSeverity(rule.meta.severity);
  return out;
}

const plugin = {
  meta: { name: 'layerlint', version: VERSION },
  languages: { dockerfile: dockerfileLanguage },
  rules,
  configs: {} as Record<'recommended' | 'all' | 'openshift', Linter.Config>,
};

function config(name: string, ruleSet: Linter.RulesRecord): Linter.Config {
  return {
    name: `layerlint/${name}`,
    files: [...DOCKERFILE_GLOBS],
    plugins: { layerlint: plugin as unknown as ESLint.Plugin },
    language: 'layerlint/dockerfile',
    rules: ruleSet,
  };
}

// "all (configured)" rules (enabledWhenConfigured) are on in `all`; in `recommended` they are off,
// since an ESLint config cannot turn a rule on from a setting: add them to `rules` when you set it.
plugin.configs.recommended = config('recommended', presetRules((rule) => rule.meta.presets.includes('recommended')));
plugin.configs.all = config('all', presetRules((rule) => rule.meta.presets.some((p) => ALL_MEMBERS.includes(p))));
plugin.configs.openshift = config('openshift', presetRules((rule) => rule.meta.presets.includes('openshift')));

export { plugin };
export default plugin as typeof plugin & ESLint.Plugin;
