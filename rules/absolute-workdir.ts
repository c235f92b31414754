import { defineRule } from '../src/engine/types.js';
import type { InstructionNode } from '../src/model/types.js';

type Options = {
  mode: 'first' | 'all';
};

const FIRST_CODES = ['DL3000', 'WorkdirRelativePath', 'DS-0009', 'CKV_DOCKER_10'];
const LATER_CODES = ['DL3000', 'DS-0009', 'CKV_DOCKER_10'];

function unquote(value: string): string {
  return /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
}

export default defineRule<Options>({
  meta: {
    id: 'absolute-workdir',
    codes: FIRST_CODES,
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: '`WORKDIR` is a relative path, so the result depends on the base image\'s working directory',
    rationale:
      'A relative WORKDIR is resolved against whatever working directory the base image set, which can change ' +
      'when the base image is updated. An absolute path makes the layout of the image explicit.',
    fixable: 'unsafe',
    fixDescription:
      'Prefixes the path with `/`, which is what it means when the base image\'s working directory is `/`. Unsafe, ' +
      'because the base image may set another directory.',
    alsoKnownAs: ['kics:6b376af8', 'semgrep:use-absolute-workdir', 'dockerfile-utils:WORKDIR_IS_NOT_ABSOLUTE'],
    options: {
      schema: { type: 'object', properties: { mode: { enum: ['first', 'all'] } }, additionalProperties: false },
      defaults: { mode: 'first' },
      docs: {
        mode: '`"first"` reports a relative WORKDIR only when no WORKDIR precedes it in the stage\'s chain (as BuildKit does); `"all"` reports every relative WORKDIR (as hadolint does).',
      },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nWORKDIR app\n'],
      valid: [
        'FROM alpine:3.20\nWORKDIR /app\n',
        'FROM alpine:3.20\nWORKDIR /app\nWORKDIR src\n',
        '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n',
      ],
    },
  },
  check(context) {
    const { file, options } = context;
    const precededInChain = (node: InstructionNode): boolean => {
      const stage = node.stage;
      if (!stage) return false;
      if (stage.instructions.some((each) => each.keyword === 'WORKDIR' && each.index < node.index)) return true;
      return file.chain(stage).slice(1).some((each) => each.instructions.some((i) => i.keyword === 'WORKDIR'));
    };
    for (const node of file.find('WORKDIR')) {
      const token = node.argsToken;
      if (!token) continue;
      const trigger = node.onbuildParent !== undefined;
      const first = !trigger && !precededInChain(node);
      if (options.mode === 'first' && !first) continue;
      const raw = node.argsValue.trim();
      const expansion = trigger ? { known: !raw.includes('$'), value: raw } : file.scope(node).expand(raw, file.escapeChar);
      if (!expansion.known) continue;
      const value = unquote(expansion.value.trim());
      if (value === '') continue;
      const windows = node.stage?.windows ?? false;
      if (value.startsWith('/') || /^[A-Za-z]:/.test(value) || /^[A-Za-z]:/.test(unquote(raw)) || (windows && value.startsWith('\\'))) continue;
      const insertAt = /^["']/.test(token.text) ? token.startOffset + 1 : token.startOffset;
      context.report({
        message: `Relative WORKDIR '${value}' depends on the base image's working directory; use an absolute path`,
        range: token.range,
        codes: first ? FIRST_CODES : LATER_CODES,
        fix: { edits: [{ range: file.lines.range(insertAt, insertAt), text: '/' }], safe: false, description: 'Make the path absolute' },
      });
    }
  },
});
