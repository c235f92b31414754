import type { RuleDefinition } from '../src/engine/types.js';
import ioError from './io-error.js';
import minimizeRunLayers from './minimize-run-layers.js';
import noLatestTag from './no-latest-tag.js';
import nonRootUser from './non-root-user.js';
import parseError from './parse-error.js';
import unusedSuppression from './unused-suppression.js';

/** Every built-in rule, sorted by id. A test checks that each file in rules/ is listed. */
export const BUILTIN_RULES: readonly RuleDefinition[] = [
  ioError,
  minimizeRunLayers,
  noLatestTag,
  nonRootUser,
  parseError,
  unusedSuppression,
] as RuleDefinition[];
