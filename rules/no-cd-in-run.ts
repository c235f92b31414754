import { defineRule } from '../src/engine/types.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { ShellWord } from '../src/shell/types.js';

type Options = {
  allowSubshell: boolean;
  onlyRelative: boolean;
};

export default defineRule<Options>({
  meta: {
    id: 'no-cd-in-run',
    codes: ['DL3003', 'DS-0013'],
    severity: 'info',
    category: 'maintainability',
    presets: ['recommended'],
    description: '`cd` in a RUN, where WORKDIR would state the directory once',
    rationale:
      '`cd` only lasts until the end of its RUN, so every later RUN has to repeat it and COPY/CMD do not see it. ' +
      'WORKDIR sets the directory once for every later instruction and makes the layout readable.',
    fixable: undefined,
    alsoKnownAs: ['kics:f4a6bcd3', 'semgrep:use-workdir'],
    options: {
      schema: {
        type: 'object',
        properties: { allowSubshell: { type: 'boolean' }, onlyRelative: { type: 'boolean' } },
        additionalProperties: false,
      },
      defaults: { allowSubshell: true, onlyRelative: false },
      docs: {
        allowSubshell: 'Accept `cd` inside a subshell `( … )` or a command substitution, whose effect is scoped on purpose.',
        onlyRelative: 'Report only `cd` to a relative path (as KICS does).',
      },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nRUN cd /src && make\n', 'FROM alpine:3.20\nONBUILD RUN cd app && make\n'],
      valid: ['FROM alpine:3.20\nWORKDIR /src\nRUN make\n', 'FROM alpine:3.20\nRUN (cd /src && make) && make -C /other\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const node of file.find('RUN')) {
      for (const command of analyzeRun(file, node).commands) {
        if (command.name?.value !== 'cd') continue;
        const scope = command.scope ?? command.placement;
        if (options.allowSubshell && (scope === 'subshell' || scope === 'substitution')) continue;
        const target = command.args.find((arg) => !/^-[LPe@]+$/.test(arg.value));
        if (target?.value === '-') continue;
        if (options.onlyRelative && !isRelative(target)) continue;
        context.report({ message: "'cd' only affects this RUN; set the directory with WORKDIR", range: command.name.range, codes: ['DL3003', 'DS-0013'] });
      }
    }
  },
});

function isRelative(target: ShellWord | undefined): boolean {
  if (!target) return false; // `cd` alone goes to $HOME
  const value = target.value;
  return !value.startsWith('/') && !value.startsWith('~') && !value.startsWith('$');
}
