import { defineRule } from '../src/engine/types.js';
import type { InstructionNode, Token } from '../src/model/types.js';
import { isWithin, normalizePath, resolveAgainst, workdirAt } from '../src/model/users.js';
import { globToRegExp } from '../src/model/variables.js';
import { isSecretFilePath } from '../src/model/secrets.js';
import { trimEndChars } from '../src/model/trim.js';

interface Options {
  extraPatterns: string[];
  allow: string[];
}

const CODES = ['DS-0031'];
const FILE_VARIABLES = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'GOOGLE_APPLICATION_CREDENTIALS', 'HF_TOKEN_PATH', 'KUBECONFIG'];
/** `$NAME`/`${NAME` of each, compiled once. */
const FILE_VARIABLE_PATTERNS = FILE_VARIABLES.map((name) => new RegExp(`\\$\\{?${name}\\b`));

interface Word {
  value: string;
  token: Token;
}

function unquote(value: string): string {
  // Most words are unquoted: skip the regular expression for them.
  const first = value.charCodeAt(0);
  if (first !== 34 && first !== 39) return value;
  return value.replace(/^(["'])(.*)\1$/, '$2');
}

/** Matches a URL source (`https://…`), which is downloaded, not copied from the context. */
const URL_SOURCE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The sources (heredocs and URLs left out) and the destination of a COPY/ADD. */
function copyWords(node: InstructionNode): { sources: Word[]; destination: Word | undefined } {
  const count = node.json ? node.json.strings.length : node.args.length;
  if (count < 2) return { sources: [], destination: undefined };
  const sources: Word[] = [];
  for (let i = 0; i < count - 1; i++) {
    const word = wordAt(node, i);
    if (!word.value.startsWith('<<') && !URL_SOURCE.test(word.value)) sources.push(word);
  }
  return { sources, destination: wordAt(node, count - 1) };
}

/** Word `i` of a COPY/ADD: the decoded exec-form string, or the shell-form word without surrounding quotes. */
function wordAt(node: InstructionNode, i: number): Word {
  if (node.json) {
    const each = node.json.strings[i] as { value: string; token: Token };
    return { value: each.value, token: each.token };
  }
  const token = node.args[i] as Token;
  return { value: unquote(token.text), token };
}

function basename(value: string): string {
  const trimmed = trimEndChars(value, '/');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export default defineRule<Options>({
  meta: {
    id: 'no-secret-file-copy',
    codes: CODES,
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'COPY or ADD puts a credential file (private key, .npmrc, .env, cloud credentials, …) into the image',
    rationale:
      'A file copied into a layer stays in the image even if a later step deletes it, and anyone who can pull the ' +
      'image can extract it. Credentials needed during the build belong in a secret mount ' +
      '(`RUN --mount=type=secret,id=…,target=…`); credentials needed at run time belong in the runtime\'s secret store.',
    fixable: undefined,
    alsoKnownAs: ['cis:4.10'],
    options: {
      schema: {
        type: 'object',
        properties: { extraPatterns: { type: 'array', items: { type: 'string' } }, allow: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
      defaults: { extraPatterns: [], allow: [] },
      docs: {
        extraPatterns: 'More source globs that are credential files (matched against the source path and its basename).',
        allow: 'Source globs never reported (e.g. test fixtures).',
      },
    },
    examples: {
      invalid: ['FROM node:22-alpine\nCOPY .npmrc package.json /app/\n', 'FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa\n'],
      valid: ['FROM alpine:3.20\nCOPY id_rsa.pub /root/.ssh/authorized_keys\n', 'FROM node:22-alpine\nCOPY .env.example /app/.env.example\n'],
    },
    securitySeverity: 7.0,
  },
  check(context) {
    const { file, options } = context;
    const extra = options.extraPatterns.map((glob) => globToRegExp(glob, true));
    const allow = options.allow.map((glob) => globToRegExp(glob, true));
    const matches = (regexes: RegExp[], value: string): boolean => regexes.some((r) => r.test(value) || r.test(basename(value)));
    const reported = new Set<Token>();
    const report = (source: Word): void => {
      if (reported.has(source.token) || matches(allow, source.value)) return;
      reported.add(source.token);
      context.report({
        message: `'${source.value}' looks like a credential file and would be stored in the image; use a secret mount`,
        range: source.token.range,
        codes: CODES,
      });
    };
    const copies = [...file.find('COPY'), ...file.find('ADD')];
    const wordsOf = copies.map(copyWords);
    for (const { sources } of wordsOf) {
      for (const source of sources) {
        if (isSecretFilePath(source.value) || matches(extra, source.value)) report(source);
      }
    }
    // Files that credential variables point to.
    for (let i = 0; i < copies.length; i++) {
      const node = copies[i] as InstructionNode;
      const stage = node.onbuildParent ? undefined : node.stage;
      const { sources, destination } = wordsOf[i] as ReturnType<typeof copyWords>;
      if (!destination || sources.length === 0) continue;
      // The patterns all start with `$`.
      if (destination.value.includes('$') && FILE_VARIABLE_PATTERNS.some((pattern) => pattern.test(destination.value))) {
        for (const source of sources) report(source);
        continue;
      }
      if (!stage) continue;
      const scope = file.scope(node);
      const targets: string[] = [];
      for (const name of FILE_VARIABLES) {
        const variable = scope.lookup(name);
        if (variable?.known && variable.value !== '') targets.push(normalizePath(variable.value));
      }
      if (targets.length === 0) continue;
      const expanded = scope.expand(destination.value, file.escapeChar);
      if (!expanded.known) continue;
      const dest = resolveAgainst(workdirAt(file, node), expanded.value);
      if (!dest) continue;
      const intoDirectory = expanded.value.endsWith('/') || sources.length > 1;
      for (const source of sources) {
        const written = intoDirectory ? normalizePath(`${dest}/${basename(source.value)}`) : dest;
        if (targets.some((t) => t === written || (intoDirectory && isWithin(t, dest) && basename(t) === basename(source.value)))) report(source);
      }
    }
  },
});
