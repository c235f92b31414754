import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import { healthcheckCommand } from '../src/model/exec-form.js';
import type { InstructionNode, Token } from '../src/model/types.js';

type Options = {
  healthcheck: boolean;
};

/** Shell builtins and reserved words: as argv[0] of an exec form they would not be found. */
const SHELL_ONLY = new Set([
  'exec', 'cd', 'export', 'set', 'unset', 'source', '.', 'eval', 'if', 'for', 'while', 'until', 'case', 'trap', 'ulimit', 'umask', 'alias', 'read', 'wait', 'shift', '!', '{', '[[',
]);

export default defineRule<Options>({
  meta: {
    id: 'prefer-exec-form',
    codes: ['DL3025', 'JSONArgsRecommended'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'CMD or ENTRYPOINT in shell form, which runs the program under /bin/sh -c',
    rationale:
      'In shell form the shell is PID 1: the program never receives SIGTERM on `docker stop` and is killed after ' +
      'the timeout, and a shell-form ENTRYPOINT ignores CMD and `docker run` arguments. The JSON (exec) form runs ' +
      'the program directly.',
    fixable: 'safe/unsafe',
    fixDescription:
      'Rewrites simple shell-form words (no expansions, globs, operators, redirections, escapes or comments) to a ' +
      'JSON array. Safe for CMD; unsafe for ENTRYPOINT, because in exec form CMD and `docker run` arguments are ' +
      'appended to it.',
    alsoKnownAs: ['kics:b86987e1', 'semgrep:prefer-json-notation'],
    options: {
      schema: { type: 'object', properties: { healthcheck: { type: 'boolean' } }, additionalProperties: false },
      defaults: { healthcheck: false },
      docs: { healthcheck: 'Also report `HEALTHCHECK CMD` in shell form (as hadolint DL3025 does).' },
    },
    examples: {
      invalid: ['FROM node:20-alpine\nCMD node server.js\n', 'FROM node:20-alpine\nENTRYPOINT node server.js\n'],
      valid: [
        'FROM node:20-alpine\nCMD ["node", "server.js"]\n',
        'FROM node:20-alpine\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nCMD node server.js\n',
        'FROM node:20-alpine\nHEALTHCHECK CMD wget -q -O- http://localhost:3000/ || exit 1\n',
      ],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const keyword of ['CMD', 'ENTRYPOINT', 'HEALTHCHECK']) {
      if (keyword === 'HEALTHCHECK' && !options.healthcheck) continue;
      for (const node of file.find(keyword)) {
        const form = keyword === 'HEALTHCHECK' ? healthcheckCommand(file, node) : { json: node.json, token: node.argsToken, value: node.argsValue.trim() };
        if (!form || form.json || !form.token) continue;
        if (form.value.startsWith('[')) continue; // a broken JSON array: invalid-json-form
        if (hasShellInChain(file, node)) continue;
        const instruction = keyword === 'HEALTHCHECK' ? 'HEALTHCHECK CMD' : keyword;
        context.report({
          message: `Use the JSON (exec) form for ${instruction} so the process receives stop signals`,
          range: form.token.range,
          codes: keyword === 'HEALTHCHECK' ? ['DL3025'] : ['DL3025', 'JSONArgsRecommended'],
          fix: keyword === 'HEALTHCHECK' ? undefined : execFormFix(file, node, form.token, form.value, keyword === 'CMD'),
        });
      }
    }
  },
});

/** A SHELL earlier in the stage's chain: the author chose the shell on purpose. */
function hasShellInChain(file: BuildFile, node: InstructionNode): boolean {
  const stage = node.onbuildParent ? undefined : node.stage;
  if (!stage) return false;
  return file.chain(stage).some((each) => each.instructions.some((i) => i.keyword === 'SHELL' && (each !== stage || i.index < node.index)));
}

/** The words of simple shell-form text, or undefined when a shell would interpret anything. */
function simpleWords(text: string, allowBackslash: boolean): string[] | undefined {
  const words: string[] = [];
  for (const raw of text.split(/[ \t]+/).filter((w) => w !== '')) {
    const quote = raw[0];
    if (quote === '"' || quote === "'") {
      if (raw.length < 2 || raw.at(-1) !== quote) return undefined;
      const inner = raw.slice(1, -1);
      if (inner.includes(quote) || inner.includes('\\') || (quote === '"' && /[$`]/.test(inner))) return undefined;
      words.push(inner);
      continue;
    }
    if (/[$`*?[\]{}~;&|<>()#"'\n\r]/.test(raw)) return undefined;
    if (!allowBackslash && raw.includes('\\')) return undefined;
    words.push(raw);
  }
  const first = words[0];
  if (first === undefined || SHELL_ONLY.has(first) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(first)) return undefined;
  return words;
}

function execFormFix(file: BuildFile, node: InstructionNode, token: Token, value: string, safe: boolean): Fix | undefined {
  if (token.text !== value) return undefined; // continuations or comment lines inside
  const windows = node.stage?.windows === true;
  const words = simpleWords(value, windows);
  if (!words) return undefined;
  const json = `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
  return { safe, description: `Rewrite as ${json}`, edits: [{ range: token.range, text: json }] };
}
