import { defineRule } from '../src/engine/types.js';
import { CURL_VALUE_OPTIONS } from '../src/shell/downloads.js';
import { insertOptionAfterName } from '../src/shell/edits.js';
import { classifyArgs, hasOption } from '../src/shell/options.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { SimpleCommand } from '../src/shell/types.js';

const OUTPUT_OPTIONS = ['-o', '--output', '-O', '--remote-name', '--remote-name-all'];
const FAIL_OPTIONS = ['-f', '--fail', '--fail-with-body'];
const HEAD_OPTIONS = ['-I', '--head'];

export default defineRule({
  meta: {
    id: 'curl-without-fail',
    codes: [],
    severity: 'info',
    category: 'correctness',
    presets: ['recommended'],
    description: '`curl` saves or pipes a response without `--fail`, so an HTTP error page becomes the download',
    rationale:
      'Without `--fail`, curl exits 0 on a 404 or 500 and writes the error page to the file or the pipe. The ' +
      'build then unpacks, installs or executes an HTML error page, failing later with a confusing message or not at all.',
    fixable: 'unsafe',
    fixDescription: 'Inserts `-f` after `curl`. Unsafe: the build then fails where it previously continued with an error page.',
    examples: {
      invalid: ['FROM debian:12\nRUN curl -sSLo /tmp/a.tgz https://example.com/a.tgz\n', 'FROM debian:12\nRUN curl -sSL https://example.com/install.sh | sh\n'],
      valid: [
        'FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\n',
        'FROM debian:12\nRUN curl -sSI https://example.com/ | grep -i server\n',
        'FROM debian:12\nRUN curl -sS https://example.com/health\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('RUN')) {
      for (const command of analyzeRun(file, node).commands) {
        const name = command.name;
        if (name?.value !== 'curl') continue;
        const parsed = classifyArgs(command.args, { withValue: CURL_VALUE_OPTIONS });
        if (hasOption(parsed, ...FAIL_OPTIONS) || hasOption(parsed, ...HEAD_OPTIONS)) continue;
        if (!hasOption(parsed, ...OUTPUT_OPTIONS) && !feedsOtherCommand(command)) continue;
        const edit = insertOptionAfterName(file, node, command, '-f');
        context.report({
          message: 'curl without --fail saves HTTP error pages as if they were the download; add -f',
          range: name.range,
          codes: [],
          fix: edit ? { safe: false, description: "Add '-f'", edits: [edit] } : undefined,
        });
      }
    }
  },
});

/** Its stdout goes to a later pipeline stage or into a command substitution (and is not redirected). */
function feedsOtherCommand(command: SimpleCommand): boolean {
  if (command.redirects.some((r) => r.operator === '>' || r.operator === '>>' || r.operator === '&>' || r.operator === '1>')) return false;
  if (command.pipeline && command.pipeline.stage < command.pipeline.stages - 1) return true;
  return (command.scope ?? command.placement) === 'substitution';
}
