import { defineRule } from '../src/engine/types.js';
import type { DirectiveNode } from '../src/model/types.js';

const KNOWN = new Set(['syntax', 'escape', 'check']);
const BOOLEAN = /^(1|t|true|0|f|false)$/i;

export default defineRule({
  meta: {
    id: 'invalid-parser-directive',
    codes: [],
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A parser directive in the directive block is invalid',
    rationale: 'Docker fails the build on an invalid escape character, a repeated directive or a malformed check directive.',
    fixable: undefined,
    alsoKnownAs: ['dockerfile-utils:INVALID_ESCAPE_DIRECTIVE', 'dockerfile-utils:DUPLICATED_ESCAPE_DIRECTIVE'],
    examples: {
      invalid: ['# escape=/\nFROM alpine:3.20\n', '# syntax=docker/dockerfile:1\n# syntax=docker/dockerfile:1.7\nFROM alpine:3.20\n', '# check=error=maybe\nFROM alpine:3.20\n'],
      valid: ['# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=StageNameCasing;error=true\nFROM alpine:3.20\n'],
    },
  },
  check(context) {
    const { file } = context;
    const seen = new Set<string>();
    for (const directive of file.directives) {
      if (!KNOWN.has(directive.name)) continue;
      if (seen.has(directive.name)) {
        context.report({ message: `Directive '${directive.name}' is given twice`, range: directive.nameToken.range, codes: [] });
        continue;
      }
      seen.add(directive.name);
      if (directive.name === 'escape' && directive.value !== '' && directive.value !== '\\' && directive.value !== '`') {
        context.report({ message: `Invalid escape character '${directive.value}'; use a backslash or a backtick`, range: directive.valueToken.range, codes: [] });
      }
      if (directive.name === 'check') checkValue(directive, (message, start, end) => {
        const base = directive.valueToken.startOffset;
        context.report({ message, range: file.lines.range(base + start, base + end), codes: [] });
      });
    }
  },
});

function checkValue(directive: DirectiveNode, report: (message: string, start: number, end: number) => void): void {
  const value = directive.value.split(/\s/)[0] as string;
  let offset = 0;
  for (const part of value.split(';')) {
    const start = offset;
    offset += part.length + 1;
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = equals === -1 ? '' : part.slice(0, equals).trim().toLowerCase();
    if (equals === -1 || !['skip', 'experimental', 'error'].includes(key)) {
      report(`Invalid check option '${part}'`, start, start + part.length);
      continue;
    }
    if (key === 'error' && !BOOLEAN.test(part.slice(equals + 1).trim())) report(`Invalid check option '${part}'`, start, start + part.length);
  }
}
