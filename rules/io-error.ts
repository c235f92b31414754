import { defineRule } from '../src/engine/types.js';

/** Reported by the command line when a file cannot be read. */
export default defineRule({
  meta: {
    id: 'io-error',
    codes: [],
    severity: 'error',
    category: 'correctness',
    presets: ['always'],
    description: 'The file cannot be read (missing, unreadable, a directory, vanished during the run)',
    rationale: 'A build file that cannot be read cannot be linted or built; the message says why the read failed.',
    fixable: undefined,
    examples: { invalid: [], valid: ['FROM alpine:3.20\nUSER app\n'] },
  },
  check() {
    // The command line reports this rule when reading a file fails.
  },
});
