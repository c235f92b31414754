import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARALLEL_THRESHOLD, useWorkers } from '../../src/cli/parallel.js';
import { project, spawnCli, type CliRun } from './run.js';

// Runs the built CLI (`npm run build`): worker threads need the compiled worker entry.

const VARIANTS = [
  'FROM ubuntu:latest\nRUN apt-get update\n',
  'FROM alpine:3.20\nUSER 1000\n',
  'FROM debian:12\nRUN cd /tmp && curl http://example.com/x | sh\nUSER app\n',
  'FROM node\nADD . /app\nRUN npm install\n',
  'FROM python:3.12-slim\nRUN pip install flask\nCMD python app.py\n',
];

/** `count` Dockerfiles in numbered directories (discovery order is not the creation order). */
function manyFiles(count: number, extra: Record<string, string> = {}): string {
  const files: Record<string, string> = { ...extra };
  for (let i = 0; i < count; i++) files[`p${String(i).padStart(3, '0')}/Dockerfile`] = VARIANTS[i % VARIANTS.length] as string;
  return project(files);
}

function bothWays(argv: string[], cwd: string): { parallel: CliRun; sequential: CliRun } {
  return {
    parallel: spawnCli(argv, { cwd, env: { LAYERLINT_WORKERS: '2' } }),
    sequential: spawnCli(argv, { cwd, env: { LAYERLINT_WORKERS: '0' } }),
  };
}

describe('linting many files in worker threads', () => {
  it('uses workers only for large runs without --fix, stdin or --cache', () => {
    expect(useWorkers(PARALLEL_THRESHOLD - 1, { LAYERLINT_WORKERS: '4' }, { sequential: false })).toBe(0);
    expect(useWorkers(PARALLEL_THRESHOLD, { LAYERLINT_WORKERS: '4' }, { sequential: true })).toBe(0);
    expect(useWorkers(PARALLEL_THRESHOLD, { LAYERLINT_WORKERS: '0' }, { sequential: false })).toBe(0);
    expect(useWorkers(PARALLEL_THRESHOLD, { LAYERLINT_WORKERS: '1' }, { sequential: false })).toBe(0);
  });

  it('json, concise and stylish output and the exit code equal a sequential run, in discovery order', () => {
    const dir = manyFiles(230);
    for (const format of ['json', 'concise', 'stylish']) {
      const { parallel, sequential } = bothWays(['--format', format, '--preset', 'all', '.'], dir);
      expect(parallel.stdout).toBe(sequential.stdout);
      expect(parallel.stderr).toBe(sequential.stderr);
      expect(parallel.code).toBe(sequential.code);
      expect(parallel.code).toBe(1);
    }
    const report = JSON.parse(spawnCli(['--format', 'json', '.'], { cwd: dir, env: { LAYERLINT_WORKERS: '2' } }).stdout) as { filePath: string }[];
    expect(report.map((file) => file.filePath)).toEqual([...report.map((file) => file.filePath)].sort());
    expect(report).toHaveLength(230);
  }, 60_000);

  it('a report written to a file is the same too', () => {
    const dir = manyFiles(210);
    const parallel = spawnCli(['--format', 'sarif=par.sarif', '.'], { cwd: dir, env: { LAYERLINT_WORKERS: '2' } });
    const sequential = spawnCli(['--format', 'sarif=seq.sarif', '.'], { cwd: dir, env: { LAYERLINT_WORKERS: '0' } });
    expect(fs.readFileSync(path.join(dir, 'par.sarif'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'seq.sarif'), 'utf8'));
    expect(parallel.stderr).toBe(sequential.stderr);
    expect(parallel.code).toBe(sequential.code);
  }, 60_000);

  it('a config error stops the run with exit 2 and one message, as a sequential run does', () => {
    const dir = manyFiles(220, { 'p150/.layerlint.yaml': 'rules:\n  no-such-rule-at-all: error\n' });
    const { parallel, sequential } = bothWays(['--format', 'json', '.'], dir);
    expect(parallel.code).toBe(2);
    expect(sequential.code).toBe(2);
    expect(parallel.stderr).toBe(sequential.stderr);
    expect(parallel.stderr.trim().split('\n')).toHaveLength(1);
    expect(parallel.stdout).toBe(sequential.stdout);
  }, 60_000);

  it('an unreadable file is reported in its place and exits 2', () => {
    const dir = manyFiles(205);
    execFileSync('mkfifo', [path.join(dir, 'p100', 'Dockerfile.fifo')]);
    const argv = ['--format', 'json', '.', 'p100/Dockerfile.fifo'];
    const { parallel, sequential } = bothWays(argv, dir);
    expect(parallel.code).toBe(2);
    expect(parallel.code).toBe(sequential.code);
    expect(parallel.stdout).toBe(sequential.stdout);
    expect(parallel.stderr).toBe(sequential.stderr);
    expect(parallel.stderr).toContain('not a regular file');
  }, 60_000);
});
