import { defineRule } from '../src/engine/types.js';
import { splitReference } from '../src/model/image-ref.js';

type Level = 'major' | 'minor' | 'digest';

interface Options {
  level: Level;
  require: boolean;
}

const LEVEL_TEXT: Record<Level, string> = { major: 'a tag', minor: 'at least a minor version (X.Y)', digest: 'a digest' };

function meetsLevel(value: string, level: Level): boolean {
  const { tag, digest } = splitReference(value);
  if (level === 'digest') return digest !== undefined && /^sha256:[0-9a-f]{64}$/i.test(digest);
  if (digest !== undefined) return true;
  if (tag === undefined || tag === 'latest') return false;
  if (level === 'major') return true;
  return /^v?\d+\.\d+(?:[.-]|$)/.test(tag);
}

export default defineRule<Options>({
  meta: {
    id: 'pinned-syntax-directive',
    codes: [],
    severity: 'info',
    category: 'reproducibility',
    presets: ['all'],
    description: 'A `# syntax=` frontend image that is not pinned tightly enough, or missing when required',
    rationale:
      'The `# syntax=` directive picks the BuildKit frontend that parses the file. A floating reference such as ' +
      '`docker/dockerfile:1` changes as new frontends are released, so the same file can parse differently over time.',
    fixable: undefined,
    options: {
      schema: {
        type: 'object',
        properties: { level: { enum: ['major', 'minor', 'digest'] }, require: { type: 'boolean' } },
        additionalProperties: false,
      },
      defaults: { level: 'minor', require: false },
      docs: {
        level: '`"major"`: any tag; `"minor"`: a tag with at least `X.Y` (`docker/dockerfile:1.7`); `"digest"`: an `@sha256:` digest.',
        require: 'Report a file that has no `# syntax=` directive (at line 1).',
      },
    },
    examples: {
      invalid: ['# syntax=docker/dockerfile:1\nFROM alpine:3.22\nUSER nobody\n'],
      valid: ['# syntax=docker/dockerfile:1.7\nFROM alpine:3.22\nUSER nobody\n', 'FROM alpine:3.22\nUSER nobody\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    const directive = file.directives.find((each) => each.name === 'syntax');
    if (!directive) {
      if (options.require) {
        const range = file.lines.range(0, file.lines.lineEnd(0));
        context.report({ message: "Add a '# syntax=' directive to pin the Dockerfile frontend", range, codes: [] });
      }
      return;
    }
    const value = directive.value.trim();
    if (value === '' || value.includes('$')) return;
    if (meetsLevel(value, options.level)) return;
    context.report({ message: `The syntax frontend '${value}' is not pinned to ${LEVEL_TEXT[options.level]}`, range: directive.valueToken.range, codes: [] });
  },
});
