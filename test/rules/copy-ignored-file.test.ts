import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IgnoreRulesReader, readIgnoreRules } from '../../src/cli/context-ignore.js';
import { lintRule, where } from '../helpers.js';

const withIgnore = (patterns: string[], file = '.dockerignore') => ({ settings: { context: '/ctx', ignoreRules: { file, patterns } } });

describe('copy-ignored-file', () => {
  it('reports a source the ignore file excludes', () => {
    const findings = lintRule('copy-ignored-file', 'FROM alpine:3.20\nCOPY node_modules/x.js app.js /app/\n', withIgnore(['node_modules']));
    expect(findings.map((f) => [where(f), f.codes, f.message])).toEqual([
      ['2:6-2:23', ['CopyIgnoredFile'], "'node_modules/x.js' is excluded by .dockerignore and will not be in the build context"],
    ]);
  });
  it('evaluates exceptions, globs, ./ prefixes and JSON form', () => {
    const rules = withIgnore(['*.md', '!README.md', 'docs/**']);
    expect(lintRule('copy-ignored-file', 'FROM alpine:3.20\nCOPY README.md ./CHANGES.md /app/\n', rules).map(where)).toEqual(['2:16-2:28']);
    expect(lintRule('copy-ignored-file', 'FROM alpine:3.20\nCOPY ["docs/a/b.txt", "/app/"]\n', rules).map(where)).toEqual(['2:7-2:21']);
    expect(lintRule('copy-ignored-file', 'FROM alpine:3.20\nCOPY docs/*.txt /app/\n', rules).map(where)).toEqual(['2:6-2:16']);
  });
  it('reports . only when everything is excluded without exceptions', () => {
    expect(lintRule('copy-ignored-file', 'FROM alpine:3.20\nCOPY . /app/\n', withIgnore(['*']))).toHaveLength(1);
    expect(lintRule('copy-ignored-file', 'FROM alpine:3.20\nCOPY . /app/\n', withIgnore(['*', '!src']))).toEqual([]);
    expect(lintRule('copy-ignored-file', 'FROM alpine:3.20\nCOPY . /app/\n', withIgnore(['.git']))).toEqual([]);
  });
  it('skips --from, URLs, heredocs and unknown contexts', () => {
    const rules = withIgnore(['*']);
    expect(lintRule('copy-ignored-file', 'FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b x /x\nADD https://example.com/a.tgz /a\nCOPY <<EOF /x\nhi\nEOF\n', rules)).toEqual([]);
    expect(lintRule('copy-ignored-file', 'FROM alpine:3.20\nCOPY x /x\n', { settings: { context: undefined, ignoreRules: { file: '.dockerignore', patterns: ['x'] } } })).toEqual([]);
  });
  it('names the Dockerfile-specific ignore file', () => {
    const [finding] = lintRule('copy-ignored-file', 'FROM alpine:3.20\nCOPY secret.txt /x\n', withIgnore(['secret.txt'], 'app.Dockerfile.dockerignore'));
    expect(finding?.message).toBe("'secret.txt' is excluded by app.Dockerfile.dockerignore and will not be in the build context");
  });
  it('is silenced by # check=skip=CopyIgnoredFile', () => {
    expect(lintRule('copy-ignored-file', '# check=skip=CopyIgnoredFile\nFROM alpine:3.20\nCOPY x /x\n', withIgnore(['x']))).toEqual([]);
  });
});

describe('readIgnoreRules', () => {
  it('prefers <Dockerfile>.dockerignore, then the context .dockerignore', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-ignore-'));
    try {
      const dockerfile = path.join(dir, 'app.Dockerfile');
      expect(readIgnoreRules(dockerfile, dir)).toBeUndefined();
      fs.writeFileSync(path.join(dir, '.dockerignore'), '# comment\nnode_modules\n\n');
      expect(readIgnoreRules(dockerfile, dir)).toEqual({ file: '.dockerignore', patterns: ['node_modules'] });
      fs.writeFileSync(`${dockerfile}.dockerignore`, 'dist\n');
      expect(readIgnoreRules(dockerfile, dir)).toEqual({ file: 'app.Dockerfile.dockerignore', patterns: ['dist'] });
      expect(readIgnoreRules(dockerfile, undefined)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it("reads a context root once per run, and each build file's own ignore file every time", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-ignore-'));
    try {
      const reader = new IgnoreRulesReader();
      const one = path.join(dir, 'one.Dockerfile');
      const two = path.join(dir, 'two.Dockerfile');
      fs.writeFileSync(path.join(dir, '.dockerignore'), 'node_modules\n');
      expect(reader.read(one, dir)).toEqual({ file: '.dockerignore', patterns: ['node_modules'] });
      fs.writeFileSync(path.join(dir, '.dockerignore'), 'changed\n');
      fs.writeFileSync(`${two}.dockerignore`, 'dist\n');
      expect(reader.read(two, dir)).toEqual({ file: 'two.Dockerfile.dockerignore', patterns: ['dist'] });
      expect(reader.read(one, dir)).toEqual({ file: '.dockerignore', patterns: ['node_modules'] });
      expect(new IgnoreRulesReader().read(one, dir)).toEqual({ file: '.dockerignore', patterns: ['changed'] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
