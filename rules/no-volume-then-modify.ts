import { defineRule } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { InstructionNode, Stage } from '../src/model/types.js';
import { isWithin, resolveAgainst, workdirAt } from '../src/model/users.js';
import { resolveShellWord } from '../src/shell/downloads.js';
import { analyzeRun } from '../src/shell/run-script.js';
import { writtenPaths } from '../src/shell/written-paths.js';

interface Volume {
  path: string;
  node: InstructionNode;
}

export default defineRule({
  meta: {
    id: 'no-volume-then-modify',
    codes: [],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A RUN writes into a path after that path was declared a VOLUME',
    rationale:
      'The classic builder discards changes made inside a declared VOLUME by later build steps, while BuildKit keeps ' +
      'them, so the image content depends on the builder. Files written there are often silently missing.',
    fixable: undefined,
    examples: {
      invalid: ['FROM postgres:16\nVOLUME /var/lib/data\nRUN mkdir -p /var/lib/data/init\n', 'FROM debian:12\nVOLUME ["/data"]\nRUN echo hi > /data/hello.txt\n'],
      valid: [
        'FROM debian:12\nRUN mkdir -p /data/init\nVOLUME /data\n',
        'FROM debian:12\nVOLUME /data\nRUN mkdir -p /database\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    for (const stage of file.stages) {
      const inherited = file.chain(stage).slice(1).reverse().flatMap((each) => stageVolumes(file, each));
      const volumes: Volume[] = [...inherited];
      for (const node of stage.instructions) {
        if (node.keyword === 'VOLUME') {
          volumes.push(...volumesOf(file, node));
          continue;
        }
        if (node.keyword !== 'RUN' || volumes.length === 0) continue;
        const workdir = workdirAt(file, node);
        for (const command of analyzeRun(file, node).commands) {
          for (const written of writtenPaths(command)) {
            // The whole word is the path, or (`-C/dir`, `-P/dir`) an inline option value.
            const resolved = written.value === written.word.value ? resolveShellWord(file, node, written.word) : { value: written.value, known: true };
            if (!resolved.known) continue;
            const value = resolved.value;
            if (value.includes('$') || value.startsWith('~')) continue;
            const path = resolveAgainst(workdir, value);
            if (path === undefined) continue;
            const volume = volumes.find((v) => isWithin(path, v.path));
            if (!volume) continue;
            context.report({
              message: `'${path}' is inside VOLUME ${volume.path} (line ${volume.node.keywordToken.range.start.line + 1}); make changes before declaring the volume`,
              range: written.word.range,
              codes: [],
              related: [{ range: volume.node.keywordToken.range, message: `VOLUME ${volume.path}` }],
            });
          }
        }
      }
    }
  },
});

function stageVolumes(file: BuildFile, stage: Stage): Volume[] {
  return stage.instructions.filter((node) => node.keyword === 'VOLUME').flatMap((node) => volumesOf(file, node));
}

/** The absolute, resolved paths a VOLUME declares (unknown or relative ones skipped). */
function volumesOf(file: BuildFile, node: InstructionNode): Volume[] {
  const written = node.json ? node.json.strings.map((s) => s.value) : node.args.map((a) => a.text);
  const scope = file.scope(node);
  const volumes: Volume[] = [];
  for (const word of written) {
    const expansion = scope.expand(word, file.escapeChar);
    if (!expansion.known) continue;
    const value = expansion.value.replace(/^(["'])(.*)\1$/, '$2');
    if (!value.startsWith('/')) continue;
    const path = resolveAgainst('/', value);
    if (path && path !== '/') volumes.push({ path, node });
  }
  return volumes;
}
