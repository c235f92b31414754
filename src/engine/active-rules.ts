import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';
import type { ResolvedConfig } from '../config/types.js';
import { findingSeverity, ruleSetting } from '../config/resolve.js';
import type { RuleRegistry } from './registry.js';
import type { RuleDefinition, Severity } from './types.js';

export interface ActiveRule {
  rule: RuleDefinition;
  /** Defaults merged with the configured options. */
  options: Record<string, unknown>;
  /** The default severity for this rule's findings before code-level settings. */
  severity: Severity;
  /** `findingSeverity` of the rule's findings at its default severity, by the codes they carry (joined with `,`). */
  severityByCodes: Map<string, Severity | 'off'>;
}

/** Keyed by the config's rule map, which every per-file copy of one config shares. */
const cache = new WeakMap<ResolvedConfig['rules'], ActiveRule[]>();
const validators = new WeakMap<RuleDefinition, ValidateFunction>();
let ajv: AjvClass | undefined;

function validatorFor(rule: RuleDefinition): ValidateFunction {
  let validate = validators.get(rule);
  if (!validate) {
    if (!ajv) {
      // Loaded on first use: a run that configures no rule options never pays for Ajv.
      const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
      ajv = new Ajv({ allErrors: false, strict: false });
      // `format: 'regex'`: an option a rule compiles with `new RegExp` must compile (else the rule would throw).
      ajv.addFormat('regex', (source: string) => {
        try {
          new RegExp(source);
          return true;
        } catch {
          return false;
        }
      });
    }
    validate = ajv.compile(rule.meta.options?.schema ?? { type: 'object', additionalProperties: false });
    validators.set(rule, validate);
  }
  return validate;
}

/** What is wrong with options a config gives a rule, or undefined when they are valid. */
export function ruleOptionsProblem(rule: RuleDefinition, options: Record<string, unknown>): string | undefined {
  const validate = validatorFor(rule);
  if (validate(options)) return undefined;
  const error = validate.errors?.[0];
  const where = error?.instancePath ? `option ${error.instancePath.slice(1).replace(/\//g, '.')} ` : 'options ';
  return `${where}${error?.message ?? 'are invalid'}`;
}

/**
 * The configured severity of a finding of an active rule that carries `codes` and no severity
 * of its own, or `off`: worked out once per config and codes, not for every report.
 */
export function configuredSeverity(active: ActiveRule, codes: readonly string[], config: ResolvedConfig): Severity | 'off' {
  const key = codes.join(',');
  let severity = active.severityByCodes.get(key);
  if (severity === undefined) {
    severity = findingSeverity(config, active.rule.meta, codes, active.severity);
    active.severityByCodes.set(key, severity);
  }
  return severity;
}

/**
 * The rules a config turns on, with their options (validated when the config was resolved);
 * computed once per config.
 */
export function activeRules(config: ResolvedConfig, registry: RuleRegistry): ActiveRule[] {
  const cached = cache.get(config.rules);
  if (cached) return cached;
  const active: ActiveRule[] = [];
  for (const rule of registry.rules) {
    const setting = ruleSetting(config, rule.meta);
    if (!setting.enabled) continue;
    const defaults = rule.meta.options?.defaults ?? {};
    // An option set to `undefined` (possible in a JS config) keeps its default.
    const configured = Object.entries(setting.options ?? {}).filter(([, value]) => value !== undefined);
    active.push({
      rule,
      options: { ...defaults, ...Object.fromEntries(configured) },
      severity: rule.meta.severity,
      severityByCodes: new Map(),
    });
  }
  cache.set(config.rules, active);
  return active;
}
