import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/engine/types.js';
import { sarif, toSarif, FINGERPRINT_KEY, type SarifLog } from '../../src/reporters/sarif.js';
import { VERSION } from '../../src/version.js';
import { BUILTIN_RULES } from '../../rules/index.js';
import { cli, project } from '../cli/run.js';
import { CWD, OPTIONS, RESULTS, RULES, finding } from './fixtures.js';

const schema = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../shared/schemas/sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('uri', (value: string) => URL.canParse(value));
ajv.addFormat('uri-reference', (value: string) => !/\s/.test(value) && URL.canParse(value, 'file:///base/'));
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i);
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(ok ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message ?? ''}`)).toEqual([]);
}

const OPTS = { ...OPTIONS, rules: RULES };

describe('sarif reporter', () => {
  it('matches the golden output', async () => {
    const output = sarif(RESULTS, OPTS).split(JSON.stringify(VERSION)).join('"<version>"');
    await expect(output).toMatchFileSnapshot('golden/sarif.json');
  });

  it('validates against the SARIF 2.1.0 schema: clean, every severity, a parse error, fixes', () => {
    expectValid(toSarif([], OPTS));
    expectValid(toSarif([{ filePath: 'Dockerfile', source: 'FROM scratch\n', findings: [] }], OPTS));
    expectValid(toSarif(RESULTS, OPTS));
    const levels = toSarif(RESULTS, OPTS).runs[0]?.results.map((r) => `${r.properties.severity}:${r.level}`);
    expect(new Set(levels)).toEqual(new Set(['style:note', 'error:error', 'warning:warning', 'info:note']));
  });

  it('validates for real runs of the CLI with every built-in rule', async () => {
    const dir = project({
      'clean/Dockerfile': 'FROM scratch\nCOPY app /app\nUSER 1000\n',
      'bad/Dockerfile': 'FROM ubuntu\nRUN echo a\nRUN echo b\n',
      'binary/Dockerfile': '\u0000\u0001\u0002',
    });
    for (const target of ['clean', 'bad', 'binary', '.']) {
      const run = await cli(['--format', 'sarif', '--preset', 'all', target], { cwd: dir });
      const log = JSON.parse(run.stdout) as SarifLog;
      expectValid(log);
      const run0 = log.runs[0];
      expect(run0?.tool.driver.rules.map((r) => r.id)).toEqual(expect.arrayContaining(BUILTIN_RULES.map((r) => r.meta.id)));
      if (target === 'binary') expect(run0?.results.map((r) => r.ruleId)).toEqual(['parse-error']);
      if (target === 'bad') expect(run0?.results.some((r) => r.fixes !== undefined)).toBe(true);
    }
  });

  it('describes every rule: descriptions, help with the docs URI, level, tags, security-severity', () => {
    const rules = toSarif([], OPTS).runs[0]?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    const root = rules.find((r) => r.id === 'non-root-user');
    expect(root).toMatchObject({
      shortDescription: { text: 'The non-root-user description.' },
      fullDescription: { text: 'Why non-root-user matters.' },
      helpUri: 'https://github.com/layerlint/layerlint/blob/main/docs/rules/non-root-user.md',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'DL3002'], 'security-severity': '7.5' },
    });
    expect(root?.help.text).toContain('https://github.com/layerlint/layerlint/blob/main/docs/rules/non-root-user.md');
    // A security rule without an explicit score gets one from its severity; other rules get none.
    expect(rules.find((r) => r.id === 'no-secrets')?.properties['security-severity']).toBe('5.5');
    expect(rules.find((r) => r.id === 'no-latest-tag')?.properties).not.toHaveProperty('security-severity');
    expect(rules.find((r) => r.id === 'minimize-run-layers')?.defaultConfiguration.level).toBe('note');
    const custom = toSarif([], { ...OPTS, docsBaseUrl: 'https://example.com/rules/' }).runs[0]?.tool.driver.rules[0];
    expect(custom?.helpUri).toBe('https://example.com/rules/no-latest-tag.md');
  });

  it('uses repository-relative, percent-encoded URIs against %SRCROOT%, and 1-based exclusive-end regions', () => {
    const log = toSarif(RESULTS, OPTS);
    const run = log.runs[0];
    expect(run?.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/project/' } });
    const locations = run?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation);
    expect(locations).toContainEqual({ uri: 'services/api/Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(locations).toContainEqual({ uri: 'odd%20name/Dockerfile', uriBaseId: '%SRCROOT%' });
    const tag = run?.results.find((r) => r.ruleId === 'no-latest-tag');
    expect(tag?.locations[0]?.physicalLocation.region).toEqual({ startLine: 1, startColumn: 13, endLine: 1, endColumn: 19 });
    expect(tag?.ruleIndex).toBe(0);
    const outside = toSarif([{ filePath: '/elsewhere/Dockerfile', source: '', findings: [finding('x', [0, 0, 0, 1])] }], { ...OPTS, cwd: '/work/project' });
    expect(outside.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('../../elsewhere/Dockerfile');
  });

  it('turns fixes into SARIF fixes with replacements', () => {
    const merged = toSarif(RESULTS, OPTS).runs[0]?.results.find((r) => r.ruleId === 'minimize-run-layers');
    expect(merged?.fixes).toEqual([
      {
        description: { text: 'Merge the RUN instructions' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'services/api/Dockerfile', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 4, startColumn: 15, endLine: 5, endColumn: 4 }, insertedContent: { text: ' && \\\n   ' } }],
          },
        ],
      },
    ]);
  });

  it('keeps partial fingerprints when unrelated lines are added, and tells repeated findings apart', () => {
    const before: FileResult = {
      filePath: 'Dockerfile',
      source: 'FROM ubuntu\nFROM debian\nFROM ubuntu\n',
      findings: [finding('no-latest-tag', [0, 5, 0, 11]), finding('no-latest-tag', [1, 5, 1, 11]), finding('no-latest-tag', [2, 5, 2, 11])],
    };
    const after: FileResult = {
      filePath: 'Dockerfile',
      source: '# a comment\n\nFROM ubuntu\nFROM debian\nFROM ubuntu\n',
      findings: [finding('no-latest-tag', [2, 5, 2, 11]), finding('no-latest-tag', [3, 5, 3, 11]), finding('no-latest-tag', [4, 5, 4, 11])],
    };
    const prints = (result: FileResult) => toSarif([result], OPTS).runs[0]?.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    const first = prints(before) ?? [];
    expect(prints(after)).toEqual(first);
    expect(new Set(first).size).toBe(3);
    // A different rule or different codes on the same text is a different fingerprint.
    const coded = prints({ ...before, findings: [finding('no-latest-tag', [0, 5, 0, 11], { codes: ['DL3006'] })] });
    expect(coded?.[0]).not.toBe(first[0]);
  });

  it('describes rule ids the run does not know instead of dropping their results', () => {
    const log = toSarif([{ filePath: 'Dockerfile', source: 'FROM a\n', findings: [finding('plugin-rule', [0, 0, 0, 4], { codes: ['X1'] })] }], { ...OPTS, rules: [] });
    expectValid(log);
    expect(log.runs[0]?.tool.driver.rules.map((r) => r.id)).toEqual(['plugin-rule']);
    expect(log.runs[0]?.results[0]?.ruleIndex).toBe(0);
    expect(CWD).toBe('/work/project');
  });
});
