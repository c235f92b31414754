/**
 * Hostile and odd inputs through the CLI: each gives a clear diagnostic or a one-line message,
 * a defined exit code, and never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, project, spawnCli } from '../cli/run.js';
import { lintText } from '../../src/engine/lint.js';
import { defaultOptions } from '../fuzz/properties.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'dist/src/cli/bin.js');
const ARGS = ['--no-config', '--preset', 'all', '--rule', 'shellcheck=off', '--format', 'json'];

interface JsonResult {
  filePath: string;
  diagnostics: { ruleId: string; message: string; line: number; column: number }[];
}

async function lintFile(name: string, content: string | Buffer): Promise<{ code: number; stderr: string; results: JsonResult[] }> {
  const dir = project({});
  fs.writeFileSync(path.join(dir, name), content);
  const run = await cli([...ARGS, name], { cwd: dir });
  return { code: run.code, stderr: run.stderr, results: JSON.parse(run.stdout) as JsonResult[] };
}

const noStack = (text: string): void => {
  expect(text).not.toMatch(/\n\s+at /);
  expect(text).not.toMatch(/internal error/);
};

describe('odd file contents', () => {
  it('an empty file gives no parse error and no stderr (exit 0 or 1)', async () => {
    const run = await lintFile('Dockerfile', '');
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).toBe('');
    expect(run.results[0]?.diagnostics.filter((d) => d.ruleId === 'parse-error')).toEqual([]);
  });

  it('a file of only comments has no parse error', async () => {
    const run = await lintFile('Dockerfile', '# just a comment\n# another\n\n   # indented\n');
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).toBe('');
    expect(run.results[0]?.diagnostics.some((d) => d.ruleId === 'parse-error')).toBe(false);
  });

  it('a 10 MB file is one parse-error at once (over the 256 KiB limit), not a hang', async () => {
    const block = 'FROM alpine:3.19 AS base\nRUN apk add --no-cache curl && echo "hello world" > /tmp/x\nENV A=b C=d\nCOPY . /app\n';
    const text = block.repeat(Math.ceil((10 * 1024 * 1024) / block.length));
    const started = Date.now();
    const run = await lintFile('Dockerfile', text);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(1);
    noStack(run.stderr);
    expect(run.results[0]?.diagnostics).toEqual([expect.objectContaining({ ruleId: 'parse-error', message: 'Cannot parse file: the file is larger than 256 KiB, the most layerlint lints', line: 1 })]);
  }, 60_000);

  it('a file just under the limit (250 KB, one stage, 2,500 RUNs) lints in bounded time', async () => {
    const text = `FROM alpine:3.19\n${'RUN apk add --no-cache curl && echo "hello world" > /tmp/x\n'.repeat(4_200)}`;
    expect(text.length).toBeLessThan(256 * 1024);
    const started = Date.now();
    const run = await lintFile('Dockerfile', text);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(run.code).toBe(1);
    noStack(run.stderr);
  }, 120_000);

  it('a 200,000-character line is a parse error naming the line (Docker rejects lines over 64 KiB)', async () => {
    const run = await lintFile('Dockerfile', `FROM alpine:3.19\nRUN echo ${'x'.repeat(200_000)}\n`);
    expect(run.code).toBe(1);
    const [parse] = run.results[0]?.diagnostics ?? [];
    expect(parse?.ruleId).toBe('parse-error');
    expect(parse?.message).toBe('Cannot parse file: line 2 is longer than 65535 bytes, the most Docker accepts');
    noStack(run.stderr);
  });

  it('10,000 continuation lines lint in bounded time', async () => {
    const text = `FROM alpine:3.19\nRUN echo start \\\n${'    && echo line \\\n'.repeat(10_000)}    && echo end\n`;
    const started = Date.now();
    const run = await lintFile('Dockerfile', text);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect([0, 1]).toContain(run.code);
    noStack(run.stderr);
  }, 60_000);

  it('binary data and NUL bytes are a parse error (exit 1)', async () => {
    const run = await lintFile('Dockerfile', Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0x00, 0x01, 0x02, 0x0a]));
    expect(run.code).toBe(1);
    expect(run.results[0]?.diagnostics).toEqual([expect.objectContaining({ ruleId: 'parse-error', message: 'Cannot parse file: it contains NUL bytes (binary data)', line: 1, column: 6 })]);
    noStack(run.stderr);
  });

  it('invalid UTF-8 is a parse error at the first bad byte', async () => {
    const run = await lintFile('Dockerfile', Buffer.concat([Buffer.from('FROM alpine:3.19\nRUN echo '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]));
    expect(run.code).toBe(1);
    expect(run.results[0]?.diagnostics).toEqual([expect.objectContaining({ ruleId: 'parse-error', message: 'Cannot parse file: it is not valid UTF-8', line: 2, column: 10 })]);
  });

  it('UTF-16 with a BOM is decoded and linted', async () => {
    const text = 'FROM ubuntu:latest\nRUN echo hi\n';
    const run = await lintFile('Dockerfile', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(run.code).toBe(1);
    expect(run.results[0]?.diagnostics.some((d) => d.ruleId === 'no-latest-tag' && d.line === 1)).toBe(true);
    expect(run.results[0]?.diagnostics.some((d) => d.ruleId === 'parse-error')).toBe(false);
  });

  it('CRLF and CR-only line endings give the same findings on the same lines as LF', async () => {
    const lines = ['FROM ubuntu:latest', 'RUN apt-get update', 'RUN apt-get install -y curl', 'USER root'];
    const lf = await lintFile('Dockerfile', `${lines.join('\n')}\n`);
    const crlf = await lintFile('Dockerfile', `${lines.join('\r\n')}\r\n`);
    const cr = await lintFile('Dockerfile', `${lines.join('\r')}\r`);
    const view = (r: typeof lf) => r.results[0]?.diagnostics.map((d) => `${d.ruleId}@${d.line}:${d.column}`).sort();
    expect(view(lf)?.length).toBeGreaterThan(0);
    expect(view(crlf)).toEqual(view(lf));
    expect(view(cr)).toEqual(view(lf));
  });

  it('glob and variable patterns from the file itself stay fast (no regex blow-up)', () => {
    const value = 'a'.repeat(20_000);
    const text = `FROM alpine:3.19\nARG V=${value}\nRUN echo \${V%%*a*a*a*a*a*a*a*b} \${V##*a*a*a*a*b} \${V/a*a*a*a*b/x}\n`;
    const started = performance.now();
    const output = lintText(text, defaultOptions);
    expect(output.ruleFailures).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
  }, 60_000);
});

describe('odd paths and discovery', () => {
  beforeAll(() => {
    if (!fs.existsSync(BIN)) spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT });
  });

  it('a directory named Dockerfile given explicitly is searched, not read', async () => {
    const dir = project({ 'Dockerfile/Dockerfile': 'FROM alpine:3.19\n' });
    const run = await cli([...ARGS, 'Dockerfile'], { cwd: dir });
    expect([0, 1]).toContain(run.code);
    expect((JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath)).toEqual(['Dockerfile/Dockerfile']);
  });

  it('a directory named Dockerfile found by discovery is not linted as a file', async () => {
    const dir = project({ 'sub/Dockerfile/.keep': '', 'Containerfile': 'FROM alpine:3.19\n' });
    const run = await cli([...ARGS, '.'], { cwd: dir });
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath)).toEqual(['Containerfile']);
  });

  it('symlink loops during discovery end (each directory once) without an error', async () => {
    const dir = project({ 'a/Dockerfile': 'FROM alpine:3.19\n' });
    fs.symlinkSync('..', path.join(dir, 'a', 'loop'));
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'a', 'self'));
    const run = await cli([...ARGS, '.'], { cwd: dir });
    expect([0, 1]).toContain(run.code);
    expect((JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath)).toEqual(['a/Dockerfile']);
  });

  it('a dangling symlink named Dockerfile is skipped by discovery; named explicitly it is an io-error (exit 2)', async () => {
    const dir = project({ 'ok/Dockerfile': 'FROM alpine:3.19\n' });
    fs.symlinkSync(path.join(dir, 'missing'), path.join(dir, 'Dockerfile'));
    const walk = await cli([...ARGS, '.'], { cwd: dir });
    expect([0, 1]).toContain(walk.code);
    expect((JSON.parse(walk.stdout) as JsonResult[]).map((r) => r.filePath)).toEqual(['ok/Dockerfile']);
    const explicit = await cli([...ARGS, 'Dockerfile'], { cwd: dir });
    expect(explicit.code).toBe(2);
    expect(explicit.stderr).toBe('layerlint: cannot read Dockerfile: no such file\n');
  });

  it('a symlink loop named explicitly is a one-line read error (exit 2)', async () => {
    const dir = project({});
    fs.symlinkSync('Dockerfile', path.join(dir, 'Dockerfile'));
    const run = await cli([...ARGS, 'Dockerfile'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('layerlint: cannot read Dockerfile: too many levels of symbolic links\n');
  });

  it('an unreadable directory during discovery is a warning, the rest is linted', async () => {
    const dir = project({ 'ok/Dockerfile': 'FROM alpine:3.19\n' });
    // As root, chmod 000 does not stop reads: a FIFO named like a directory entry cannot be opened as one either,
    // so use a symlink to a file where a directory is expected plus a FIFO named Dockerfile.
    spawnSync('mkfifo', [path.join(dir, 'ok', 'Dockerfile.pipe')]);
    const run = spawnCli([...ARGS, '.'], { cwd: dir });
    expect([0, 1]).toContain(run.code);
    noStack(run.stderr);
    expect((JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath)).toEqual(['ok/Dockerfile']);
  });

  it('a FIFO named explicitly is a one-line error, not a hang (exit 2)', () => {
    const dir = project({});
    spawnSync('mkfifo', [path.join(dir, 'Dockerfile')]);
    const started = Date.now();
    const run = spawnCli([...ARGS, 'Dockerfile'], { cwd: dir });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('layerlint: cannot read Dockerfile: it is not a regular file\n');
  });

  it('a path that does not exist (or vanished before it was read) is an io-error, exit 2', async () => {
    const dir = project({ 'Dockerfile': 'FROM alpine:3.19\n' });
    const run = await cli([...ARGS, 'Dockerfile', 'gone/Dockerfile'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('layerlint: cannot read gone/Dockerfile: no such file\n');
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.map((r) => r.filePath)).toEqual(['Dockerfile', 'gone/Dockerfile']);
    expect(results[1]?.diagnostics).toEqual([expect.objectContaining({ ruleId: 'io-error', message: 'Cannot read file: no such file' })]);
  });

  it('a file that vanishes mid-run (after discovery) is an io-error, the others are linted', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`d${String(i).padStart(3, '0')}/Dockerfile`] = 'FROM alpine:3.19\nRUN echo hi\n';
    const dir = project(files);
    // Discovery lists d199 first of all (sorted walk), then it disappears while earlier files are linted.
    const child = spawnSync(process.execPath, ['-e', `
      const { runCli } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/cli/main.js'))});
      const fs = await import('node:fs');
      let n = 0;
      const code = await runCli({ argv: ${JSON.stringify([...ARGS, '.'])}, cwd: ${JSON.stringify(dir)}, env: {},
        stdout: { write: (t) => { process.stdout.write(t); } },
        stderr: { write: (t) => process.stderr.write(t) },
        readStdin: async () => Buffer.alloc(0) });
      process.exitCode = code;
    `.replace('let n = 0;', `setImmediate(() => fs.rmSync(${JSON.stringify(path.join(dir, 'd199'))}, { recursive: true, force: true }));`)], { encoding: 'utf8', input: '' , env: { PATH: process.env['PATH'] } });
    noStack(child.stderr);
    const results = JSON.parse(child.stdout) as JsonResult[];
    if (results.length === 200 && child.status === 2) {
      // Listed by discovery, gone when read: an io-error element and a one-line message.
      expect(child.stderr).toBe('layerlint: cannot read d199/Dockerfile: no such file\n');
      expect(results.at(-1)?.diagnostics[0]?.ruleId).toBe('io-error');
    } else {
      // Removed before discovery reached it, or read before it was removed.
      expect([199, 200]).toContain(results.length);
      expect([0, 1]).toContain(child.status);
    }
  });
});

describe('standard input', () => {
  it('stdin closed at once (no bytes) lints as an empty file', () => {
    const run = spawnCli([...ARGS, '-'], { input: '' });
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as JsonResult[])[0]?.filePath).toBe('<stdin>');
  });

  it('stdin closed (ignored fd) does not hang', () => {
    const result = spawnSync(process.execPath, [BIN, ...ARGS, '-'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 20_000, env: { PATH: process.env['PATH'] } });
    expect(result.signal).toBeNull();
    expect([0, 1]).toContain(result.status);
    noStack(result.stderr);
  });

  it('stdin cut off mid-instruction lints what arrived', () => {
    const run = spawnCli([...ARGS, '-'], { input: 'FROM ubuntu:latest\nRUN apt-get inst' });
    expect(run.code).toBe(1);
    noStack(run.stderr);
    expect((JSON.parse(run.stdout) as JsonResult[])[0]?.diagnostics.some((d) => d.ruleId === 'no-latest-tag')).toBe(true);
  });
});
