import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../dist/src/cli/bin.js');

/** Runs the built CLI and closes its standard output after the first chunk, as `| head -c 1` does. */
function runAndCloseEarly(argv: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('standard output closed by the reader', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-epipe-'));
  for (let i = 0; i < 400; i++) fs.writeFileSync(path.join(dir, `${i}.Dockerfile`), 'FROM ubuntu\nRUN apt-get update\nRUN apt-get install curl\nMAINTAINER someone\n');

  for (const format of ['json', 'stylish']) {
    it(`stops quietly with exit code 2 (${format})`, async () => {
      const run = await runAndCloseEarly(['--no-config', '--format', format, '.'], dir);
      expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
      expect(run.code).toBe(2);
    });
  }
});
