import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { InstructionNode } from '../src/model/types.js';
import { classifyArgs } from '../src/shell/options.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { ShellWord } from '../src/shell/types.js';

interface Options {
  minUid: number;
}

const CODES = ['DL3046'];
const USERADD_VALUE_OPTIONS = [
  '-b', '--base-dir', '-c', '--comment', '-d', '--home-dir', '-e', '--expiredate', '-f', '--inactive', '-g', '--gid', '-G',
  '--groups', '-k', '--skel', '-K', '--key', '-p', '--password', '-P', '--prefix', '-R', '--root', '-s', '--shell', '-u',
  '--uid', '-Z', '--selinux-user', '--btrfs-subvolume-home',
];

export default defineRule<Options>({
  meta: {
    id: 'useradd-large-uid',
    codes: CODES,
    severity: 'warning',
    category: 'size',
    presets: ['recommended'],
    description: 'useradd with a large UID and without -l (--no-log-init)',
    rationale:
      'useradd records every user in /var/log/lastlog and faillog, files indexed by UID. A large UID makes them huge ' +
      'sparse files, and layers do not keep sparseness, so the image grows by gigabytes. `-l` skips the log entries.',
    fixable: 'safe',
    fixDescription: 'Inserts `-l` after `useradd` (a new `"-l"` element in exec form); it only skips the lastlog/faillog entries.',
    options: {
      schema: { type: 'object', properties: { minUid: { type: 'integer', minimum: 0 } }, additionalProperties: false },
      defaults: { minUid: 100000 },
      docs: { minUid: 'The smallest UID reported.' },
    },
    examples: {
      invalid: ['FROM debian:12\nRUN useradd -u 200000 app\n'],
      valid: ['FROM debian:12\nRUN useradd -l -u 200000 app\n', 'FROM debian:12\nRUN useradd -u 1001 app\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const node of file.find('RUN')) {
      const scope = file.scope(node);
      for (const command of analyzeRun(file, node).commands) {
        const name = command.name;
        if (!name || command.program !== 'useradd' || !command.complete) continue;
        const classified = classifyArgs(command.args, { withValue: USERADD_VALUE_OPTIONS });
        if (classified.options.some((o) => o.name === '-l' || o.name === '--no-log-init')) continue;
        const uidOption = classified.options.filter((o) => o.name === '-u' || o.name === '--uid').at(-1);
        if (!uidOption || uidOption.value === undefined) continue;
        const expansion = scope.expand(uidOption.value, file.escapeChar);
        if (!expansion.known || !/^\d+$/.test(expansion.value.trim())) continue;
        const uid = Number(expansion.value.trim());
        if (uid < options.minUid) continue;
        context.report({
          message: `useradd with UID ${uid} and no -l creates a very large lastlog file; add -l (--no-log-init)`,
          range: valueRange(file, uidOption.valueWord ?? uidOption.word, uidOption.value),
          codes: CODES,
          fix: insertFlag(file, node, name),
        });
      }
    }
  },
});

function valueRange(file: BuildFile, word: ShellWord, value: string) {
  const contiguous = word.endOffset - word.startOffset === word.raw.length && word.raw === word.value;
  if (contiguous && word.value.endsWith(value) && word.value !== value) return file.lines.range(word.endOffset - value.length, word.endOffset);
  return word.range;
}

function insertFlag(file: BuildFile, node: InstructionNode, name: ShellWord): Fix {
  const execElement = node.json?.strings.some((s) => s.token.startOffset === name.startOffset && s.token.endOffset === name.endOffset);
  const at = file.lines.range(name.endOffset, name.endOffset);
  return { safe: true, description: 'Add -l to useradd', edits: [{ range: at, text: execElement ? ', "-l"' : ' -l' }] };
}
