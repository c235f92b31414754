import { defineRule } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import { findSecretValues, isLiteralSecretValue, isSecretName, maskSecret, type SecretMatch, type ValueScanOptions } from '../src/model/secrets.js';
import { classifyArgs } from '../src/shell/options.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { ShellWord, SimpleCommand } from '../src/shell/types.js';

interface Options {
  extraPatterns: { name: string; regex: string }[];
  allowValues: string[];
}

const LOGIN_TOOLS = new Set(['docker', 'podman', 'helm', 'oras', 'buildah', 'skopeo', 'nerdctl']);
const SQL_CLIENTS = new Set(['mysql', 'mysqladmin', 'mysqldump', 'mariadb', 'mariadb-admin', 'mariadb-dump']);
/** Instructions whose properties are checked, in the order their findings are collected. */
const PROPERTY_KEYWORDS = ['ARG', 'ENV', 'LABEL'] as const;

export default defineRule<Options>({
  meta: {
    id: 'no-hardcoded-secrets',
    codes: [],
    severity: 'error',
    category: 'security',
    presets: ['recommended'],
    description: 'A secret value (private key, cloud or API token, password in a URL or assignment) is written in the build file',
    rationale:
      'A credential written in a Dockerfile is in the repository history, in every build log, and usually in the ' +
      'image layers or history too. Removing it from the file is not enough: it has to be rotated. Pass secrets ' +
      'with a secret mount at build time or through the environment at run time.',
    fixable: undefined,
    alsoKnownAs: ['kics:f996f3cb', 'cis:4.10'],
    options: {
      schema: {
        type: 'object',
        properties: {
          extraPatterns: {
            type: 'array',
            items: {
              type: 'object',
              properties: { name: { type: 'string', minLength: 1 }, regex: { type: 'string', minLength: 1, format: 'regex' } },
              required: ['name', 'regex'],
              additionalProperties: false,
            },
          },
          allowValues: { type: 'array', items: { type: 'string', format: 'regex' } },
        },
        additionalProperties: false,
      },
      defaults: { extraPatterns: [], allowValues: [] },
      docs: {
        extraPatterns: 'More value patterns, as `{name, regex}` (the name is shown as the kind of secret).',
        allowValues: 'Regular expressions for known-safe values, such as test fixtures.',
      },
    },
    examples: {
      invalid: [
        'FROM alpine:3.20\nENV GITHUB_TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ012345\n',
        'FROM alpine:3.20\nRUN git clone https://deploy:s3cr3tP4ss@git.example.com/app.git /app\n',
      ],
      valid: [
        'FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n',
        'FROM alpine:3.20\nRUN --mount=type=secret,id=db,env=DB_PASSWORD ./migrate\n',
      ],
    },
    securitySeverity: 9.0,
  },
  check(context) {
    const { file, options } = context;
    const scan: ValueScanOptions = {
      extraPatterns: options.extraPatterns,
      allowValues: options.allowValues.map((source) => new RegExp(source)),
    };
    const found: SecretMatch[] = findSecretValues(file.text, scan);
    const literal = (name: string, value: string | undefined, start: number, end: number): void => {
      if (value === undefined || !isSecretName(name) || !isLiteralSecretValue(value, scan)) return;
      found.push({ kind: `value for '${name}'`, value, start, end });
    };
    for (const keyword of PROPERTY_KEYWORDS) {
      for (const node of file.find(keyword)) {
        for (const property of node.properties) {
          const token = property.valueToken;
          if (token) literal(property.name, property.value, token.startOffset, token.endOffset);
        }
      }
    }
    for (const node of file.find('RUN')) {
      for (const command of analyzeRun(file, node).commands) {
        for (const assignment of command.assignments) assignmentWord(assignment.name, assignment.value);
        const name = command.program ?? '';
        if (name === 'export' || name === 'declare' || name === 'typeset' || name === 'readonly' || name === 'local') {
          for (const arg of command.args) {
            const eq = arg.value.indexOf('=');
            if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(arg.value.slice(0, eq))) assignmentPart(arg, eq);
          }
        }
        for (const option of loginPasswords(command, name)) literalOption(option.word, option.value);
      }
    }
    report(file, found);

    function assignmentWord(name: string, value: ShellWord | undefined): void {
      if (!value || value.hasVariables) return;
      literal(name, value.value, value.startOffset, value.endOffset);
    }
    function assignmentPart(word: ShellWord, eq: number): void {
      if (word.hasVariables) return;
      const value = word.value.slice(eq + 1);
      const contiguous = word.raw === word.value && word.endOffset - word.startOffset === word.raw.length;
      const start = contiguous ? word.startOffset + eq + 1 : word.startOffset;
      literal(word.value.slice(0, eq), value, start, word.endOffset);
    }
    function literalOption(word: ShellWord, value: string): void {
      if (word.hasVariables || !isLiteralSecretValue(value, scan)) return;
      const contiguous = word.raw === word.value && word.endOffset - word.startOffset === word.raw.length && word.value.endsWith(value);
      const start = contiguous ? word.endOffset - value.length : word.startOffset;
      found.push({ kind: 'password option', value, start, end: word.endOffset });
    }

    function report(buildFile: BuildFile, matches: SecretMatch[]): void {
      const taken: SecretMatch[] = [];
      for (const match of matches) {
        if (taken.some((t) => t.start < match.end && match.start < t.end)) continue;
        taken.push(match);
        const range = buildFile.lines.range(match.start, match.end);
        context.report({
          message: `Hard-coded ${match.kind} (${maskSecret(match.value)}); remove it and rotate the credential`,
          range,
          codes: [],
          redact: [range],
        });
      }
    }
  },
});

/** `-p`/`--password`/`--token` values of registry logins and SQL clients; `name` is the command's basename. */
function loginPasswords(command: SimpleCommand, name: string): { word: ShellWord; value: string }[] {
  const out: { word: ShellWord; value: string }[] = [];
  if (LOGIN_TOOLS.has(name) || name === 'login') {
    const classified = classifyArgs(command.args, { withValue: ['-p', '--password', '-u', '--username', '--token', '--authfile', '--cert-dir'] });
    const isLogin = classified.operands.some((o, i) => o.value === 'login' && i <= 1);
    if (!isLogin) return out;
    for (const option of classified.options) {
      if ((option.name === '-p' || option.name === '--password' || option.name === '--token') && option.value !== undefined) {
        out.push({ word: option.valueWord ?? option.word, value: option.value });
      }
    }
    return out;
  }
  if (SQL_CLIENTS.has(name)) {
    for (const word of command.args) {
      const inline = /^(?:-p|--password=)(.+)$/.exec(word.value);
      if (inline?.[1] !== undefined) out.push({ word, value: inline[1] });
    }
  }
  return out;
}
