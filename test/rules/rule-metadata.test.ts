import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../../rules/index.js';
import { generatedDocs } from '../../scripts/generate-docs.js';
import { lint } from '../helpers.js';

const ENGINE_REPORTED = new Set(['parse-error', 'io-error', 'unused-suppression']);
/** Rules that can only fire with data an example cannot carry (the build context's ignore file, a label schema). */
const NEEDS_CONTEXT = new Set(['io-error', 'copy-ignored-file', 'no-copy-entire-context']);
const root = path.resolve(import.meta.dirname, '../..');

describe('the rule registry', () => {
  it('lists every file in rules/ exactly once, sorted by id', () => {
    const files = fs
      .readdirSync(path.join(root, 'rules'))
      .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
      .map((name) => name.replace(/\.ts$/, ''))
      .sort();
    const ids = BUILTIN_RULES.map((rule) => rule.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(files);
  });
});

describe.each(BUILTIN_RULES.map((rule) => [rule.meta.id, rule] as const))('rule %s', (id, rule) => {
  const meta = rule.meta;

  it('has consistent metadata', () => {
    expect(meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(meta.description.length).toBeGreaterThan(10);
    expect(meta.description).not.toMatch(/\.$/);
    expect(meta.rationale.length).toBeGreaterThan(40);
    expect(meta.presets.length).toBeGreaterThan(0);
    expect(new Set(meta.codes).size).toBe(meta.codes.length);
    if (meta.fixable) expect(meta.fixDescription, 'fixable rules describe their fix').toBeTruthy();
    for (const reference of meta.alsoKnownAs ?? []) expect(reference).toMatch(/^(kics|semgrep|cis|dockerfile-utils|dockerfilelint|dockerfile_lint):\S+$/);
  });

  it('has an options schema that accepts its defaults and rejects unknown options', () => {
    const options = meta.options;
    if (!options) return;
    const validate = new Ajv({ strict: false }).compile(options.schema);
    expect(validate(options.defaults)).toBe(true);
    expect(validate({ ...options.defaults, notAnOption: true })).toBe(false);
    expect(Object.keys(options.docs).sort()).toEqual(Object.keys(options.defaults).sort());
  });

  it('has must-trigger and must-not-trigger examples', () => {
    if (!NEEDS_CONTEXT.has(id)) expect(meta.examples.invalid.length).toBeGreaterThan(0);
    expect(meta.examples.valid.length).toBeGreaterThan(0);
  });

  it.each(meta.examples.invalid.map((text, i) => [i, text]))('invalid example %i is reported', (_i, text) => {
    const findings = lint(text, { presets: ['all'], rules: { [id]: meta.examples.options ? [meta.severity, meta.examples.options] : meta.severity }, settings: meta.examples.settings ?? {}, reportUnusedIgnores: ENGINE_REPORTED.has(id) });
    expect(findings.filter((f) => f.ruleId === id).length).toBeGreaterThan(0);
  });

  it.each(meta.examples.valid.map((text, i) => [i, text]))('valid example %i is not reported', (_i, text) => {
    const findings = lint(text, { presets: ['all'], rules: { [id]: meta.examples.options ? [meta.severity, meta.examples.options] : meta.severity }, settings: meta.examples.settings ?? {}, reportUnusedIgnores: ENGINE_REPORTED.has(id) });
    expect(findings.filter((f) => f.ruleId === id)).toEqual([]);
  });

  it('reports only its own codes', () => {
    for (const text of meta.examples.invalid) {
      for (const finding of lint(text, { settings: meta.examples.settings ?? {} }).filter((f) => f.ruleId === id)) {
        // The shellcheck rule carries each finding's own ShellCheck code (RULES.md §7 shellcheck).
        for (const code of finding.codes) {
          if (id === 'shellcheck') expect(code).toMatch(/^SC\d{4}$/);
          else expect(meta.codes).toContain(code);
        }
      }
    }
  });
});

describe('generated docs', () => {
  it('are committed and up to date (run `npm run docs`)', () => {
    for (const [relative, content] of generatedDocs()) {
      const file = path.join(root, relative);
      expect(fs.existsSync(file), `${relative} is missing`).toBe(true);
      expect(fs.readFileSync(file, 'utf8'), `${relative} is stale`).toBe(content);
    }
    const pages = fs.readdirSync(path.join(root, 'docs/rules')).filter((name) => name.endsWith('.md'));
    expect(pages.length).toBe([...generatedDocs().keys()].filter((key) => key.startsWith('docs/rules/')).length);
  });
});
