import { defineRule } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { InstructionNode, Token } from '../src/model/types.js';

function unquote(value: string): string {
  return /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
}

/** The destination token of COPY/ADD (last JSON string or last word). */
function destination(node: InstructionNode): Token | undefined {
  if (node.json) return node.json.strings.at(-1)?.token;
  return node.args.length >= 2 ? node.args.at(-1) : undefined;
}

function workdirBefore(file: BuildFile, node: InstructionNode): boolean {
  const stage = node.stage;
  if (!stage) return false;
  return file.chain(stage).some((each) => each.instructions.some((i) => i.keyword === 'WORKDIR' && (each !== stage || i.index < node.index)));
}

export default defineRule({
  meta: {
    id: 'relative-dest-without-workdir',
    codes: ['DL3045'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'COPY or ADD copies to a relative destination before any WORKDIR is set',
    rationale:
      'A relative destination is resolved against the working directory, which, before any WORKDIR in the ' +
      'stage, is whatever the base image chose. The files land somewhere else when the base image changes. ' +
      'Set WORKDIR first, or copy to an absolute path.',
    fixable: undefined,
    examples: {
      invalid: ['FROM node:22\nCOPY package.json ./\n'],
      valid: ['FROM node:22\nWORKDIR /app\nCOPY package.json ./\n', 'FROM scratch\nCOPY app ./\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const keyword of ['COPY', 'ADD']) {
      for (const node of file.find(keyword, { triggers: false })) {
        const stage = node.stage;
        if (!stage) continue;
        const token = destination(node);
        if (!token || token.text.startsWith('<<')) continue;
        if (workdirBefore(file, node)) continue;
        if ((file.chain(stage).at(-1) ?? stage).base.kind === 'scratch') continue;
        const written = node.json ? (node.json.strings.at(-1)?.value ?? '') : token.text;
        const expansion = file.scope(node).expand(written, file.escapeChar);
        if (!expansion.known) continue;
        const value = node.json ? expansion.value : unquote(expansion.value);
        if (value === '' || value.startsWith('/') || /^[A-Za-z]:/.test(value) || (stage.windows && value.startsWith('\\'))) continue;
        context.report({
          message: `Relative destination '${value}' before any WORKDIR depends on the base image; set WORKDIR or use an absolute path`,
          range: token.range,
          codes: ['DL3045'],
        });
      }
    }
  },
});
