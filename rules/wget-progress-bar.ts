import { defineRule } from '../src/engine/types.js';
import { WGET_VALUE_OPTIONS } from '../src/shell/downloads.js';
import { insertOptionAfterName } from '../src/shell/edits.js';
import { classifyArgs, hasOption } from '../src/shell/options.js';
import { analyzeRun } from '../src/shell/run-script.js';

const QUIET_OPTIONS = ['--progress', '-q', '--quiet', '--no-verbose', '-o', '--output-file', '-a', '--append-output'];

export default defineRule({
  meta: {
    id: 'wget-progress-bar',
    codes: ['DL3047'],
    severity: 'info',
    category: 'maintainability',
    presets: ['recommended'],
    description: '`wget` without an option that tames its progress bar, which floods build logs',
    rationale:
      'Without a terminal, wget prints its progress as thousands of dots or lines, burying the useful part of ' +
      'the build log and slowing down CI log viewers.',
    fixable: 'unsafe',
    fixDescription:
      'Inserts `-q` after `wget`. It works for GNU and BusyBox wget, but GNU wget then also hides its error ' +
      'messages, so the fix is unsafe.',
    examples: {
      invalid: ['FROM debian:12\nRUN wget https://example.com/a.tgz\n'],
      valid: [
        'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a.tgz\n',
        'FROM debian:12\nRUN wget -nv https://example.com/a.tgz\n',
        'FROM debian:12\nRUN wget -qO- https://example.com/a.tgz | tar xz\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('RUN')) {
      for (const command of analyzeRun(file, node).commands) {
        const name = command.name;
        if (name?.value !== 'wget') continue;
        if (command.args.some((a) => a.value === '-nv')) continue;
        if (hasOption(classifyArgs(command.args, { withValue: WGET_VALUE_OPTIONS }), ...QUIET_OPTIONS)) continue;
        const edit = insertOptionAfterName(file, node, command, '-q');
        context.report({
          message: "wget's progress bar floods the build log; add --progress=dot:giga, -nv or -q",
          range: name.range,
          codes: ['DL3047'],
          fix: edit ? { safe: false, description: "Add '-q'", edits: [edit] } : undefined,
        });
      }
    }
  },
});
