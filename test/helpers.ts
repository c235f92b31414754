import { normalizeSelector } from '../src/config/resolve.js';
import type { ResolvedConfig, SharedSettings } from '../src/config/types.js';
import { lintText } from '../src/engine/lint.js';
import { RuleRegistry } from '../src/engine/registry.js';
import type { Finding, RuleSetting } from '../src/index.js';
import { BUILTIN_RULES } from '../rules/index.js';

export const registry = new RuleRegistry(BUILTIN_RULES);

export function settings(overrides: Partial<SharedSettings> = {}): SharedSettings {
  return {
    targets: [],
    buildArgs: {},
    context: undefined,
    knownVariables: [],
    today: '2026-11-27',
    trustedRegistries: [],
    labels: { schema: {}, strict: false },
    ...overrides,
  };
}

export function config(options: { presets?: string[]; rules?: Record<string, RuleSetting>; settings?: Partial<SharedSettings>; disableInlinePragmas?: boolean } = {}): ResolvedConfig {
  return {
    source: undefined,
    presets: options.presets ?? ['all'],
    rules: new Map(Object.entries(options.rules ?? {}).map(([k, v]) => [normalizeSelector(k), v])),
    ignore: [],
    plugins: [],
    failureThreshold: 'info',
    disableInlinePragmas: options.disableInlinePragmas ?? false,
    settings: settings(options.settings),
  };
}

/** Lints text with every rule of the `all` preset (or the given config). */
export function lint(text: string, options: Parameters<typeof config>[0] & { reportUnusedIgnores?: boolean } = {}): Finding[] {
  return lintText(text, { config: config(options), registry, reportUnusedIgnores: options.reportUnusedIgnores ?? false }).findings;
}

/** Only the findings of one rule. */
export function lintRule(ruleId: string, text: string, options: Parameters<typeof lint>[1] = {}): Finding[] {
  return lint(text, options).filter((finding) => finding.ruleId === ruleId);
}

/** `line:col-endLine:endCol` in 1-based positions, for compact exact-range assertions. */
export function where(finding: Finding): string {
  const r = finding.range;
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}
