/**
 * Data safety for `--fix`: writes are atomic (temp file + rename), so a process killed at any
 * moment leaves every file either as it was or fully fixed, never truncated or half-written.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/cli/write.js';
import { project } from '../cli/run.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'dist/src/cli/bin.js');
const ARGS = ['--no-config', '--preset', 'all', '--rule', 'shellcheck=off', '--fix', '--fix-unsafe', '--format', 'concise', '.'];
const FILES = 80;

function original(i: number): string {
  // Fixable findings (keyword case, apt-get, WORKDIR path) and enough text to make writes take a moment.
  return `from ubuntu:22.04\nmaintainer someone\nrun apt update && apt install -y curl${' && echo padding'.repeat(200 + i)}\nworkdir app\ncmd ["sh", "-c", "echo ${i}"]\n`;
}

function fill(dir: string): void {
  for (let i = 0; i < FILES; i++) {
    fs.mkdirSync(path.join(dir, `p${i}`), { recursive: true });
    fs.writeFileSync(path.join(dir, `p${i}`, 'Dockerfile'), original(i));
  }
}

describe('--fix killed with SIGKILL', () => {
  it('never leaves a file truncated or half-written', async () => {
    const reference = project({});
    fill(reference);
    spawnSync(process.execPath, [BIN, ...ARGS], { cwd: reference, env: { PATH: process.env['PATH'] } });
    const fixed = Array.from({ length: FILES }, (_, i) => fs.readFileSync(path.join(reference, `p${i}`, 'Dockerfile'), 'utf8'));
    expect(fixed.filter((text, i) => text !== original(i)).length).toBe(FILES);

    let killedMidRun = 0;
    for (let round = 0; round < 10; round++) {
      const dir = project({});
      fill(dir);
      const child = spawn(process.execPath, [BIN, ...ARGS], { cwd: dir, env: { PATH: process.env['PATH'] }, stdio: 'ignore' });
      // Kill once the first file (p0, first in walk order) has been rewritten, plus a growing delay.
      const first = path.join(dir, 'p0', 'Dockerfile');
      const exited = await new Promise<boolean>((resolve) => {
        let done = false;
        child.on('exit', () => {
          done = true;
          resolve(true);
        });
        const poll = (): void => {
          if (done) return;
          if (fs.readFileSync(first, 'utf8') !== original(0)) {
            setTimeout(() => {
              if (!done) child.kill('SIGKILL');
              resolve(false);
            }, round * 3);
          } else setTimeout(poll, 1);
        };
        poll();
      });
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.on('exit', resolve)));
      let changed = 0;
      for (let i = 0; i < FILES; i++) {
        const text = fs.readFileSync(path.join(dir, `p${i}`, 'Dockerfile'), 'utf8');
        expect([original(i), fixed[i]], `round ${round}, file p${i}`).toContain(text);
        if (text === fixed[i]) changed++;
      }
      if (!exited && changed > 0 && changed < FILES) killedMidRun++;
    }
    // At least one kill landed in the middle of the writes (some files fixed, some not).
    expect(killedMidRun).toBeGreaterThan(0);
  }, 120_000);
});

describe('writeFileAtomic', () => {
  it('keeps the mode and the owner, and does not write unchanged content', () => {
    const dir = project({ Dockerfile: 'FROM alpine\n' });
    const file = path.join(dir, 'Dockerfile');
    fs.chmodSync(file, 0o640);
    if (process.getuid?.() === 0) fs.chownSync(file, 1234, 2345);
    const before = fs.statSync(file);
    writeFileAtomic(file, 'FROM alpine\n');
    expect(fs.statSync(file).ino).toBe(before.ino); // unchanged content: not rewritten
    writeFileAtomic(file, 'FROM alpine:3.19\n');
    const after = fs.statSync(file);
    expect(fs.readFileSync(file, 'utf8')).toBe('FROM alpine:3.19\n');
    expect(after.mode & 0o7777).toBe(0o640);
    if (process.getuid?.() === 0) expect([after.uid, after.gid]).toEqual([1234, 2345]);
    expect(fs.readdirSync(dir)).toEqual(['Dockerfile']); // no temporary file left
  });
});
