import { defineRule } from '../src/engine/types.js';

/** Reported by the engine with `--report-unused-ignores`. */
export default defineRule({
  meta: {
    id: 'unused-suppression',
    codes: [],
    severity: 'warning',
    category: 'maintainability',
    presets: ['always'],
    description: 'A suppression pragma names a rule or code that it does not silence (reported with `--report-unused-ignores`)',
    rationale:
      'A pragma that silences nothing is noise at best, and at worst hides a future finding that nobody meant ' +
      'to ignore. Remove selectors that no longer match anything.',
    fixable: undefined,
    examples: {
      invalid: ['FROM alpine:3.20\n# layerlint ignore=no-latest-tag\nUSER app\n'],
      valid: ['# layerlint ignore=no-latest-tag\nFROM alpine\nUSER app\n'],
    },
  },
  check() {
    // The engine reports this rule after every other rule has run.
  },
});
