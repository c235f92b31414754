import fs from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import layerlint, { DOCKERFILE_GLOBS } from '../../src/eslint/index.js';
import { parseDockerfile } from '../../src/eslint/language.js';
import { runFixes } from '../../src/engine/fixer.js';
import { cli, project } from '../cli/run.js';
import { lint, registry } from '../helpers.js';

const TODAY = '2026-11-27';

const FILES: Record<string, string> = {
  Dockerfile: 'FROM ubuntu:latest\nRUN apt-get update\nRUN apt-get install -y curl\nCMD ["bash"]\n',
  'services/api/Containerfile': 'FROM node\nWORKDIR /app\nCOPY package.json /app/\nCOPY index.js /app/\nUSER root\nCMD ["node", "index.js"]\n',
  'build/Dockerfile.prod': 'FROM alpine:3.20 AS base\nRUN echo one\nRUN echo two\n\nFROM base\nUSER app\n',
  'tools/web.dockerfile': '# syntax=docker/dockerfile:1\nFROM python:latest\nRUN pip install flask\nUSER 1000\n',
  'clean/Dockerfile': 'FROM alpine:3.20\nRUN apk add --no-cache curl && mkdir /app\nUSER app\n',
  'binary/Dockerfile': 'FROM alpine:3.20\n\u0000\u0001\nUSER app\n',
};

function eslintFor(cwd: string, extra: Linter.Config[] = [], options: Partial<ESLint.Options> = {}): ESLint {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [layerlint.configs.recommended, { settings: { layerlint: { today: TODAY } } }, ...extra],
    ...options,
  });
}

interface Row {
  file: string;
  ruleId: string;
  position: string;
  message: string;
}

const row = (file: string, ruleId: string, line: number, column: number, endLine: number | undefined, endColumn: number | undefined, message: string): Row => ({
  file,
  ruleId,
  position: `${line}:${column}-${endLine ?? '?'}:${endColumn ?? '?'}`,
  message,
});

const byPlace = (a: Row, b: Row): number => (a.file + a.position + a.ruleId < b.file + b.position + b.ruleId ? -1 : 1);

async function eslintRows(cwd: string): Promise<Row[]> {
  const results = await eslintFor(cwd).lintFiles(['.']);
  return results
    .flatMap((result) =>
      result.messages.map((m) => {
        const file = path.relative(cwd, result.filePath).split(path.sep).join('/');
        if (m.fatal) return row(file, 'parse-error', m.line, m.column, m.line, m.column + 1, m.message.replace(/^Parsing error: /, ''));
        return row(file, (m.ruleId ?? '').replace(/^layerlint\//, ''), m.line, m.column, m.endLine, m.endColumn, m.message);
      }),
    )
    .sort(byPlace);
}

async function cliRows(cwd: string): Promise<Row[]> {
  const run = await cli(['--format', 'json', '--today', TODAY, '.'], { cwd });
  const json = JSON.parse(run.stdout) as { filePath: string; diagnostics: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[] }[];
  return json
    .flatMap((file) => file.diagnostics.map((d) => row(file.filePath.split(path.sep).join('/'), d.ruleId, d.line, d.column, d.endLine, d.endColumn, d.message)))
    .sort(byPlace);
}

describe('ESLint plugin: findings', () => {
  it('matches the layerlint CLI on the same files (rule ids, 1-based positions, messages)', async () => {
    const cwd = project(FILES);
    const [viaEslint, viaCli] = await Promise.all([eslintRows(cwd), cliRows(cwd)]);
    expect(viaCli.length).toBeGreaterThan(5);
    expect(viaEslint).toEqual(viaCli);
    // Every kind of file name the configs cover was linted.
    const files = new Set(viaEslint.map((r) => r.file));
    for (const file of ['Dockerfile', 'services/api/Containerfile', 'build/Dockerfile.prod', 'tools/web.dockerfile', 'binary/Dockerfile']) expect(files).toContain(file);
  });

  it('matches on a corpus sample', async () => {
    const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/files');
    if (!fs.existsSync(corpus)) return;
    const names = fs.readdirSync(corpus).sort().slice(0, 300);
    // ESLint does not apply layerlint/hadolint pragmas (docs/eslint.md), so the CLI ignores them here too.
    const files: Record<string, string> = { '.layerlint.yaml': 'disableInlinePragmas: true\n' };
    for (const [i, name] of names.entries()) files[`c${i}/Dockerfile`] = fs.readFileSync(path.join(corpus, name), 'utf8');
    const cwd = project(files);
    const [viaEslint, viaCli] = await Promise.all([eslintRows(cwd), cliRows(cwd)]);
    expect(viaCli.length).toBeGreaterThan(300);
    expect(viaEslint).toEqual(viaCli);
  });

  it('puts "configured" rules in all, not in recommended, and exports the plugin as layerlint/eslint', () => {
    for (const rule of registry.rules.filter((r) => r.meta.enabledWhenConfigured)) {
      expect(layerlint.configs.all.rules).toHaveProperty([`layerlint/${rule.meta.id}`]);
      expect(layerlint.configs.recommended.rules).not.toHaveProperty([`layerlint/${rule.meta.id}`]);
    }
    for (const rule of registry.rules.filter((r) => r.meta.presets.includes('opt-in'))) {
      expect(layerlint.configs.all.rules).not.toHaveProperty([`layerlint/${rule.meta.id}`]);
    }
    const manifest = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(manifest.exports['./eslint']).toEqual({ types: './dist/src/eslint/index.d.ts', default: './dist/src/eslint/index.js' });
    expect(layerlint.meta.name).toBe('layerlint');
  });

  it('maps severities: error → 2, warning/info/style → 1', () => {
    for (const [id, level] of Object.entries(layerlint.configs.recommended.rules ?? {})) {
      const rule = registry.get(id.replace('layerlint/', ''));
      expect(rule?.meta.presets).toContain('recommended');
      expect(level).toBe(rule?.meta.severity === 'error' ? 2 : 1);
    }
    expect(Object.keys(layerlint.configs.all.rules ?? {}).length).toBeGreaterThanOrEqual(Object.keys(layerlint.configs.recommended.rules ?? {}).length);
    expect(layerlint.configs.recommended.files).toEqual(DOCKERFILE_GLOBS);
    expect(layerlint.configs.recommended.language).toBe('layerlint/dockerfile');
  });

  it('exposes every rule with a check, with its options schema and fix metadata', () => {
    for (const rule of registry.rules) {
      const eslintRule = layerlint.rules[rule.meta.id];
      if (rule.meta.presets.includes('always')) {
        expect(eslintRule).toBeUndefined();
        continue;
      }
      expect(eslintRule?.meta.schema).toEqual(rule.meta.options ? [rule.meta.options.schema] : []);
      expect(eslintRule?.meta.fixable).toBe(rule.meta.fixable === 'safe' || rule.meta.fixable === 'safe/unsafe' ? 'code' : undefined);
      expect(eslintRule?.meta.hasSuggestions).toBe(rule.meta.fixable === undefined ? undefined : true);
    }
  });

  it('passes options (merged over the defaults) and validates them with the rule schema', async () => {
    const text = 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN echo "a" | tee /x && mkdir /app\nUSER app\n';
    const simple = await eslintFor(process.cwd()).lintText(text, { filePath: 'Dockerfile' });
    expect(simple[0]?.messages.map((m) => m.ruleId)).not.toContain('layerlint/minimize-run-layers');
    const all = await eslintFor(process.cwd(), [{ rules: { 'layerlint/minimize-run-layers': ['warn', { mode: 'all' }] } }]).lintText(text, { filePath: 'Dockerfile' });
    expect(all[0]?.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`)).toContain('layerlint/minimize-run-layers@3:1');
    await expect(
      eslintFor(process.cwd(), [{ rules: { 'layerlint/minimize-run-layers': ['warn', { mode: 'sometimes' }] } }]).lintText(text, { filePath: 'Dockerfile' }),
    ).rejects.toThrow(/minimize-run-layers/);
  });

  it('reads shared settings from settings.layerlint', async () => {
    // ARG resolution uses settings.layerlint.buildArgs.
    const text = 'ARG TAG=3.20\nFROM alpine:${TAG}\nUSER app\n';
    const plain = await eslintFor(process.cwd()).lintText(text, { filePath: 'Dockerfile' });
    expect(plain[0]?.messages.filter((m) => m.ruleId === 'layerlint/no-latest-tag')).toEqual([]);
    const latest = await eslintFor(process.cwd(), [{ settings: { layerlint: { today: TODAY, buildArgs: { TAG: 'latest' } } } }]).lintText(text, { filePath: 'Dockerfile' });
    const expected = lint(text, { presets: ['recommended'], settings: { buildArgs: { TAG: 'latest' } } }).filter((f) => f.ruleId === 'no-latest-tag');
    expect(expected.length).toBeGreaterThan(0);
    expect(latest[0]?.messages.filter((m) => m.ruleId === 'layerlint/no-latest-tag').map((m) => m.message)).toEqual(expected.map((f) => f.message));
  });

  it('reports the engine parse errors as ESLint parse errors, and parse never throws', async () => {
    const results = await eslintFor(process.cwd()).lintText('FROM alpine:3.20\nRUN echo \u0000\n', { filePath: 'Dockerfile' });
    expect(results[0]?.messages).toEqual([
      expect.objectContaining({ fatal: true, ruleId: null, line: 2, column: 10, message: 'Parsing error: Cannot parse file: it contains NUL bytes (binary data)' }),
    ]);
    const long = parseDockerfile(`FROM alpine\nRUN echo ${'x'.repeat(70_000)}\n`);
    expect(long).toMatchObject({ ok: false, errors: [{ line: 2, column: 1 }] });
    for (const text of ['', '\\', 'FROM', 'RUN <<EOF', '\r\r\n', '# escape=`\nFROM a `\n b', 'ONBUILD ONBUILD', '\uFEFFFROM a']) {
      expect(parseDockerfile(text).ok).toBe(true);
    }
  });

  it('builds a Document → Instruction/Comment tree that selectors can address', async () => {
    const text = '# syntax=docker/dockerfile:1\n# hello\nFROM alpine:3.20\nONBUILD RUN echo hi\nUSER app\n';
    const result = parseDockerfile(text);
    if (!result.ok) throw new Error('parse failed');
    expect(result.ast.children.map((c) => c.type)).toEqual(['ParserDirective', 'Comment', 'Instruction', 'Instruction', 'Instruction']);
    expect(result.ast.children[2]).toMatchObject({ keyword: 'FROM', loc: { start: { line: 3, column: 0 }, end: { line: 3, column: 16 } }, range: [37, 53] });
    expect(result.ast.children[3]).toMatchObject({ keyword: 'ONBUILD', trigger: { type: 'Instruction', keyword: 'RUN' } });
    // A user rule written with selectors sees the nodes.
    const seen: string[] = [];
    const local = {
      rules: {
        probe: {
          create: () => ({
            'Instruction[keyword="RUN"]': (node: { keyword: string }) => seen.push(node.keyword),
            Comment: (node: { value: string }) => seen.push(`#${node.value}`),
          }),
        },
      },
    };
    await eslintFor(process.cwd(), [{ files: ['**/Dockerfile'], plugins: { local }, rules: { 'local/probe': 'error' } }]).lintText(text, { filePath: 'Dockerfile' });
    expect(seen).toEqual(['#hello', 'RUN']);
  });
});

describe('ESLint plugin: fixes', () => {
  const text = 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN mkdir /app\nRUN echo done\nCOPY a.txt /app/\nCOPY b.txt /app/\nUSER app\n';

  it('--fix through ESLint produces the same output as layerlint\'s fixer', async () => {
    const [result] = await eslintFor(process.cwd(), [], { fix: true }).lintText(text, { filePath: 'Dockerfile' });
    const expected = runFixes(text, {
      unsafe: false,
      categoryOf: (id) => registry.get(id)?.meta.category,
      lint: (t) => lint(t, { presets: ['recommended'], settings: { today: TODAY } }),
    });
    expect(expected.applied).toBeGreaterThan(0);
    expect(result?.output).toBe(expected.text);
    expect(result?.messages.filter((m) => m.ruleId === 'layerlint/minimize-run-layers')).toEqual([]);
  });

  it('writes fixed files like the CLI --fix', async () => {
    const viaEslint = project({ Dockerfile: text });
    const viaCli = project({ Dockerfile: text });
    await ESLint.outputFixes(await eslintFor(viaEslint, [], { fix: true }).lintFiles(['.']));
    await cli(['--fix', '--today', TODAY, '.'], { cwd: viaCli });
    expect(fs.readFileSync(path.join(viaEslint, 'Dockerfile'), 'utf8')).toBe(fs.readFileSync(path.join(viaCli, 'Dockerfile'), 'utf8'));
  });

  it('offers unsafe fixes as suggestions, not autofixes', async () => {
    const unsafe = 'FROM alpine:3.20\nRUN echo hi\n';
    const [result] = await eslintFor(process.cwd(), [], { fix: true }).lintText(unsafe, { filePath: 'Dockerfile' });
    expect(result?.output).toBeUndefined();
    const message = result?.messages.find((m) => m.ruleId === 'layerlint/non-root-user');
    const finding = lint(unsafe, { presets: ['recommended'] }).find((f) => f.ruleId === 'non-root-user');
    expect(finding?.fix?.safe).toBe(false);
    expect(message?.fix).toBeUndefined();
    expect(message?.suggestions).toEqual([{ desc: finding?.fix?.description, fix: expect.objectContaining({ range: expect.any(Array) }) }]);
  });
});

describe('ESLint plugin: inline comments', () => {
  const base = 'FROM alpine:3.20\nRUN echo one\n';

  async function ruleIds(text: string): Promise<string[]> {
    const [result] = await eslintFor(process.cwd(), [], { fix: false }).lintText(text, { filePath: 'Dockerfile' });
    // Only the rule under test (other rules, e.g. end-of-life checks, may also report on these files).
    const shown = (result?.messages ?? []).filter((m) => m.ruleId === null || m.ruleId === 'layerlint/minimize-run-layers');
    return shown.map((m) => `${m.ruleId ?? 'null'}@${m.line}`);
  }

  it('the case without comments reports', async () => {
    expect(await ruleIds(`${base}RUN echo two\nUSER app\n`)).toEqual(['layerlint/minimize-run-layers@3']);
  });

  it('eslint-disable-next-line', async () => {
    expect(await ruleIds(`${base}# eslint-disable-next-line layerlint/minimize-run-layers -- split for caching\nRUN echo two\nUSER app\n`)).toEqual([]);
    // Another rule's name does not disable it.
    expect(await ruleIds(`${base}# eslint-disable-next-line layerlint/no-latest-tag\nRUN echo two\nUSER app\n`)).toEqual([
      'null@3',
      'layerlint/minimize-run-layers@4',
    ]);
  });

  it('eslint-disable / eslint-enable blocks', async () => {
    const text = `# eslint-disable layerlint/minimize-run-layers\n${base}RUN echo two\n# eslint-enable layerlint/minimize-run-layers\nRUN echo three\nUSER app\n`;
    expect(await ruleIds(text)).toEqual(['layerlint/minimize-run-layers@6']);
    const [all] = await eslintFor(process.cwd()).lintText(`# eslint-disable\nFROM ubuntu:latest\n${'RUN echo a\n'.repeat(2)}`, { filePath: 'Dockerfile' });
    expect(all?.messages).toEqual([]);
  });

  it('eslint-disable-line as a trailing shell comment of a RUN, and on a continuation comment line', async () => {
    expect(await ruleIds(`${base}RUN echo two # eslint-disable-line layerlint/minimize-run-layers\nUSER app\n`)).toEqual([]);
    // Inside quotes it is not a comment.
    expect(await ruleIds(`${base}RUN echo "two # eslint-disable-line layerlint/minimize-run-layers"\nUSER app\n`)).toEqual(['layerlint/minimize-run-layers@3']);
    const fromCmd = 'FROM alpine:3.20\nRUN echo one \\\n  # eslint-disable-line\n  && echo two\nUSER app\n';
    expect(await ruleIds(fromCmd)).toEqual(['null@3']); // unused: nothing is reported on that line
  });

  it('# eslint rule config comments', async () => {
    expect(await ruleIds(`# eslint layerlint/minimize-run-layers: off\n${base}RUN echo two\nUSER app\n`)).toEqual([]);
    expect(await ruleIds(`# eslint "layerlint/minimize-run-layers": ["error", {"mode": "all"}]\n${base}RUN echo two\nUSER app\n`)).toEqual(['layerlint/minimize-run-layers@4']);
    expect(await ruleIds(`# eslint layerlint/minimize-run-layers: [off\n${base}USER app\n`)).toEqual(['null@1']);
  });

  it('layerlint and hadolint pragmas are not applied by ESLint', async () => {
    expect(await ruleIds(`${base}# hadolint ignore=DL3059\nRUN echo two\nUSER app\n`)).toEqual(['layerlint/minimize-run-layers@4']);
    expect(lint(`${base}# hadolint ignore=DL3059\nRUN echo two\nUSER app\n`, { presets: ['recommended'] }).filter((f) => f.ruleId === 'minimize-run-layers')).toEqual([]);
  });
});
