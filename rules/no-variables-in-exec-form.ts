import { defineRule } from '../src/engine/types.js';
import { commandForm } from '../src/model/exec-form.js';
import type { JsonForm } from '../src/model/types.js';

const KEYWORDS = ['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'];
const REFERENCE = /^\$(\{[^}]*\}?|[A-Za-z_][A-Za-z0-9_]*|[@*1-9])/;
const POSIX_SHELL = /^(sh|bash|ash|dash|zsh|ksh|mksh)$/;
const POWERSHELL = /^(powershell|pwsh)(\.exe)?$/i;

export default defineRule({
  meta: {
    id: 'no-variables-in-exec-form',
    codes: [],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'An exec-form (JSON) instruction contains `$VAR`, which no shell expands',
    rationale:
      'Exec form runs the program directly, without a shell, so `["app", "--port", "$PORT"]` passes the literal ' +
      'text `$PORT`. The program then fails or, worse, silently uses a wrong value.',
    fixable: undefined,
    examples: {
      invalid: ['FROM alpine:3.20\nCMD ["app", "--port", "$PORT"]\n', 'FROM alpine:3.20\nENTRYPOINT ["/app", "${CONFIG}"]\n'],
      valid: [
        'FROM alpine:3.20\nCMD ["sh", "-c", "exec app --port $PORT"]\n',
        'FROM alpine:3.20\nCMD ["app", "--price", "$$5"]\n',
        'FROM alpine:3.20\nCMD app --port $PORT\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    for (const keyword of KEYWORDS) {
      for (const node of file.find(keyword)) {
        const json = commandForm(file, node)?.json;
        if (!json) continue;
        const exempt = scriptIndexes(json);
        json.strings.forEach((string, index) => {
          if (exempt.has(index)) return;
          const raw = string.token.text.slice(1, -1);
          for (const { start, ref } of references(raw)) {
            const from = string.token.startOffset + 1 + start;
            context.report({
              message: `'${ref}' is not expanded in exec form; use ["sh", "-c", "…"] or resolve it at build time`,
              range: file.lines.range(from, from + ref.length),
              codes: [],
            });
          }
        });
      }
    }
  },
});

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** The elements a shell expands itself: the script after `-c` (PowerShell: every argument). */
function scriptIndexes(json: JsonForm): Set<number> {
  const exempt = new Set<number>();
  const program = basename(json.strings[0]?.value ?? '');
  if (POWERSHELL.test(program)) {
    for (let k = 1; k < json.strings.length; k++) exempt.add(k);
  } else if (POSIX_SHELL.test(program)) {
    const c = json.strings.findIndex((s, k) => k > 0 && /^-[A-Za-z]*c$/.test(s.value));
    if (c > 0) exempt.add(c + 1);
  }
  return exempt;
}

/** `$NAME`, `${…}`, `$@`, `$*`, `$1`…`$9` in the raw JSON text of a string; `$$` and `\$` are not references. */
function references(raw: string): { start: number; ref: string }[] {
  const found: { start: number; ref: string }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      // `\\$` in JSON is `\$`: an escaped dollar.
      if (raw[i + 1] === '\\' && raw[i + 2] === '$') i += 2;
      else i++;
      continue;
    }
    if (c !== '$') continue;
    if (raw[i + 1] === '$') {
      i++;
      continue;
    }
    const match = REFERENCE.exec(raw.slice(i));
    if (!match) continue;
    found.push({ start: i, ref: match[0] });
    i += match[0].length - 1;
  }
  return found;
}
