import { defineRule } from '../src/engine/types.js';
import { PLATFORM_ARGS } from '../src/model/buildkit.js';
import { findReferences } from '../src/model/variables.js';

type Options = {
  mode: 'constant' | 'strict';
  allowStageNames: boolean;
};

const PLATFORM_VARIABLES = new Set(PLATFORM_ARGS.filter((name) => /^(BUILD|TARGET)(PLATFORM|OS|ARCH|VARIANT)$/.test(name)));
const REDUNDANT = /^\$(?:TARGETPLATFORM|\{TARGETPLATFORM(?::-[^}]*)?\})$/;

export default defineRule<Options>({
  meta: {
    id: 'no-hardcoded-platform',
    codes: ['DL3029', 'FromPlatformFlagConstDisallowed'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: '`FROM --platform` pins a fixed platform instead of following the build or target platform',
    rationale:
      'A constant `--platform` makes the stage ignore `docker build --platform`: a multi-platform build then ships ' +
      'the wrong architecture, or emulates it slowly. Use `$BUILDPLATFORM` for build stages that cross-compile and ' +
      'leave the target stages on the default target platform.',
    fixable: undefined,
    alsoKnownAs: ['kics:b16e8501', 'semgrep:avoid-platform-with-from'],
    options: {
      schema: {
        type: 'object',
        properties: { mode: { enum: ['constant', 'strict'] }, allowStageNames: { type: 'boolean' } },
        additionalProperties: false,
      },
      defaults: { mode: 'constant', allowStageNames: true },
      docs: {
        mode: '`"constant"` reports values without any variable (as BuildKit does); `"strict"` also reports values whose variables are not BUILD*/TARGET* platform ARGs (as hadolint does).',
        allowStageNames: 'In `constant` mode, accept a constant platform when the stage name contains its OS or architecture (`AS build-amd64`).',
      },
    },
    examples: {
      invalid: ['FROM --platform=linux/amd64 alpine:3.20\n'],
      valid: [
        'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM alpine:3.20\n',
        'FROM --platform=linux/amd64 golang:1.23 AS build-amd64\nFROM alpine:3.20\n',
      ],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const stage of file.stages) {
      const flag = stage.platform;
      if (!flag?.valueToken || flag.value === undefined || flag.value === '') continue;
      const value = flag.value;
      if (REDUNDANT.test(value)) continue;
      const references = findReferences(value, file.escapeChar);
      if (references.length === 0) {
        if (options.mode === 'constant' && options.allowStageNames && stage.name !== undefined) {
          const parts = value.toLowerCase().split('/').filter((part) => part !== '');
          if (parts.some((part) => (stage.name as string).includes(part))) continue;
        }
        context.report({
          message: `FROM pins the platform to '${value}'; use $BUILDPLATFORM or $TARGETPLATFORM unless this stage is platform-specific`,
          range: flag.valueToken.range,
          codes: ['DL3029', 'FromPlatformFlagConstDisallowed'],
        });
        continue;
      }
      if (options.mode !== 'strict') continue;
      if (references.every((reference) => PLATFORM_VARIABLES.has(reference.name))) continue;
      context.report({
        message: `FROM pins the platform to '${value}'; use $BUILDPLATFORM or $TARGETPLATFORM unless this stage is platform-specific`,
        range: flag.valueToken.range,
        codes: ['DL3029'],
      });
    }
  },
});
