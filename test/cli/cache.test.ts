import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFilePath } from '../../src/cli/cache.js';
import { cli, project } from './run.js';

const LATEST = 'FROM ubuntu:latest\nUSER app\n';

interface CacheJson {
  layerlint: string;
  entries: Record<string, { content: string; config: string; findings: { ruleId: string; message: string }[] }>;
}

function readCache(file: string): CacheJson {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CacheJson;
}

/** Rewrites every cached finding's message, so a run that reuses the cache shows the marker. */
function tamper(file: string): void {
  const cache = readCache(file);
  for (const entry of Object.values(cache.entries)) for (const finding of entry.findings) finding.message = 'FROM THE CACHE';
  fs.writeFileSync(file, JSON.stringify(cache));
}

describe('--cache', () => {
  it('stores findings in .layerlintcache and reuses them for an unchanged file', async () => {
    const dir = project({ Dockerfile: LATEST });
    const first = await cli(['--cache', '--format', 'concise', 'Dockerfile'], { cwd: dir });
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('no-latest-tag');
    const file = path.join(dir, '.layerlintcache');
    const cache = readCache(file);
    expect(Object.keys(cache.entries)).toEqual([path.join(dir, 'Dockerfile')]);
    tamper(file);
    const second = await cli(['--cache', '--format', 'concise', 'Dockerfile'], { cwd: dir });
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('FROM THE CACHE');
  });

  it('lints a file again when its content changes', async () => {
    const dir = project({ Dockerfile: LATEST });
    await cli(['--cache', 'Dockerfile'], { cwd: dir });
    tamper(path.join(dir, '.layerlintcache'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM ubuntu:latest\nUSER app\n# changed\n');
    const run = await cli(['--cache', '--format', 'concise', 'Dockerfile'], { cwd: dir });
    expect(run.stdout).not.toContain('FROM THE CACHE');
    expect(run.stdout).toContain('no-latest-tag');
  });

  it('lints a file again when the configuration changes', async () => {
    const dir = project({ Dockerfile: LATEST });
    await cli(['--cache', 'Dockerfile'], { cwd: dir });
    tamper(path.join(dir, '.layerlintcache'));
    const run = await cli(['--cache', '--format', 'concise', '--rule', 'no-latest-tag=off', 'Dockerfile'], { cwd: dir });
    expect(run.stdout).not.toContain('FROM THE CACHE');
    expect(run.stdout).not.toContain('no-latest-tag');
  });

  it('lints a file again when the ShellCheck program reports another version', async () => {
    const dir = project({ Dockerfile: 'FROM alpine:3.20\nRUN echo $1\n' });
    const fake = path.join(dir, 'fake-shellcheck');
    const script = (version: string): string => `#!/bin/sh\nif [ "$1" = --version ]; then echo 'version: ${version}'; exit 0; fi\necho '{"comments":[]}'\n`;
    fs.writeFileSync(fake, script('0.9.0'), { mode: 0o755 });
    fs.writeFileSync(path.join(dir, '.layerlint.yaml'), `rules:\n  shellcheck: [warning, { path: '${fake}' }]\n`);
    const file = path.join(dir, '.layerlintcache');
    await cli(['--cache', 'Dockerfile'], { cwd: dir });
    tamper(file);
    const same = await cli(['--cache', '--format', 'concise', 'Dockerfile'], { cwd: dir });
    expect(same.stdout).toContain('FROM THE CACHE');
    fs.writeFileSync(fake, script('0.10.0'), { mode: 0o755 });
    const upgraded = await cli(['--cache', '--format', 'concise', 'Dockerfile'], { cwd: dir });
    expect(upgraded.stdout).not.toContain('FROM THE CACHE');
  });

  it('starts afresh when the cache was written by another layerlint version', async () => {
    const dir = project({ Dockerfile: LATEST });
    await cli(['--cache', 'Dockerfile'], { cwd: dir });
    const file = path.join(dir, '.layerlintcache');
    tamper(file);
    fs.writeFileSync(file, JSON.stringify({ ...readCache(file), layerlint: '0.0.0-other' }));
    const run = await cli(['--cache', '--format', 'concise', 'Dockerfile'], { cwd: dir });
    expect(run.stdout).not.toContain('FROM THE CACHE');
    expect(readCache(file).layerlint).not.toBe('0.0.0-other');
  });

  it('ignores a corrupt cache file', async () => {
    const dir = project({ Dockerfile: LATEST, '.layerlintcache': '{not json' });
    const run = await cli(['--cache', '--format', 'concise', 'Dockerfile'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('no-latest-tag');
    expect(readCache(path.join(dir, '.layerlintcache')).entries).toBeTypeOf('object');
  });

  it('writes no cache without --cache, and never caches --fix runs', async () => {
    const dir = project({ Dockerfile: LATEST });
    await cli(['Dockerfile'], { cwd: dir });
    await cli(['--cache', '--fix', 'Dockerfile'], { cwd: dir });
    expect(fs.existsSync(path.join(dir, '.layerlintcache'))).toBe(false);
  });

  it('--cache-location names the file, or a directory to hold .layerlintcache', async () => {
    const dir = project({ Dockerfile: LATEST, 'cache-dir/.keep': '' });
    await cli(['--cache', '--cache-location', 'my.cache', 'Dockerfile'], { cwd: dir });
    expect(fs.existsSync(path.join(dir, 'my.cache'))).toBe(true);
    await cli(['--cache', '--cache-location', 'cache-dir', 'Dockerfile'], { cwd: dir });
    expect(fs.existsSync(path.join(dir, 'cache-dir', '.layerlintcache'))).toBe(true);
    expect(cacheFilePath('new-dir/', dir)).toBe(path.join(dir, 'new-dir', '.layerlintcache'));
    expect(cacheFilePath(undefined, dir)).toBe(path.join(dir, '.layerlintcache'));
  });

  it('keeps the text for reporters that print it on a cache hit', async () => {
    const dir = project({ Dockerfile: LATEST });
    await cli(['--cache', 'Dockerfile'], { cwd: dir });
    const run = await cli(['--cache', '--format', 'stylish', 'Dockerfile'], { cwd: dir });
    expect(run.stdout).toContain('FROM ubuntu:latest');
  });
});
