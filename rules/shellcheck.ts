import { SHELLCHECK_DEFAULTS, SHELLCHECK_INSTALL_HINT } from '../src/engine/shellcheck.js';
import { defineRule, SEVERITY_RANK, type Severity } from '../src/engine/types.js';

interface Options {
  path: string;
  exclude: string[];
  minSeverity: Severity;
  shell: string | null;
  strictVariables: boolean;
}

export default defineRule<Options>({
  meta: {
    id: 'shellcheck',
    // Every ShellCheck code (SCnnnn) names this rule; each diagnostic carries its own code.
    codes: [],
    severity: 'warning',
    category: 'correctness',
    presets: ['all'],
    description: 'Shell-script findings from ShellCheck on RUN scripts, mapped to exact source positions',
    rationale:
      'RUN scripts are shell scripts, with the usual shell pitfalls: unquoted variables that split and glob, ' +
      'commands whose failure is ignored, bashisms under /bin/sh. ShellCheck finds them; layerlint runs it on ' +
      'every POSIX RUN script (shell form, heredoc scripts, exec-form `sh -c`, ONBUILD RUN) with the effective ' +
      'shell and the ARG/ENV names in scope declared, and reports each finding at its exact position with its ' +
      `SCnnnn code, so \`# hadolint ignore=SC2086\` works. The rule needs the shellcheck binary: ${SHELLCHECK_INSTALL_HINT}. ` +
      'Without it the rule reports nothing and layerlint prints one notice on stderr.',
    fixable: 'unsafe',
    fixDescription:
      "Applies ShellCheck's own suggested replacements (for example quoting a variable), where ShellCheck offers " +
      'them. Unsafe: a suggestion can change what the script does (a quoted variable no longer splits into words).',
    options: {
      schema: {
        type: 'object',
        properties: {
          path: { type: 'string', minLength: 1 },
          exclude: { type: 'array', items: { type: 'string', pattern: '^(?:[Ss][Cc])?\\d{4}$' } },
          minSeverity: { enum: ['error', 'warning', 'info', 'style'] },
          shell: { anyOf: [{ enum: ['sh', 'bash', 'dash', 'ksh'] }, { type: 'null' }] },
          strictVariables: { type: 'boolean' },
        },
        additionalProperties: false,
      },
      defaults: { path: SHELLCHECK_DEFAULTS.path, exclude: [...SHELLCHECK_DEFAULTS.exclude], minSeverity: 'style', shell: null, strictVariables: false },
      docs: {
        path: 'The ShellCheck program to run (a name looked up on PATH, or a path).',
        exclude: 'ShellCheck codes never reported. SC1090/SC1091 need source directives a Dockerfile cannot carry; SC2187 is ShellCheck saying it checks ash as dash.',
        minSeverity: 'The least severe ShellCheck level reported: `error`, `warning`, `info` or `style`.',
        shell: 'Check every script as this dialect (`sh`, `bash`, `dash`, `ksh`); `null` (default) uses each RUN\'s effective shell.',
        strictVariables: 'Declare ARG/ENV names without a placeholder value, so quoting warnings (SC2086) apply to them too.',
      },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nARG DIR=/app\nRUN for f in $(ls /tmp); do echo "$f"; done\n'],
      valid: ['FROM alpine:3.20\nARG DIR=/app\nRUN mkdir -p "$DIR" && echo "$DIR"\n'],
    },
  },
  check(context) {
    const results = context.shellcheck;
    if (!results?.available) return;
    const excluded = new Set(context.options.exclude.map((code) => `SC${code.trim().replace(/^SC/i, '')}`.toUpperCase()));
    const floor = SEVERITY_RANK[context.options.minSeverity] ?? 0;
    for (const finding of results.findings) {
      if (excluded.has(finding.code) || SEVERITY_RANK[finding.level] < floor) continue;
      context.report({
        message: finding.message,
        range: finding.range,
        codes: [finding.code],
        severity: finding.level,
        ...(finding.edits ? { fix: { edits: finding.edits, safe: false, description: `Apply ShellCheck's suggestion for ${finding.code}` } } : {}),
      });
    }
  },
});
