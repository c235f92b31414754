import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/engine/types.js';
import { checkstyle } from '../../src/reporters/checkstyle.js';
import { junit } from '../../src/reporters/junit.js';
import { xmlAttribute, xmlText } from '../../src/reporters/xml.js';
import { OPTIONS, RESULTS, finding } from './fixtures.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['file', 'error', 'testcase', 'failure'].includes(name) });

function parseBack(xml: string): Record<string, unknown> {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Record<string, unknown>;
}

const HOSTILE: FileResult[] = [
  {
    filePath: 'a&b/<Dockerfile>',
    source: undefined,
    findings: [finding('weird', [0, 0, 0, 1], { message: 'quote " apos \' lt < gt > amp & ]]> ctrl \u0001\u001b nul \u0000 lone \ud800 tab\tnl\nend', codes: ['X&Y']})],
  },
];

describe('checkstyle reporter', () => {
  it('matches the golden output', async () => {
    await expect(checkstyle(RESULTS, OPTIONS)).toMatchFileSnapshot('golden/checkstyle.xml');
  });

  it('is well-formed and round-trips file names, positions, severities and messages', () => {
    const doc = parseBack(checkstyle(RESULTS, OPTIONS)) as { checkstyle: { file: Array<{ name: string; error?: Array<Record<string, string>> }> } };
    const files = doc.checkstyle.file;
    expect(files.map((f) => f.name)).toEqual(['services/api/Dockerfile', 'clean/Containerfile', 'odd name/Dockerfile']);
    expect(files[0]?.error?.map((e) => [e.line, e.column, e.severity, e.source])).toEqual([
      ['1', '1', 'info', 'layerlint.instruction-casing'],
      ['1', '13', 'warning', 'layerlint.no-latest-tag'],
      ['2', '6', 'error', 'layerlint.non-root-user'],
      ['3', '10', 'warning', 'layerlint.no-secrets'],
      ['5', '1', 'info', 'layerlint.minimize-run-layers'],
    ]);
    expect(files[1]?.error).toBeUndefined();
  });

  it('escapes special and invalid characters so hostile text cannot break the document', () => {
    const xml = checkstyle(HOSTILE, OPTIONS);
    const doc = parseBack(xml) as { checkstyle: { file: Array<{ name: string; error: Array<{ message: string }> }> } };
    expect(doc.checkstyle.file[0]?.name).toBe('a&b/<Dockerfile>');
    const message = doc.checkstyle.file[0]?.error[0]?.message ?? '';
    expect(message).toContain('quote " apos \' lt < gt > amp & ]]>');
    expect(message).toContain('ctrl \ufffd\ufffd nul \ufffd lone \ufffd');
    expect(xml).toContain('tab&#9;nl&#10;end [X&amp;Y]');
  });
});

describe('junit reporter', () => {
  it('matches the golden output', async () => {
    await expect(junit(RESULTS, OPTIONS)).toMatchFileSnapshot('golden/junit.xml');
  });

  it('has one test case per file and one failure per finding', () => {
    const doc = parseBack(junit(RESULTS, OPTIONS)) as { testsuites: { tests: string; failures: string; testsuite: { testcase: Array<{ name: string; failure?: Array<{ message: string; type: string; '#text': string }> }> } } };
    expect(doc.testsuites.tests).toBe('3');
    expect(doc.testsuites.failures).toBe('2');
    const cases = doc.testsuites.testsuite.testcase;
    expect(cases.map((c) => [c.name, c.failure?.length ?? 0])).toEqual([
      ['services/api/Dockerfile', 5],
      ['clean/Containerfile', 0],
      ['odd name/Dockerfile', 1],
    ]);
    expect(cases[0]?.failure?.[2]).toMatchObject({ message: 'The image runs as root (USER root) [DL3002]', type: 'error:non-root-user' });
    expect(cases[0]?.failure?.[2]?.['#text']).toBe('services/api/Dockerfile:2:6: error non-root-user: The image runs as root (USER root) [DL3002]');
  });

  it('has exactly one passing test case when clean (and when nothing was linted)', () => {
    for (const results of [[{ filePath: 'a/Dockerfile', source: 'FROM a\n', findings: [] }, { filePath: 'b/Dockerfile', source: 'FROM b\n', findings: [] }], []]) {
      const xml = junit(results, OPTIONS);
      const doc = parseBack(xml) as { testsuites: { tests: string; failures: string; testsuite: { testcase: Array<{ name: string; failure?: unknown }> } } };
      expect(doc.testsuites.tests).toBe('1');
      expect(doc.testsuites.failures).toBe('0');
      expect(doc.testsuites.testsuite.testcase).toHaveLength(1);
      expect(doc.testsuites.testsuite.testcase[0]?.failure).toBeUndefined();
    }
    expect(junit([], OPTIONS)).toContain('<testcase name="No problems found in 0 files" classname="layerlint"/>');
  });

  it('escapes hostile text', () => {
    const xml = junit(HOSTILE, OPTIONS);
    parseBack(xml);
    // eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});

describe('xml escaping', () => {
  it('escapes markup and replaces characters XML cannot carry', () => {
    expect(xmlText('a<b>&c"d\'')).toBe('a&lt;b&gt;&amp;c"d\'');
    expect(xmlAttribute('a<b>&c"d\'\t\n\r')).toBe('a&lt;b&gt;&amp;c&quot;d&apos;&#9;&#10;&#13;');
    expect(xmlText('\u0000\u0008\u000b\ufffe\uffff\ud800x\udc00')).toBe('\ufffd'.repeat(6) + 'x' + '\ufffd');
    expect(xmlText('\ud83d\ude00 é')).toBe('\ud83d\ude00 é');
  });
});
