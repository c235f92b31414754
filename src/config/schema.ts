/**
 * The JSON schema (draft-07) of a layerlint config file (`.layerlint.yaml`, `.layerlint.json`,
 * `layerlint.config.js|mjs`, `package.json#layerlint`). It is the single source of truth for
 * validation in `load.ts` and can be published for editor completion.
 */

export const PRESET_NAMES = ['recommended', 'all', 'openshift'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const SETTING_VALUES = ['off', 'error', 'warning', 'info', 'style'] as const;
export const THRESHOLD_VALUES = ['error', 'warning', 'info', 'style', 'none'] as const;

/** Label value types (RULES.md `invalid-label-value`); `regex:<pattern>` is also accepted. */
export const LABEL_TYPES = ['text', 'url', 'rfc3339', 'spdx', 'hash', 'semver', 'email'] as const;

const stringList = { type: 'array', items: { type: 'string' } } as const;

const labelType = {
  type: 'string',
  anyOf: [{ enum: [...LABEL_TYPES] }, { pattern: '^regex:' }],
  description: `One of ${LABEL_TYPES.join(', ')}, or regex:<pattern> (the whole value must match)`,
} as const;

export const RULE_SETTING_SCHEMA = {
  description: 'off, a severity, or [severity, options]',
  oneOf: [
    { enum: [...SETTING_VALUES] },
    {
      type: 'array',
      minItems: 1,
      maxItems: 2,
      items: [{ enum: [...SETTING_VALUES] }, { type: 'object' }],
      additionalItems: false,
    },
  ],
} as const;

/** The top-level keys, in the order the starter config documents them. */
export const CONFIG_KEYS = [
  'extends',
  'rules',
  'ignore',
  'plugins',
  'trustedRegistries',
  'labels',
  'failureThreshold',
  'targets',
  'buildArgs',
  'context',
  'knownVariables',
  'today',
  'disableInlinePragmas',
] as const;

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://layerlint.dev/schema/config.json',
  title: 'layerlint configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    extends: {
      description: 'Presets: recommended (default), all, openshift (combinable)',
      anyOf: [
        { enum: [...PRESET_NAMES] },
        { type: 'array', items: { enum: [...PRESET_NAMES] } },
      ],
    },
    rules: {
      description: 'Rule id, peer code or namespaced reference to off | severity | [severity, options]',
      type: 'object',
      propertyNames: { minLength: 1 },
      additionalProperties: RULE_SETTING_SCHEMA,
    },
    ignore: { ...stringList, description: 'Globs of build files not to lint' },
    plugins: { ...stringList, description: 'npm packages exporting rule definitions' },
    trustedRegistries: { ...stringList, description: 'Registries base images may come from' },
    labels: {
      type: 'object',
      additionalProperties: false,
      properties: {
        schema: {
          type: 'object',
          description: 'Label key to its value type',
          additionalProperties: {
            anyOf: [
              labelType,
              {
                type: 'object',
                additionalProperties: false,
                required: ['type'],
                properties: { type: labelType, required: { type: 'boolean' } },
              },
            ],
          },
        },
        strict: { type: 'boolean', description: 'Report labels that are not in the schema' },
      },
    },
    failureThreshold: {
      enum: [...THRESHOLD_VALUES],
      description: 'Exit with 1 when a finding at or above this severity remains',
    },
    targets: { ...stringList, description: 'Stages built as images; empty means the last stage' },
    buildArgs: {
      type: 'object',
      description: 'Build arguments, as --build-arg NAME=value',
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
    context: { type: 'string', description: 'The build context directory, relative to the config file' },
    knownVariables: { ...stringList, description: 'Variables assumed defined by every base image' },
    today: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'The date (YYYY-MM-DD) end-of-life checks compare against',
    },
    disableInlinePragmas: { type: 'boolean', description: 'Ignore inline # layerlint / # hadolint pragmas' },
  },
} as const;
