import { defineRule } from '../src/engine/types.js';
import { referenceProblem, type ReferenceProblem } from '../src/model/reference-grammar.js';
import type { Token } from '../src/model/types.js';
import { findReferences } from '../src/model/variables.js';

interface WrittenProblem {
  problem: ReferenceProblem | undefined;
  /** Whether the written reference has variable references (its offsets are not the token's). */
  hasVariables: boolean;
}

/** Answers per escape character and written reference: the same images recur across files and stages. */
const writtenAnswers = new Map<string, WrittenProblem>();

/** What is wrong with a written reference, each variable reference standing for a valid name part. */
function writtenProblem(written: string, escapeChar: string): WrittenProblem {
  const key = escapeChar + written;
  let answer = writtenAnswers.get(key);
  if (answer === undefined) {
    answer = computeWrittenProblem(written, escapeChar);
    if (writtenAnswers.size >= 10_000) writtenAnswers.clear();
    writtenAnswers.set(key, answer);
  }
  return answer;
}

function computeWrittenProblem(written: string, escapeChar: string): WrittenProblem {
  const references = findReferences(written, escapeChar);
  let literal = written;
  for (const reference of [...references].reverse()) literal = literal.slice(0, reference.start) + 'a' + literal.slice(reference.end);
  const atIndex = literal.indexOf('@');
  const digestHasVariable = atIndex !== -1 && references.some((reference) => reference.end > written.indexOf('@'));
  return { problem: referenceProblem(literal, { skipDigest: digestHasVariable }), hasVariables: references.length > 0 };
}

export default defineRule({
  meta: {
    id: 'invalid-image-reference',
    codes: ['InvalidDefaultArgInFrom'],
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'An image reference is malformed regardless of build arguments',
    rationale:
      'Docker rejects a reference that breaks the image name grammar (upper-case repository names, an empty tag, ' +
      'a digest of the wrong length) before it pulls anything, so the build cannot succeed.',
    fixable: undefined,
    alsoKnownAs: ['dockerfile-utils:INVALID_REFERENCE_FORMAT'],
    examples: {
      invalid: ['FROM Alpine:3.20\n', 'FROM alpine:\n', 'FROM alpine:3.20\nCOPY --from=Busybox:1.36 /bin/busybox /busybox\n'],
      valid: ['FROM alpine:3.20\n', 'ARG TAG=3.20\nFROM alpine:${TAG}\n', 'FROM localhost:5000/team/app:1.0\n'],
    },
  },
  check(context) {
    const { file } = context;
    const check = (written: string, token: Token, codes: string[]): void => {
      const { problem, hasVariables } = writtenProblem(written, file.escapeChar);
      if (!problem) return;
      const exact = !hasVariables && token.text === written && token.range.start.line === token.range.end.line && problem.end > problem.start;
      context.report({
        message: `'${written}' is not a valid image reference: ${problem.reason}`,
        range: exact ? file.lines.range(token.startOffset + problem.start, token.startOffset + problem.end) : token.range,
        codes,
      });
    };
    // Names of the stages before the current one (one pass instead of a scan per stage).
    const earlierNames = new Set<string>();
    for (const stage of file.stages) {
      const token = stage.from.args[0];
      const namesEarlierStage = token !== undefined && earlierNames.has(token.text.toLowerCase());
      if (stage.name !== undefined) earlierNames.add(stage.name);
      if (!token || stage.base.kind === 'stage' || stage.base.kind === 'scratch') continue;
      if (namesEarlierStage) continue;
      const quoted = /^(["']).*\1$/.test(token.text);
      check(quoted ? token.text.slice(1, -1) : token.text, token, ['InvalidDefaultArgInFrom']);
    }
    const isImage = (value: string): boolean => /[:/@]/.test(value) && !/^\d+$/.test(value);
    for (const keyword of ['COPY', 'ADD']) {
      for (const node of file.find(keyword)) {
        const from = node.flags.find((flag) => flag.name === 'from');
        if (from?.value === undefined || !from.valueToken || !isImage(from.value)) continue;
        check(from.value, from.valueToken, []);
      }
    }
    for (const node of file.find('RUN')) {
      for (const flag of node.flags) {
        if (flag.name !== 'mount') continue;
        const option = flag.options.find((each) => each.key === 'from');
        if (option?.value === undefined || !option.valueToken || !isImage(option.value)) continue;
        check(option.value, option.valueToken, []);
      }
    }
  },
});
