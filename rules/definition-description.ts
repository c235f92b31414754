import { defineRule } from '../src/engine/types.js';
import type { CommentNode, InstructionNode } from '../src/model/types.js';

/** Comments that are not descriptions: BuildKit `check=` directives and suppression pragmas. */
function ignored(comment: CommentNode): boolean {
  return /^check\s*=|^(?:hadolint|layerlint)\s/i.test(comment.content);
}

function startsWithName(text: string, name: string, caseInsensitive: boolean): boolean {
  const head = caseInsensitive ? text.slice(0, name.length).toLowerCase() : text.slice(0, name.length);
  if (head !== (caseInsensitive ? name.toLowerCase() : name)) return false;
  return !/[A-Za-z0-9_-]/.test(text.charAt(name.length));
}

export default defineRule({
  meta: {
    id: 'definition-description',
    codes: ['InvalidDefinitionDescription'],
    severity: 'style',
    category: 'style',
    presets: ['all'],
    description: 'The comment above a named stage or an ARG does not start with that name',
    rationale:
      'Documentation generators (and `docker buildx build --call outline`) take the comment directly above ' +
      '`FROM … AS name` or `ARG NAME` as its description when it starts with the name, as in Go doc comments.',
    fixable: undefined,
    examples: {
      invalid: ['FROM alpine:3.20\n# the version to install\nARG VERSION=1.0\nRUN echo "$VERSION" > /version\n'],
      valid: ['FROM alpine:3.20\n# VERSION is the version to install\nARG VERSION=1.0\nRUN echo "$VERSION" > /version\n'],
    },
  },
  check(context) {
    const { file } = context;
    const check = (node: InstructionNode, names: string[], caseInsensitive: boolean): void => {
      const comments = node.leadingComments.filter((comment) => !ignored(comment));
      const last = comments.at(-1);
      if (!last || names.length === 0) return;
      if (names.some((name) => startsWithName(last.content, name, caseInsensitive))) return;
      context.report({ message: `Start this comment with '${names[0] ?? ''}' to document it`, range: last.token.range, codes: ['InvalidDefinitionDescription'] });
    };
    for (const stage of file.stages) {
      if (stage.nameToken) check(stage.from, [stage.nameToken.text], true);
    }
    for (const node of file.find('ARG', { triggers: false })) check(node, node.properties.map((property) => property.name), false);
  },
});
