export type {
  ConfigFile,
  LabelSchemaEntry,
  ResolvedConfig,
  RuleSetting,
  SharedSettings,
} from './types.js';
export { ConfigError, isConfigError, displayPath } from './errors.js';
export {
  CONFIG_SCHEMA,
  CONFIG_KEYS,
  LABEL_TYPES,
  PRESET_NAMES,
  RULE_SETTING_SCHEMA,
  SETTING_VALUES,
  THRESHOLD_VALUES,
  type PresetName,
} from './schema.js';
export {
  CONFIG_FILE_NAMES,
  HADOLINT_FILE_NAMES,
  clearDiscoveryCache,
  findConfigFile,
  type FoundConfig,
} from './discover.js';
export { configKindFor, jsConfigsDisabled, loadConfigFile, validateConfig, type ConfigKind } from './load.js';
export { fromHadolintConfig } from './hadolint.js';
export {
  ConfigLoader,
  DEFAULT_FAILURE_THRESHOLD,
  buildResolvedConfig,
  describeConfig,
  enabledByPreset,
  findingSeverity,
  isRuleSetting,
  localToday,
  normalizeSelector,
  resolveConfig,
  ruleSetting,
  type CliOverrides,
  type ResolveOptions,
  type RuleIdentity,
} from './resolve.js';
export { STARTER_CONFIG } from './init.js';
