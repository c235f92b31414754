import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import { imageFamily, keywordInFileCase, rootImage } from '../src/model/runtime.js';
import type { InstructionNode, Stage } from '../src/model/types.js';
import { followedByOrTrue, lastStage, pipefailInEffect, runPipelines, type Pipeline } from '../src/shell/pipelines.js';
import { analyzeRun } from '../src/shell/run-script.js';

type Options = {
  allowLiteralProducers: boolean;
};

const MESSAGE = 'A failure before \'|\' is ignored; set -o pipefail (e.g. SHELL ["/bin/bash", "-o", "pipefail", "-c"])';

export default defineRule<Options>({
  meta: {
    id: 'require-pipefail',
    codes: ['DL4006', 'DS-0032'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A RUN pipeline whose earlier commands can fail unnoticed because pipefail is not set',
    rationale:
      'A pipeline\'s status is the status of its last command. Without `pipefail`, `curl … | tar x` succeeds when the ' +
      'download fails, and the build goes on with a missing or truncated file.',
    fixable: 'unsafe',
    fixDescription:
      'Inserts `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (`/bin/ash` on Alpine and BusyBox roots) before the ' +
      'stage\'s first RUN with an unprotected pipe. Unsafe: the new SHELL applies to every later RUN of the stage, ' +
      'and the image must have that shell. No fix for `scratch` or distroless roots or ONBUILD triggers.',
    alsoKnownAs: ['kics:efbf148a', 'semgrep:set-pipefail'],
    options: {
      schema: {
        type: 'object',
        properties: { allowLiteralProducers: { type: 'boolean' } },
        additionalProperties: false,
      },
      defaults: { allowLiteralProducers: true },
      docs: {
        allowLiteralProducers: 'Exempt pipelines whose only non-final commands are `echo`, `printf` or `yes` with literal arguments, which cannot fail.',
      },
    },
    examples: {
      invalid: [
        'FROM debian:12\nRUN wget -q -O - https://example.com/setup.sh | sh\n',
        'FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL https://example.com/key | gpg --dearmor -o /k.gpg\nEOF\n',
      ],
      valid: [
        'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -q -O - https://example.com/setup.sh | sh\n',
        'FROM debian:12\nRUN set -o pipefail && wget -q -O - https://example.com/setup.sh | sh\n',
        'FROM debian:12\nRUN echo "deb http://deb.debian.org/debian bookworm main" | tee /etc/apt/sources.list\n',
      ],
    },
  },
  check(context) {
    const { file, options } = context;
    const fixes = new Map<Stage, Fix | undefined>();
    for (const node of file.find('RUN')) {
      const analysis = analyzeRun(file, node);
      // Most RUNs have no pipeline: skip them before collecting pipelines.
      if (!analysis.posix || !analysis.commands.some((command) => command.pipeline)) continue;
      for (const pipeline of runPipelines(file, node)) {
        if (pipefailInEffect(file, node, pipeline)) continue;
        if (options.allowLiteralProducers && literalProducers(pipeline)) continue;
        const last = lastStage(pipeline);
        if (last && followedByOrTrue(pipeline.script, last)) continue;
        const stage = node.onbuildParent ? undefined : node.stage;
        let fix: Fix | undefined;
        if (stage) {
          if (!fixes.has(stage)) fixes.set(stage, shellFix(file, stage, node));
          fix = fixes.get(stage);
        }
        context.report({ message: MESSAGE, range: pipeline.firstPipe, codes: ['DL4006', 'DS-0032'], fix });
      }
    }
  },
});

/**
 * Every non-final stage is `echo`/`printf` with literal arguments. `yes` is treated the same: it
 * cannot fail, and under pipefail the SIGPIPE it gets when the consumer exits would fail the RUN.
 */
function literalProducers(pipeline: Pipeline): boolean {
  for (let k = 0; k < pipeline.stageCount - 1; k++) {
    const stage = pipeline.stages.find((s) => s.pipeline?.stage === k);
    const name = stage?.name?.value;
    if (!stage || (name !== 'echo' && name !== 'printf' && name !== 'yes')) return false;
    if (stage.args.some((arg) => arg.hasVariables || arg.hasCommandSubstitution) || stage.redirects.length > 0) return false;
  }
  return true;
}

function shellFix(file: BuildFile, stage: Stage, run: InstructionNode): Fix | undefined {
  const family = imageFamily(rootImage(file, stage));
  if (family === 'scratch' || family === 'distroless') return undefined;
  const shell = family === 'alpine' || family === 'busybox' ? '/bin/ash' : '/bin/bash';
  const anchor = run.leadingComments[0]?.token ?? run.keywordToken;
  const line = anchor.range.start.line;
  const indentation = /^[ \t]*/.exec(file.lines.lineText(line))?.[0] ?? '';
  const at = { line, character: 0 };
  const text = `${indentation}${keywordInFileCase(file, 'SHELL')} ["${shell}", "-o", "pipefail", "-c"]\n`;
  return { safe: false, description: `Insert SHELL ["${shell}", "-o", "pipefail", "-c"]`, edits: [{ range: { start: at, end: at }, text }] };
}
