import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, project, spawnCli } from './run.js';

// eslint-disable-next-line no-control-regex -- matching terminal escape codes is the point
const ANSI = /\x1b\[[0-9;]*m/;
const stripAnsi = (text: string) => text.replace(new RegExp(ANSI.source, 'g'), '');
const BAD = 'FROM ubuntu\nRUN apt-get update\nRUN echo done\n';
// scratch never ages into an end-of-life finding, so this stays clean whatever the date.
const CLEAN = 'FROM scratch\nCOPY app /app\nUSER 65532\nENTRYPOINT ["/app"]\n';

describe('exit codes', () => {
  it('exits 0 for a clean file and 1 with findings', async () => {
    const dir = project({ 'clean/Dockerfile': CLEAN, 'bad/Dockerfile': BAD });
    expect((await cli(['clean'], { cwd: dir })).code).toBe(0);
    expect((await cli(['bad'], { cwd: dir })).code).toBe(1);
  });

  it('exits 2 with one line for an unknown flag', async () => {
    const run = await cli(['--definitely-not-a-flag']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('layerlint: Unknown option: --definitely-not-a-flag\n');
  });

  it('exits 2 with one line for a path that cannot be read, and still reports it', async () => {
    const dir = project({});
    const run = await cli(['--format', 'json', 'missing/Dockerfile'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('layerlint: cannot read missing/Dockerfile: no such file\n');
    expect(JSON.parse(run.stdout)).toEqual([
      { filePath: 'missing/Dockerfile', diagnostics: [{ ruleId: 'io-error', codes: [], severity: 'error', message: 'Cannot read file: no such file', line: 1, column: 1, endLine: 1, endColumn: 1 }] },
    ]);
  });

  it('exits 2 for an invalid config, naming the file and key', async () => {
    const dir = project({ '.layerlint.yaml': 'failureThreshold: high\n', Dockerfile: CLEAN });
    const run = await cli(['Dockerfile'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('.layerlint.yaml');
    expect(run.stderr).toContain('failureThreshold');
  });

  it('exits 2 for an unknown rule id or code in config', async () => {
    const dir = project({ '.layerlint.yaml': 'rules:\n  DL9999: off\n', Dockerfile: CLEAN });
    const run = await cli(['Dockerfile'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.layerlint\.yaml.*rules\.DL9999.*unknown rule or code/);
  });

  it('exits 2 for invalid rule options', async () => {
    const dir = project({ '.layerlint.yaml': 'rules:\n  no-latest-tag: [warning, { untagged: "yes" }]\n', Dockerfile: CLEAN });
    const run = await cli(['Dockerfile'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/rules\.no-latest-tag.*untagged.*boolean/);
  });

  it('respects --failure-threshold, --max-warnings and --no-fail', async () => {
    const dir = project({ Dockerfile: 'FROM scratch\nCOPY a /a\nCOPY b /b\nCOPY c /c/\nCOPY d /c/\nUSER 65532\n' });
    const severities = JSON.parse((await cli(['--format', 'json', 'Dockerfile'], { cwd: dir })).stdout)[0].diagnostics.map((d: { severity: string }) => d.severity);
    expect(severities).toEqual(['info']);
    expect((await cli(['Dockerfile'], { cwd: dir })).code).toBe(1);
    expect((await cli(['--failure-threshold', 'warning', 'Dockerfile'], { cwd: dir })).code).toBe(0);
    expect((await cli(['--no-fail', 'Dockerfile'], { cwd: dir })).code).toBe(0);
    expect((await cli(['--exit-zero', 'Dockerfile'], { cwd: dir })).code).toBe(0);
    const warn = project({ Dockerfile: 'FROM ubuntu\nUSER app\n' });
    const warnings = JSON.parse((await cli(['--format', 'json', 'Dockerfile'], { cwd: warn })).stdout)[0].diagnostics.filter((d: { severity: string }) => d.severity === 'warning').length;
    expect(warnings).toBeGreaterThan(0);
    expect((await cli(['--failure-threshold', 'none', '--max-warnings', String(warnings - 1), 'Dockerfile'], { cwd: warn })).code).toBe(1);
    expect((await cli(['--failure-threshold', 'none', '--max-warnings', String(warnings), 'Dockerfile'], { cwd: warn })).code).toBe(0);
    expect((await cli(['--failure-threshold', 'loud', 'Dockerfile'], { cwd: warn })).code).toBe(2);
  });
});

describe('discovery', () => {
  it('finds build files by name in directories, honouring .gitignore', async () => {
    const dir = project({
      '.gitignore': 'ignored/\n',
      'a/Dockerfile': CLEAN,
      'b/Dockerfile.prod': CLEAN,
      'c/api.dockerfile': CLEAN,
      'd/Containerfile': CLEAN,
      'e/web.containerfile': CLEAN,
      'f/Dockerfile.dockerignore': '*',
      'ignored/Dockerfile': BAD,
      'node_modules/x/Dockerfile': BAD,
      'README.md': '#',
    });
    fs.mkdirSync(path.join(dir, '.git'));
    const run = await cli(['--format', 'json'], { cwd: dir });
    expect(JSON.parse(run.stdout).map((r: { filePath: string }) => r.filePath)).toEqual([
      'a/Dockerfile',
      'b/Dockerfile.prod',
      'c/api.dockerfile',
      'd/Containerfile',
      'e/web.containerfile',
    ]);
    expect(run.code).toBe(0);
  });

  it('expands globs and lints explicit files whatever their name', async () => {
    const dir = project({ 'x/one.txt': BAD, 'x/two.txt': CLEAN });
    const run = await cli(['--format', 'json', 'x/*.txt'], { cwd: dir });
    expect(JSON.parse(run.stdout).map((r: { filePath: string }) => r.filePath)).toEqual(['x/one.txt', 'x/two.txt']);
  });

  it('reads standard input with - and names it with --stdin-filename', async () => {
    const run = await cli(['--format', 'json', '--stdin-filename', 'svc/Dockerfile', '-'], { stdin: BAD, cwd: project({}) });
    const [result] = JSON.parse(run.stdout);
    expect(result.filePath).toBe('svc/Dockerfile');
    expect(result.diagnostics.length).toBeGreaterThan(0);
    const unnamed = await cli(['--format', 'json', '-'], { stdin: CLEAN });
    expect(JSON.parse(unnamed.stdout)[0].filePath).toBe('<stdin>');
  });

  it('skips files matched by the config ignore list', async () => {
    const dir = project({ '.layerlint.yaml': 'ignore:\n  - vendor/**\n', 'vendor/Dockerfile': BAD, 'app/Dockerfile': CLEAN });
    const run = await cli(['--format', 'json', '.'], { cwd: dir });
    expect(JSON.parse(run.stdout).map((r: { filePath: string }) => r.filePath)).toEqual(['app/Dockerfile']);
  });
});

describe('configuration', () => {
  it('honours a .hadolint.yaml and # hadolint ignore pragmas unchanged', async () => {
    const dir = project({
      '.hadolint.yaml': 'ignored:\n  - DL3059\noverride:\n  error:\n    - DL3006\nfailure-threshold: error\n',
      Dockerfile: 'FROM ubuntu\nRUN echo a\nRUN echo b\n# hadolint ignore=DL3007\nFROM debian:latest\nUSER app\n',
    });
    const run = await cli(['--format', 'json', 'Dockerfile'], { cwd: dir });
    const diagnostics = JSON.parse(run.stdout)[0].diagnostics;
    expect(diagnostics.map((d: { ruleId: string; codes: string[]; severity: string }) => [d.ruleId, d.codes[0], d.severity])).toEqual([['no-latest-tag', 'DL3006', 'error']]);
    expect(run.code).toBe(1);
  });

  it('prefers a layerlint config over a .hadolint.yaml', async () => {
    const dir = project({ '.hadolint.yaml': 'ignored: [DL3006]\n', '.layerlint.yaml': 'rules:\n  DL3007: off\n', Dockerfile: 'FROM ubuntu\nUSER app\n' });
    const run = await cli(['--format', 'json', 'Dockerfile'], { cwd: dir });
    expect(JSON.parse(run.stdout)[0].diagnostics.map((d: { codes: string[] }) => d.codes[0])).toEqual(['DL3006']);
  });

  it('applies --rule, --ignore and --preset on top of the config', async () => {
    const dir = project({ Dockerfile: 'FROM ubuntu\nRUN echo a\nRUN echo b\n' });
    const ids = async (...argv: string[]) => JSON.parse((await cli(['--format', 'json', ...argv, 'Dockerfile'], { cwd: dir })).stdout)[0].diagnostics.map((d: { ruleId: string }) => d.ruleId);
    expect(await ids()).toEqual(['no-latest-tag', 'non-root-user', 'minimize-run-layers']);
    expect(await ids('--rule', 'non-root-user=off', '--ignore', 'DL3059')).toEqual(['no-latest-tag']);
    expect(await ids('--rule', 'DL3006:error')).toEqual(['no-latest-tag', 'non-root-user', 'minimize-run-layers']);
  });

  it('uses no config file with --no-config', async () => {
    const dir = project({ '.layerlint.yaml': 'rules:\n  DL3006: off\n', Dockerfile: 'FROM ubuntu\nUSER app\n' });
    expect((await cli(['Dockerfile'], { cwd: dir })).code).toBe(0);
    expect((await cli(['--no-config', 'Dockerfile'], { cwd: dir })).code).toBe(1);
  });

  it('prints the resolved config with --print-config', async () => {
    const dir = project({ '.layerlint.yaml': 'extends: all\nrules:\n  DL3006: error\n', Dockerfile: CLEAN });
    const run = await cli(['--print-config', 'Dockerfile'], { cwd: dir });
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.presets).toEqual(['all']);
    expect(JSON.stringify(printed)).toContain('dl3006');
  });

  it('writes a valid starter config with --init and refuses to overwrite it', async () => {
    const dir = project({ Dockerfile: CLEAN });
    expect((await cli(['--init'], { cwd: dir })).code).toBe(0);
    expect(fs.existsSync(path.join(dir, '.layerlint.yaml'))).toBe(true);
    expect((await cli(['Dockerfile'], { cwd: dir })).code).toBe(0);
    const again = await cli(['--init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });
});

describe('information flags', () => {
  it('lists rules', async () => {
    const run = await cli(['--list-rules']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^no-latest-tag\s+warning\s+reproducibility/m);
    const json = JSON.parse((await cli(['--list-rules', '--format', 'json'])).stdout);
    expect(json.find((r: { id: string }) => r.id === 'non-root-user').codes).toContain('DL3002');
  });

  it('explains a rule by id or by peer code, and rejects unknown ones', async () => {
    const byCode = await cli(['--explain', 'dl3059']);
    expect(byCode.stdout).toMatch(/^# minimize-run-layers/);
    expect((await cli(['--explain', 'nope'])).code).toBe(2);
  });

  it('prints help and the version', async () => {
    const help = spawnCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--failure-threshold');
    const version = spawnCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('output formats and colour', () => {
  it('defaults to concise when stdout is not a terminal or under pre-commit, stylish on a terminal', async () => {
    const dir = project({ Dockerfile: 'FROM ubuntu\nUSER app\n' });
    const piped = await cli(['Dockerfile'], { cwd: dir });
    expect(piped.stdout).toMatch(/^Dockerfile:1:6: warning no-latest-tag /);
    const tty = await cli(['Dockerfile'], { cwd: dir, tty: true });
    expect(stripAnsi(tty.stdout)).toContain('  --> Dockerfile:1:6');
    const preCommit = await cli(['Dockerfile'], { cwd: dir, tty: true, env: { PRE_COMMIT: '1' } });
    expect(stripAnsi(preCommit.stdout)).toMatch(/^Dockerfile:1:6: warning/);
  });

  it('colours only when asked or on a terminal without NO_COLOR', async () => {
    const dir = project({ Dockerfile: 'FROM ubuntu\nUSER app\n' });
    const ansi = ANSI;
    expect((await cli(['--format', 'stylish', 'Dockerfile'], { cwd: dir })).stdout).not.toMatch(ansi);
    expect((await cli(['--format', 'stylish', 'Dockerfile'], { cwd: dir, tty: true })).stdout).toMatch(ansi);
    expect((await cli(['--format', 'stylish', 'Dockerfile'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ansi);
    expect((await cli(['--format', 'stylish', '--color', 'Dockerfile'], { cwd: dir })).stdout).toMatch(ansi);
    expect((await cli(['--format', 'stylish', 'Dockerfile'], { cwd: dir, env: { FORCE_COLOR: '1' } })).stdout).toMatch(ansi);
    expect((await cli(['--format', 'json', '--color', 'Dockerfile'], { cwd: dir })).stdout).not.toMatch(ansi);
  });

  it('writes the report to --output-file', async () => {
    const dir = project({ Dockerfile: 'FROM ubuntu\nUSER app\n' });
    const run = await cli(['--format', 'json', '--output-file', 'out.json', 'Dockerfile'], { cwd: dir });
    expect(run.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8'))[0].diagnostics).toHaveLength(1);
  });

  it('rejects an unknown format', async () => {
    const run = await cli(['--format', 'xml', 'Dockerfile'], { cwd: project({ Dockerfile: CLEAN }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown format 'xml'");
  });
});

describe('fixes', () => {
  it('applies safe fixes with --fix and leaves files alone without it', async () => {
    const dir = project({ Dockerfile: 'FROM scratch\nRUN echo a\nRUN echo b\nUSER 65532\n' });
    const file = path.join(dir, 'Dockerfile');
    await cli(['Dockerfile'], { cwd: dir });
    expect(fs.readFileSync(file, 'utf8')).toBe('FROM scratch\nRUN echo a\nRUN echo b\nUSER 65532\n');
    const run = await cli(['--fix', '--fix-type', 'size', 'Dockerfile'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe('FROM scratch\nRUN echo a && \\\n    echo b\nUSER 65532\n');
  });

  it('prints a diff with --fix-dry-run without writing', async () => {
    const dir = project({ Dockerfile: 'FROM scratch\nRUN echo a\nRUN echo b\nUSER 65532\n' });
    const run = await cli(['--fix-dry-run', '--fix-type', 'size', 'Dockerfile'], { cwd: dir });
    expect(run.stdout).toContain('-RUN echo b\n');
    expect(run.stdout).toContain('+RUN echo a && \\\n+    echo b\n');
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toContain('RUN echo b');
  });

  it('writes fixed standard input to standard output', async () => {
    const run = await cli(['--fix', '--fix-type', 'size', '-'], { stdin: 'FROM scratch\nRUN echo a\nRUN echo b\nUSER 65532\n' });
    expect(run.stdout).toBe('FROM scratch\nRUN echo a && \\\n    echo b\nUSER 65532\n');
  });
});
