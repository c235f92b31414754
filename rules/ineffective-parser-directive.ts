import { defineRule } from '../src/engine/types.js';
import { BUILDKIT_CHECKS, suggest } from '../src/model/buildkit.js';
import type { Token } from '../src/model/types.js';

const DIRECTIVE_COMMENT = /^#\s*(syntax|escape)\s*=/i;
const CHECK_COMMENT = /^#\s*check\s*=/i;
const KEYS = ['syntax', 'escape', 'check'];
const CHECKS = new Set(BUILDKIT_CHECKS.map((name) => name.toLowerCase()));

export default defineRule({
  meta: {
    id: 'ineffective-parser-directive',
    codes: [],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A comment looks like a parser directive but Docker ignores it, or ignores part of it',
    rationale:
      'Parser directives only count at the very top of the file, with exact keys; a misplaced `# syntax=`, a typo such ' +
      'as `# sytnax=`, or text after a space in `# check=` is silently ignored, so the build runs with settings the ' +
      'author did not intend.',
    fixable: 'unsafe',
    fixDescription: 'Replaces a misspelt directive key with the suggestion, or removes the space in a check directive value.',
    examples: {
      invalid: ['FROM alpine:3.20\n# syntax=docker/dockerfile:1\nRUN echo hi\n', '# sytnax=docker/dockerfile:1\nFROM alpine:3.20\n', '# check=skip=StageNameCasing, FromAsCasing\nFROM alpine:3.20\n'],
      valid: ['# syntax=docker/dockerfile:1\n# check=skip=StageNameCasing\nFROM alpine:3.20\n# check=skip=UndefinedVar\nRUN echo $X\n'],
    },
  },
  check(context) {
    const { file } = context;
    const report = (message: string, token: Token | { range: Token['range'] }, fix?: { text: string; range: Token['range'] }): void =>
      context.report({ message, range: token.range, codes: [], fix: fix ? { edits: [fix], safe: false, description: 'Fix the directive' } : undefined });
    const leading = new Set<number>();
    for (const node of file.instructions) for (const comment of node.leadingComments) leading.add(comment.token.startOffset);

    const checkSkipList = (value: string, valueStart: number): void => {
      const firstSpace = value.search(/\s/);
      if (firstSpace !== -1 && value.slice(firstSpace).trim() !== '') {
        const tail = file.lines.range(valueStart + firstSpace, valueStart + value.length);
        const compact = value.replace(/,\s+/g, ',');
        report('Text after a space in a check directive is ignored', { range: tail }, compact.search(/\s/) === -1 ? { range: file.lines.range(valueStart, valueStart + value.length), text: compact } : undefined);
      }
      const effective = firstSpace === -1 ? value : value.slice(0, firstSpace);
      let offset = 0;
      for (const part of effective.split(';')) {
        const match = /^(\s*skip\s*=\s*)(.*)$/is.exec(part);
        if (match) {
          let position = offset + (match[1] as string).length;
          for (const name of (match[2] as string).split(',')) {
            const trimmed = name.trim();
            if (trimmed !== '' && trimmed.toLowerCase() !== 'all' && !CHECKS.has(trimmed.toLowerCase())) {
              const start = valueStart + position + name.indexOf(trimmed);
              report(`Unknown check '${trimmed}' in skip list`, { range: file.lines.range(start, start + trimmed.length) });
            }
            position += name.length + 1;
          }
        }
        offset += part.length + 1;
      }
    };

    for (const directive of file.directives) {
      if (KEYS.includes(directive.name)) {
        if (directive.name === 'check') checkSkipList(directive.value, directive.valueToken.startOffset);
        continue;
      }
      const suggestion = suggest(directive.name, KEYS);
      if (!suggestion) continue;
      report(`Unknown directive '${directive.nameToken.text}' (did you mean '${suggestion}'?) ends the directive block`, directive.nameToken, { range: directive.nameToken.range, text: suggestion });
    }

    for (const comment of file.comments) {
      const text = comment.token.text;
      const key = DIRECTIVE_COMMENT.exec(text);
      if (key) {
        report(`This ${(key[1] as string).toLowerCase()} directive is ignored because it is not at the top of the file`, comment.token);
        continue;
      }
      if (!CHECK_COMMENT.test(text)) continue;
      if (comment.token.range.start.character > 0) {
        report('An indented check comment is not honoured', comment.token);
        continue;
      }
      if (!leading.has(comment.token.startOffset)) {
        report('This check directive is ignored because it is not at the top of the file or directly above an instruction', comment.token);
        continue;
      }
      const equals = text.indexOf('=');
      const value = text.slice(equals + 1).replace(/^\s+/, '');
      checkSkipList(value.trimEnd(), comment.token.startOffset + text.length - value.length);
    }
  },
});
