import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliOverrides } from '../../src/config/resolve.js';
import { createLintSetup } from '../../src/cli/lint-file.js';
import { ShellCheckPipeline, shellCheckProcesses, type PipelineOptions } from '../../src/cli/shellcheck-pipeline.js';
import { lintText } from '../../src/engine/lint.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import { BUILTIN_RULES } from '../../rules/index.js';
import { cli, project, type CliRun } from './run.js';

// The CLI's sequential path runs ShellCheck in batches of files, in processes alongside the lint
// (src/cli/shellcheck-pipeline.ts). LAYERLINT_SHELLCHECK_PROCESSES=0 is the synchronous path (one
// process per file, as before): every test compares the two, or counts what the processes saw.

const hasShellCheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' }).status === 0;
const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/files');
const hasCorpus = fs.existsSync(corpus);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-sc-pipeline-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const SYNC = { LAYERLINT_SHELLCHECK_PROCESSES: '0' };
const PIPELINE = { LAYERLINT_SHELLCHECK_PROCESSES: '2' };

/** An executable shell script in the scratch directory. */
function script(name: string, body: string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}`, { mode: 0o755 });
  return file;
}

/** The lines a logging wrapper wrote. */
function logLines(log: string): string[] {
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter((line) => line !== '') : [];
}

/**
 * A shellcheck that logs each call as `<scripts> <options> | <marker of each script> | <first script name>`
 * and runs the real one.
 */
function loggingShellCheck(name: string, extra = ''): { bin: string; log: string } {
  const log = path.join(scratch, `${name}.log`);
  const bin = script(
    name,
    `opts=""; marks=""; first=""; n=0
for a in "$@"; do case "$a" in *.sh) n=$((n+1)); [ -z "$first" ] && first="$a"; marks="$marks $(grep -o 'MARK_[A-Z]*' "$a" | head -1)";; *) opts="$opts $a";; esac; done
echo "$n$opts |$marks | $first" >> ${JSON.stringify(log)}
${extra}exec shellcheck "$@"
`,
  );
  return { bin, log };
}

const VARIANTS = ['RUN echo $MARK_X && cd /tmp', 'RUN for f in $(ls /srv); do echo "$f" $MARK_X; done', 'RUN [ -f /x ] && echo `date` $MARK_X\nRUN echo ok $MARK_X'];

/** Dockerfiles under `dirs` (each with an optional .layerlint.yaml), `count` per directory, marked with the directory's name. */
function configuredProject(dirs: Record<string, string | undefined>, count: number): string {
  const files: Record<string, string> = {};
  for (const [dir, config] of Object.entries(dirs)) {
    if (config !== undefined) files[`${dir}/.layerlint.yaml`] = config;
    for (let i = 0; i < count; i++) {
      const run = (VARIANTS[i % VARIANTS.length] as string).replaceAll('MARK_X', `MARK_${dir.toUpperCase()}`);
      files[`${dir}/f${i}/Dockerfile`] = `FROM alpine:3.20\n${run}\n`;
    }
  }
  return project(files);
}

/** `layerlint --preset all --format json .` in `dir` on the synchronous path, then through the pipeline; `log` is emptied in between. */
async function bothPaths(dir: string, log?: string): Promise<{ sync: CliRun; pipelined: CliRun }> {
  const argv = ['--preset', 'all', '--format', 'json', '.'];
  const sync = await cli(argv, { cwd: dir, env: SYNC });
  if (log) fs.rmSync(log, { force: true });
  const pipelined = await cli(argv, { cwd: dir, env: PIPELINE });
  expect(pipelined.stdout).toBe(sync.stdout);
  expect(pipelined.stderr).toBe(sync.stderr);
  expect(pipelined.code).toBe(sync.code);
  return { sync, pipelined };
}

/** A project of `count` files in `a/` whose config runs `bin` as shellcheck. */
const withProgram = (bin: string, count: number): string => configuredProject({ a: `rules:\n  shellcheck: [warning, { path: ${JSON.stringify(bin)} }]\n` }, count);

describe.skipIf(!hasShellCheck)('the ShellCheck pipeline in the CLI', () => {
  it.skipIf(!hasCorpus)('gives byte-for-byte the output of the synchronous path on 60 corpus files (json, stylish, sarif), in discovery order, with fewer processes', async () => {
    const names = fs.readdirSync(corpus).sort();
    const sample = names.filter((_, i) => i % Math.floor(names.length / 60) === 0).slice(0, 60);
    const { bin, log } = loggingShellCheck('count-shellcheck');
    const config = path.join(scratch, 'corpus.yaml');
    fs.writeFileSync(config, `rules:\n  shellcheck: [warning, { path: ${JSON.stringify(bin)} }]\n`);
    for (const format of ['json', 'stylish', 'sarif']) {
      const argv = ['--config', config, '--preset', 'all', '--format', format, ...sample];
      const sync = await cli(argv, { cwd: corpus, env: SYNC });
      const syncCalls = logLines(log).length;
      fs.rmSync(log, { force: true });
      const pipelined = await cli(argv, { cwd: corpus, env: PIPELINE });
      const batchCalls = logLines(log);
      fs.rmSync(log, { force: true });
      expect(pipelined.stdout).toBe(sync.stdout);
      expect(pipelined.stderr).toBe(sync.stderr);
      expect(pipelined.code).toBe(sync.code);
      if (format === 'json') {
        expect(sync.stdout).toMatch(/"SC2086"/);
        expect((JSON.parse(sync.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual(sample);
      }
      // One process per file with scripts before; batches of several files now, every script once.
      expect(syncCalls).toBeGreaterThan(30);
      expect(batchCalls.length).toBeLessThan(syncCalls / 2);
      expect(batchCalls.reduce((sum, line) => sum + Number(line.split(' ')[0]), 0)).toBeGreaterThan(syncCalls);
    }
  }, 120_000);

  it('batches only consecutive files with identical ShellCheck options; files whose config turns the rule off are not checked', async () => {
    const { bin, log } = loggingShellCheck('config-shellcheck');
    const rule = (options: string) => `rules:\n  shellcheck: [warning, { path: ${JSON.stringify(bin)}${options} }]\n`;
    const dir = configuredProject({ a: rule(''), b: rule(', minSeverity: error'), c: 'rules:\n  shellcheck: "off"\n', d: rule(''), e: rule(', strictVariables: true') }, 4);
    const { pipelined } = await bothPaths(dir, log);
    expect(pipelined.stdout).toContain('SC2046');
    const calls = logLines(log);
    // Every process holds the scripts of one directory's files only, with that directory's options.
    const byDir = new Map<string, string[]>();
    for (const line of calls) {
      const [options, marks] = line.split(' | ') as [string, string];
      const dirs = new Set(marks.trim().split(' ').map((mark) => mark.replace('MARK_', '').toLowerCase()));
      expect(dirs.size).toBe(1);
      const only = [...dirs][0] as string;
      expect(options.includes('--severity=error')).toBe(only === 'b');
      byDir.set(only, [...(byDir.get(only) ?? []), line]);
    }
    expect([...byDir.keys()].sort()).toEqual(['a', 'b', 'd', 'e']);
    // a and d share options but are not consecutive (c is between them): separate processes, 5 scripts each.
    for (const d of ['a', 'b', 'd', 'e']) expect((byDir.get(d) ?? []).reduce((sum, line) => sum + Number(line.split(' ')[0]), 0)).toBe(5);
  }, 60_000);

  it('a missing binary: the same single notice as the synchronous path, no findings', async () => {
    const missing = path.join(scratch, 'no-such-shellcheck');
    const { pipelined } = await bothPaths(withProgram(missing, 6));
    const notices = pipelined.stderr.split('\n').filter((line) => line.includes('shellcheck'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^layerlint: shellcheck rule skipped: .* was not found; install ShellCheck/);
    expect(pipelined.stdout).not.toContain('SC2086');
  });

  it('a batch that fails is run again file by file: every finding is kept', async () => {
    // Fails (no json1, an error on stderr) whenever it is given scripts of more than one build file.
    const { bin, log } = loggingShellCheck('batch-failing-shellcheck', 'case "$*" in *2-run1.sh*) echo "boom" >&2; exit 3;; esac\n');
    const { pipelined } = await bothPaths(withProgram(bin, 6), log);
    expect(pipelined.stdout).toContain('SC2086');
    expect(pipelined.stderr).toBe('');
    const calls = logLines(log);
    expect(calls.some((line) => Number(line.split(' ')[0]) > 2)).toBe(true); // a batch was tried
  });

  it('a program that always fails: each file gets the notice a per-file run gives (printed once)', async () => {
    const bin = script('failing-shellcheck', 'echo "broken install" >&2\nexit 7\n');
    const { pipelined } = await bothPaths(withProgram(bin, 4));
    expect(pipelined.stderr).toMatch(/^layerlint: shellcheck rule skipped: ".*failing-shellcheck" failed \(exit 7: broken install\)\n$/);
  });

  it('--fix, --cache and standard input keep the synchronous path (one process per file)', async () => {
    const { bin, log } = loggingShellCheck('sync-shellcheck');
    const dir = withProgram(bin, 3);
    // runShellCheck names a file's scripts run1.sh, run2.sh...; a batch names them <file>-run<n>.sh.
    // (`--cache` also asks the program for its `--version`, once per run: not a lint.)
    const perFile = () => logLines(log).filter((line) => !line.startsWith('0 --version')).map((line) => line.split(' | ')[2]);
    await cli(['--preset', 'all', '--format', 'json', '.'], { cwd: dir, env: PIPELINE });
    expect(perFile()).toContain('1-run1.sh');
    fs.rmSync(log, { force: true });
    await cli(['--preset', 'all', '--format', 'json', '--cache', '--cache-location', path.join(dir, '.cache'), '.'], { cwd: dir, env: PIPELINE });
    expect(perFile()).toEqual(['run1.sh', 'run1.sh', 'run1.sh']);
    expect(logLines(log).filter((line) => line.startsWith('0 --version'))).toHaveLength(1);
    fs.rmSync(log, { force: true });
    await cli(['--preset', 'all', '--format', 'json', '--fix-dry-run', '--fix-unsafe', '.'], { cwd: dir, env: PIPELINE });
    expect(perFile().length).toBeGreaterThanOrEqual(3);
    expect(new Set(perFile())).toEqual(new Set(['run1.sh']));
    fs.rmSync(log, { force: true });
    await cli(['--preset', 'all', '--format', 'json', '--stdin-filename', 'a/stdin/Dockerfile', '-', 'a/f0/Dockerfile', 'a/f1/Dockerfile'], { cwd: dir, env: PIPELINE, stdin: 'FROM alpine:3.20\nRUN echo $MARK_A\n' });
    expect(perFile()).toEqual(['run1.sh', 'run1.sh', 'run1.sh']);
  });

  it('LAYERLINT_SHELLCHECK_PROCESSES sets the processes; 0 turns the pipeline off; default one per CPU', () => {
    expect(shellCheckProcesses({ LAYERLINT_SHELLCHECK_PROCESSES: '0' })).toBe(0);
    expect(shellCheckProcesses({ LAYERLINT_SHELLCHECK_PROCESSES: '3' })).toBe(3);
    expect(shellCheckProcesses({ LAYERLINT_SHELLCHECK_PROCESSES: 'x' })).toBe(os.availableParallelism());
    expect(shellCheckProcesses({})).toBe(os.availableParallelism());
  });
});

/** The pipeline on `count` files of `dir` with the given shellcheck program; each file's lint as main.ts does it. */
async function runPipeline(dir: string, bin: string, options: Omit<PipelineOptions, 'reportUnusedIgnores'>) {
  const overrides: CliOverrides = { noConfig: true, presets: ['all'], rules: { shellcheck: ['warning', { path: bin }] } };
  const setup = createLintSetup(dir, overrides, new RuleRegistry(BUILTIN_RULES));
  const files = fs
    .readdirSync(dir)
    .sort()
    .map((name) => ({ display: name, absolute: path.join(dir, name, 'Dockerfile') }));
  const pipeline = new ShellCheckPipeline(files, setup, dir, { reportUnusedIgnores: false, ...options });
  const held: number[] = [];
  const findings: string[][] = [];
  try {
    for (let i = 0; i < files.length; i++) {
      const ahead = await pipeline.take(i);
      held.push(pipeline.held);
      const lint = ahead.lint;
      if (!lint || !ahead.bytes) throw new Error('not prepared');
      findings.push(lintText(ahead.bytes.toString('utf8'), lint.options).findings.map((f) => `${f.ruleId} ${f.codes.join(',')} ${f.range.start.line}:${f.range.start.character}`));
    }
  } finally {
    pipeline.close();
  }
  return { files, held, findings, setup };
}

/** `count` build files with two RUN scripts each, in directories f00, f01, ... */
function twoScriptFiles(count: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`f${String(i).padStart(2, '0')}/Dockerfile`] = `FROM alpine:3.20\nRUN echo $A${i}\nRUN echo \`date\`\n`;
  return project(files);
}

describe('the ShellCheck pipeline (class)', () => {
  it('runs batches in overlapping processes, never more than asked, and holds a bounded window of files', async () => {
    // A slow fake shellcheck: logs its start and end, reports nothing.
    const log = path.join(scratch, 'overlap.log');
    const bin = script('slow-shellcheck', `echo start >> ${JSON.stringify(log)}\nsleep 0.3\necho end >> ${JSON.stringify(log)}\necho '{"comments":[]}'\n`);
    const dir = twoScriptFiles(12);
    const spawned: number[] = [];
    const { held } = await runPipeline(dir, bin, { processes: 2, maxScripts: 4, maxAhead: 5, onSpawn: (names) => spawned.push(names.length) });
    const events = logLines(log);
    let running = 0;
    let most = 0;
    for (const event of events) {
      running += event === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(events.filter((e) => e === 'start')).toHaveLength(spawned.length);
    expect(most).toBe(2);
    expect(spawned.reduce((a, b) => a + b, 0)).toBe(24);
    expect(Math.max(...spawned)).toBeLessThanOrEqual(4);
    expect(Math.max(...held)).toBeLessThanOrEqual(5);
  });

  it.skipIf(!hasShellCheck)('a batch that times out is run again file by file, with the same findings as the synchronous path', async () => {
    const log = path.join(scratch, 'timeout.log');
    // Hangs whenever it gets more than one build file's scripts; alone it is the real shellcheck.
    const bin = script('hanging-shellcheck', `n=0; for a in "$@"; do case "$a" in *.sh) n=$((n+1));; esac; done\necho "$n" >> ${JSON.stringify(log)}\ncase "$*" in *2-run1.sh*) exec sleep 30;; esac\nexec shellcheck "$@"\n`);
    const dir = twoScriptFiles(4);
    const { findings, files, setup } = await runPipeline(dir, bin, { processes: 2, timeout: 300 });
    const calls = logLines(log).map(Number);
    expect(calls.some((n) => n > 2)).toBe(true); // the batch, killed
    expect(calls.filter((n) => n === 2).length).toBeGreaterThanOrEqual(files.length - 1); // then file by file
    for (const [i, file] of files.entries()) {
      const config = await setup.loader.forFile(file.absolute);
      const sync = lintText(fs.readFileSync(file.absolute, 'utf8'), { config, registry: await setup.registryFor(config) });
      expect(findings[i]).toEqual(sync.findings.map((f) => `${f.ruleId} ${f.codes.join(',')} ${f.range.start.line}:${f.range.start.character}`));
      expect(findings[i]?.some((finding) => finding.startsWith('shellcheck SC2046 2:'))).toBe(true);
    }
  }, 30_000);

  it('hands out files in order only', async () => {
    const dir = twoScriptFiles(2);
    const setup = createLintSetup(dir, { noConfig: true }, new RuleRegistry(BUILTIN_RULES));
    const pipeline = new ShellCheckPipeline([{ display: 'a', absolute: path.join(dir, 'f00', 'Dockerfile') }], setup, dir, { reportUnusedIgnores: false });
    await expect(pipeline.take(1)).rejects.toThrow(/in order/);
    pipeline.close();
  });
});
