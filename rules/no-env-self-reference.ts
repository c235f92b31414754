import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { InstructionNode, PropertyNode } from '../src/model/types.js';
import { findReferences } from '../src/model/variables.js';

interface Options {
  reportRedefined: boolean;
}

export default defineRule<Options>({
  meta: {
    id: 'no-env-self-reference',
    codes: ['DL3044'],
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'An ENV value refers to a key that the same ENV instruction sets',
    rationale:
      'All the values of one ENV instruction are expanded before any of its keys is set. In ' +
      '`ENV JAVA_HOME=/opt/jdk PATH=$JAVA_HOME/bin:$PATH`, `$JAVA_HOME` is the value from before the ' +
      'instruction: empty, or whatever the base image set, not `/opt/jdk`.',
    fixable: 'unsafe',
    fixDescription:
      'Moves the referenced pair into its own ENV instruction before this one, so the reference sees the new value. ' +
      'Unsafe: it changes the value to what the author most likely meant.',
    options: {
      schema: { type: 'object', properties: { reportRedefined: { type: 'boolean' } }, additionalProperties: false },
      defaults: { reportRedefined: true },
      docs: {
        reportRedefined:
          'Also report a reference to a key that is already defined before the instruction (it silently sees the old value).',
      },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin\n'],
      valid: ['FROM alpine:3.20\nENV APP_HOME=/opt/app\nENV APP_BIN=$APP_HOME/bin PATH=/opt/app/bin:$PATH\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const node of file.find('ENV')) {
      if (node.properties.length < 2) continue;
      const scope = file.scope(node);
      const keys = new Map(node.properties.map((property) => [property.name, property]));
      for (const property of node.properties) {
        const token = property.valueToken;
        if (!token) continue;
        for (const reference of findReferences(token.text, file.escapeChar)) {
          if (reference.name === property.name) continue;
          const target = keys.get(reference.name);
          if (!target) continue;
          const definedBefore = !node.onbuildParent && scope.declares(reference.name);
          if (definedBefore && !options.reportRedefined) continue;
          context.report({
            message: `'${reference.name}' is set by this same ENV; this reference sees its value from before the instruction`,
            range: file.lines.range(token.startOffset + reference.start, token.startOffset + reference.end),
            codes: ['DL3044'],
            fix: node.onbuildParent ? undefined : splitFix(file, node, target),
          });
        }
      }
    }
  },
});

/** Moves `target` into its own ENV before the instruction. */
function splitFix(file: BuildFile, node: InstructionNode, target: PropertyNode): Fix | undefined {
  if (target.legacy || !target.valueToken) return undefined;
  const properties = node.properties;
  const at = properties.indexOf(target);
  const start = target.nameToken.startOffset;
  const end = target.valueToken.endOffset;
  const pairText = file.text.slice(start, end);
  // Remove the pair with the whitespace (and continuations) that separate it from its neighbour.
  const previous = properties[at - 1];
  const next = properties[at + 1];
  let removeStart = start;
  let removeEnd = end;
  if (previous?.valueToken) removeStart = previous.valueToken.endOffset;
  else if (next) removeEnd = next.nameToken.startOffset;
  else return undefined;
  const lineStart = file.lines.offsetAt({ line: node.keywordToken.range.start.line, character: 0 });
  const indent = file.text.slice(lineStart, node.token.startOffset);
  if (!/^\s*$/.test(indent)) return undefined;
  const insertAt = node.token.startOffset;
  return {
    safe: false,
    description: `Set ${target.name} in an ENV of its own first`,
    edits: [
      { range: file.lines.range(insertAt, insertAt), text: `${node.keywordToken.text} ${pairText}\n${indent}` },
      { range: file.lines.range(removeStart, removeEnd), text: '' },
    ],
  };
}
