import { defineRule } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { InstructionNode } from '../src/model/types.js';
import { isWithin, resolveAgainst, workdirAt } from '../src/model/users.js';
import { pathChanges } from '../src/shell/ownership.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { SimpleCommand } from '../src/shell/types.js';

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

/** The copies still current after these COPY/ADD instructions: a later copy into an overlapping path replaces earlier ones. */
function copiesOf(file: BuildFile, nodes: readonly InstructionNode[]): Copy[] {
  let copies: Copy[] = [];
  for (const node of nodes) {
    const destination = destinationOf(file, node);
    copies = copies.filter((c) => destination === undefined || !(isWithin(destination, c.destination) || isWithin(c.destination, destination)));
    if (destination !== undefined && destination !== '/') copies.push({ node, destination });
  }
  return copies;
}

/** Whether every command before `index` leaves files alone. */
function onlyHarmlessBefore(commands: readonly SimpleCommand[], index: number): boolean {
  for (let i = 0; i < index && i < commands.length; i++) {
    const program = commands[i]?.program;
    if (program === undefined || !HARMLESS.has(program)) return false;
  }
  return true;
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
      // COPY/ADD since the last RUN; their destinations are resolved only when a RUN changes ownership.
      let pending: InstructionNode[] = [];
      for (const node of stage.instructions) {
        if (node.keyword === 'COPY' || node.keyword === 'ADD') {
          pending.push(node);
          continue;
        }
        if (node.keyword !== 'RUN') continue;
        // With nothing copied since the last RUN there is nothing to suggest.
        if (pending.length === 0) continue;
        let copies: Copy[] | undefined;
        let commands: SimpleCommand[] | undefined;
        for (const change of pathChanges(file, node)) {
          if (change.kind === 'chgrp') continue;
          commands ??= analyzeRun(file, node).commands;
          if (!onlyHarmlessBefore(commands, change.index)) continue;
          copies ??= copiesOf(file, pending);
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
        pending = [];
      }
    }
  },
});
