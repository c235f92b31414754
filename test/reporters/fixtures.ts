import { defineRule, type FileResult, type Finding, type RuleDefinition } from '../../src/engine/types.js';

/** Shared input for the machine-format reporter tests: synthetic, so rule changes never move the goldens. */
export const CWD = '/work/project';
export const OPTIONS = { color: false, cwd: CWD } as const;

export function finding(ruleId: string, [sl, sc, el, ec]: [number, number, number, number], extra: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    codes: [],
    severity: 'warning',
    message: `${ruleId} message`,
    range: { start: { line: sl, character: sc }, end: { line: el, character: ec } },
    fix: undefined,
    related: [],
    ...extra,
  };
}

function rule(id: string, meta: Partial<RuleDefinition['meta']>): RuleDefinition {
  return defineRule({
    meta: {
      id,
      codes: [],
      severity: 'warning',
      category: 'correctness',
      presets: ['recommended'],
      description: `The ${id} description`,
      rationale: `Why ${id} matters.`,
      fixable: undefined,
      examples: { invalid: [], valid: [] },
      ...meta,
    },
    check() {},
  }) as RuleDefinition;
}

export const RULES: RuleDefinition[] = [
  rule('no-latest-tag', { codes: ['DL3007', 'DS-0001'], category: 'reproducibility', fixable: 'safe', fixDescription: 'Pins the tag.' }),
  rule('non-root-user', { codes: ['DL3002'], category: 'security', severity: 'error', securitySeverity: 7.5 }),
  rule('no-secrets', { codes: ['DL3999'], category: 'security', severity: 'warning' }),
  rule('minimize-run-layers', { codes: ['DL3059'], category: 'size', severity: 'info', fixable: 'safe' }),
  rule('instruction-casing', { category: 'style', severity: 'style' }),
  rule('parse-error', { codes: ['DL1000'], severity: 'error', presets: ['always'] }),
];

export const SOURCE = 'from ubuntu:latest\nUSER root\nRUN echo "a<b>&\'c" \\\n  && echo done\nRUN echo b\n';

/** Findings of every severity, a fix, a multi-line range, XML/workflow-command special characters, a clean file and a parse error. */
export const RESULTS: FileResult[] = [
  {
    filePath: 'services/api/Dockerfile',
    source: SOURCE,
    findings: [
      finding('minimize-run-layers', [4, 0, 4, 3], {
        codes: ['DL3059'],
        severity: 'info',
        message: 'Merge this RUN into the RUN on line 3',
        fix: {
          edits: [{ range: { start: { line: 3, character: 14 }, end: { line: 4, character: 3 } }, text: ' && \\\n   ' }],
          safe: true,
          description: 'Merge the RUN instructions',
        },
      }),
      finding('no-latest-tag', [0, 12, 0, 18], {
        codes: ['DL3007', 'DS-0001'],
        message: "Image 'ubuntu:latest' uses the floating tag 'latest'",
        fix: { edits: [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 18 } }, text: '24.04' }], safe: false },
      }),
      finding('non-root-user', [1, 5, 1, 9], { codes: ['DL3002'], severity: 'error', message: 'The image runs as root (USER root)' }),
      finding('no-secrets', [2, 9, 3, 14], { codes: ['DL3999'], message: 'Odd text "a<b>&\'c", 100% sure:\nsecond line, third' }),
      finding('instruction-casing', [0, 0, 0, 4], { severity: 'style', message: "Write 'from' as 'FROM'" }),
    ],
  },
  { filePath: 'clean/Containerfile', source: 'FROM scratch\n', findings: [] },
  {
    filePath: '/work/project/odd name/Dockerfile',
    source: '\u0000\u0001',
    findings: [finding('parse-error', [0, 0, 0, 1], { codes: ['DL1000'], severity: 'error', message: 'Cannot parse file: it is binary (a NUL byte)' })],
  },
];
