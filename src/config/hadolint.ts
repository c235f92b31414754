import { ConfigError, describeValue } from './errors.js';
import { LABEL_TYPES } from './schema.js';
import type { Severity } from '../engine/types.js';
import type { ConfigFile, RuleSetting } from './types.js';

const OVERRIDE_LEVELS: readonly Severity[] = ['error', 'warning', 'info', 'style'];
const THRESHOLDS: Record<string, Severity | 'none'> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'style',
  ignore: 'none',
  none: 'none',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A list of strings; hadolint also accepts a single string. null/undefined mean "not set". */
function stringList(value: unknown, filePath: string, key: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) {
    throw new ConfigError({ filePath, key, detail: `must be a list of strings (got ${describeValue(value)})` });
  }
  return value.map((item, i) => {
    if (typeof item !== 'string' && typeof item !== 'number') {
      throw new ConfigError({ filePath, key: `${key}[${i}]`, detail: `must be a string (got ${describeValue(item)})` });
    }
    return String(item);
  });
}

function boolean(value: unknown, filePath: string, key: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    throw new ConfigError({ filePath, key, detail: `must be true or false (got ${describeValue(value)})` });
  }
  return value;
}

/**
 * Maps a parsed `.hadolint.yaml` to a ConfigFile:
 * - `ignored` → `rules {code: off}`; `override.{error,warning,info,style}` → `rules {code: severity}`
 *   (an ignored code stays off even when it is also overridden);
 * - `trustedRegistries` → `trustedRegistries`;
 * - `label-schema` → `labels.schema`, every key required; `strict-labels` → `labels.strict`;
 * - `failure-threshold` → `failureThreshold` (`ignore`/`none` → `none`); `no-fail: true` → `none`;
 * - `disable-ignore-pragma` → `disableInlinePragmas`.
 * Keys hadolint knows but layerlint does not need (`format`, `no-color`, `verbose`, ...) and
 * unknown keys are ignored, as hadolint tolerates them; values of the wrong type are errors.
 */
export function fromHadolintConfig(raw: unknown, filePath: string): ConfigFile {
  if (raw === null || raw === undefined) return {};
  if (!isObject(raw)) {
    throw new ConfigError({ filePath, detail: `must be a mapping of hadolint settings (got ${describeValue(raw)})` });
  }
  const config: ConfigFile = {};
  const rules: Record<string, RuleSetting> = {};

  const override = raw['override'];
  if (override !== undefined && override !== null) {
    if (!isObject(override)) {
      throw new ConfigError({ filePath, key: 'override', detail: `must be a mapping of error, warning, info, style to lists of codes (got ${describeValue(override)})` });
    }
    for (const level of OVERRIDE_LEVELS) {
      for (const code of stringList(override[level], filePath, `override.${level}`) ?? []) rules[code] = level;
    }
  }
  for (const code of stringList(raw['ignored'], filePath, 'ignored') ?? []) rules[code] = 'off';
  if (Object.keys(rules).length > 0) config.rules = rules;

  const trusted = stringList(raw['trustedRegistries'], filePath, 'trustedRegistries');
  if (trusted !== undefined) config.trustedRegistries = trusted;

  const labelSchema = raw['label-schema'];
  const strict = boolean(raw['strict-labels'], filePath, 'strict-labels');
  if ((labelSchema !== undefined && labelSchema !== null) || strict !== undefined) {
    const labels: NonNullable<ConfigFile['labels']> = {};
    if (labelSchema !== undefined && labelSchema !== null) {
      if (!isObject(labelSchema)) {
        throw new ConfigError({ filePath, key: 'label-schema', detail: `must be a mapping of label names to types (got ${describeValue(labelSchema)})` });
      }
      labels.schema = {};
      for (const [label, type] of Object.entries(labelSchema)) {
        if (typeof type !== 'string' || !(LABEL_TYPES as readonly string[]).includes(type.toLowerCase())) {
          throw new ConfigError({
            filePath,
            key: `label-schema.${label}`,
            detail: `must be one of ${LABEL_TYPES.join(', ')} (got ${describeValue(type)})`,
          });
        }
        labels.schema[label] = { type: type.toLowerCase(), required: true };
      }
    }
    if (strict !== undefined) labels.strict = strict;
    config.labels = labels;
  }

  const threshold = raw['failure-threshold'];
  if (threshold !== undefined && threshold !== null) {
    const mapped = typeof threshold === 'string' ? THRESHOLDS[threshold.toLowerCase()] : undefined;
    if (mapped === undefined) {
      throw new ConfigError({
        filePath,
        key: 'failure-threshold',
        detail: `must be one of ${Object.keys(THRESHOLDS).join(', ')} (got ${describeValue(threshold)})`,
      });
    }
    config.failureThreshold = mapped;
  }
  if (boolean(raw['no-fail'], filePath, 'no-fail') === true) config.failureThreshold = 'none';

  const disablePragmas = boolean(raw['disable-ignore-pragma'], filePath, 'disable-ignore-pragma');
  if (disablePragmas !== undefined) config.disableInlinePragmas = disablePragmas;

  return config;
}
