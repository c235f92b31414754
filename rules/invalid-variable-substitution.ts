import { defineRule } from '../src/engine/types.js';
import type { InstructionNode, Token } from '../src/model/types.js';

const MODIFIER = /^(?::[-+?]|[-+?]|##?|%%?|\/\/?)/;

/** `${…}` expressions Docker cannot expand, as offset spans in `text`. */
function unsupportedSubstitutions(text: string, escapeChar: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let inDouble = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escapeChar) {
      i++;
      continue;
    }
    if (!inDouble && c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) break;
      i = close;
      continue;
    }
    if (c === '"') {
      inDouble = !inDouble;
      continue;
    }
    if (c !== '$' || text[i + 1] !== '{') continue;
    let depth = 1;
    let j = i + 2;
    for (; j < text.length && depth > 0; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}') depth--;
    }
    if (depth > 0) {
      found.push({ start: i, end: text.length });
      break;
    }
    const inner = text.slice(i + 2, j - 1);
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(inner)?.[0] ?? '';
    const rest = inner.slice(name.length);
    const ok = name !== '' && (rest === '' || MODIFIER.test(rest));
    if (!ok) found.push({ start: i, end: j });
    i = j - 1;
  }
  return found;
}

/** The tokens BuildKit expands in an instruction (RULES.md §0.5). */
function expandedTokens(node: InstructionNode): Token[] {
  switch (node.keyword) {
    case 'FROM':
      return [...node.args.slice(0, 1), ...node.flags.flatMap((flag) => (flag.valueToken ? [flag.valueToken] : []))];
    case 'ENV':
    case 'ARG':
    case 'LABEL':
      return node.properties.flatMap((property) => [property.nameToken, ...(property.valueToken ? [property.valueToken] : [])]);
    case 'COPY':
    case 'ADD':
      return [
        ...node.flags.flatMap((flag) => (flag.valueToken && flag.name !== 'from' ? [flag.valueToken] : [])),
        ...(node.json ? node.json.strings.map((each) => each.token) : node.args.filter((arg) => !/^\d*<</.test(arg.text))),
      ];
    case 'WORKDIR':
    case 'USER':
    case 'VOLUME':
    case 'EXPOSE':
    case 'STOPSIGNAL':
      return node.json ? node.json.strings.map((each) => each.token) : node.args;
    case 'RUN':
      return node.flags.flatMap((flag) => (flag.name === 'mount' && flag.valueToken ? [flag.valueToken] : []));
    default:
      return [];
  }
}

export default defineRule({
  meta: {
    id: 'invalid-variable-substitution',
    codes: [],
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A `${…}` expression uses syntax that Docker\'s expansion does not support',
    rationale:
      'Docker supports only a few shell substitution forms in instructions it expands; `${NAME^^}`, `${#NAME}` or an ' +
      'unclosed `${` fail the build with a parse error.',
    fixable: undefined,
    alsoKnownAs: ['dockerfile-utils:UNSUPPORTED_MODIFIER'],
    examples: {
      invalid: ['FROM alpine:3.20\nARG NAME=app\nWORKDIR /srv/${NAME^^}\n', 'FROM alpine:3.20\nENV A=${B\n'],
      valid: ['FROM alpine:3.20\nARG V=1.2.3\nENV A=${V:-1} B=${V%.*} C=${V/./-}\nRUN echo ${V^^}\n'],
    },
  },
  check(context) {
    const { file } = context;
    const checkNode = (node: InstructionNode): void => {
      // Every finding starts at `${`; most instructions have none.
      if (!node.token.text.includes('${')) return;
      for (const token of expandedTokens(node)) {
        for (const span of unsupportedSubstitutions(token.text, file.escapeChar)) {
          context.report({
            message: `Docker cannot expand '${token.text.slice(span.start, span.end)}'`,
            range: file.lines.range(token.startOffset + span.start, token.startOffset + span.end),
            codes: [],
          });
        }
      }
    };
    for (const node of file.instructions) {
      checkNode(node);
      if (node.trigger) checkNode(node.trigger);
    }
  },
});
