import { defineRule } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { InstructionNode } from '../src/model/types.js';
import { isWithin, resolveAgainst, workdirAt } from '../src/model/users.js';
import { pathChanges } from '../src/shell/ownership.js';
import { analyzeRun } from '../src/shell/run-script.js';

/** Commands that may precede the chown/chmod in the same RUN without writing files. */
const HARMLESS = new Set(['chown', 'chmod', 'chgrp', 'set', 'true', 'echo', 'printf', ':']);

interface Copy {
  node: InstructionNode;
  destination: string;
}

function destinationOf(file: BuildFile, node: InstructionNode): string | undefined {
  const words = node.json ? node.json.strings.map((s) => s.value) : node.args.map((t) => t.text.replace(/^(["'])(.*)\1$/, '$2'));
  if (words.length < 2) return undefined;
  const expansion = file.scope(node).expand(words.at(-1) as string, file.escapeChar);
  if (!expansion.known) return undefined;
  return resolveAgainst(workdirAt(file, node), expansion.value);
}

export default defineRule({
  meta: {
    id: 'prefer-copy-chown',
    codes: [],
    severity: 'info',
    category: 'size',
    presets: ['recommended'],
    description: 'A RUN changes the owner or mode of files an earlier COPY/ADD added, duplicating them in a new layer',
    rationale:
      'Changing the owner or mode of a file rewrites it into the new layer, so every copied byte ships twice. ' +
      '`COPY --chown` and `COPY --chmod` set ownership and mode as the files are copied, in one layer.',
    fixable: undefined,
    examples: {
      invalid: ['FROM node:22-alpine\nCOPY . /app\nRUN chown -R node:node /app\nUSER node\n'],
      valid: ['FROM node:22-alpine\nCOPY --chown=node:node . /app\nUSER node\n', 'FROM node:22-alpine\nCOPY . /app\nRUN npm ci --prefix /app\nRUN chown -R node:node /app\nUSER node\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const stage of file.stages) {
      let copies: Copy[] = [];
      for (const node of stage.instructions) {
        if (node.keyword === 'COPY' || node.keyword === 'ADD') {
          const destination = destinationOf(file, node);
          copies = copies.filter((c) => destination === undefined || !(isWithin(destination, c.destination) || isWithin(c.destination, destination)));
          if (destination !== undefined && destination !== '/') copies.push({ node, destination });
          continue;
        }
        if (node.keyword !== 'RUN') continue;
        const commands = analyzeRun(file, node).commands;
        for (const change of pathChanges(file, node)) {
          if (change.kind === 'chgrp') continue;
          const before = commands.slice(0, change.index);
          if (before.some((c) => !c.name || !HARMLESS.has(c.name.value.slice(c.name.value.lastIndexOf('/') + 1)))) continue;
          const copy = copies.findLast((c) => change.paths.some((p) => isWithin(p, c.destination)));
          if (!copy) continue;
          const line = copy.node.keywordToken.range.start.line + 1;
          context.report({
            message: `Use --chown/--chmod on the ${copy.node.keyword} on line ${line}; this ${change.kind} copies the files into a new layer`,
            range: change.word.range,
            codes: [],
            related: [{ range: copy.node.keywordToken.range, message: `The files are added here` }],
          });
        }
        // Any RUN may write into the copied paths: later changes no longer concern only the copied files.
        copies = [];
      }
    }
  },
});
