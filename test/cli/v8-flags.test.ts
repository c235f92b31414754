import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { INLINING_PAYS_FROM_FILES, inliningPays } from '../../src/cli/v8-flags.js';
import { project } from './run.js';

describe("tuning V8 to the run's length", () => {
  it('turns inlining back on only from INLINING_PAYS_FROM_FILES files per thread', () => {
    expect(inliningPays(1)).toBe(false);
    expect(inliningPays(INLINING_PAYS_FROM_FILES - 1)).toBe(false);
    expect(inliningPays(INLINING_PAYS_FROM_FILES)).toBe(true);
    expect(inliningPays(142_000)).toBe(true);
  });

  it('tells bin.js how many files each thread lints, once, before the first lint', async () => {
    const dir = project({ 'Dockerfile': 'FROM alpine:3.20\n', 'a/Dockerfile': 'FROM alpine:3.20\n', 'b/Containerfile': 'FROM alpine:3.20\n' });
    const calls: { filesPerThread: number; outputSoFar: string }[] = [];
    let output = '';
    const code = await runCli({
      argv: ['--no-config', '--format', 'json', '.'],
      cwd: dir,
      env: { LAYERLINT_WORKERS: '0' },
      stdout: { write: (text: string) => (output += text) },
      stderr: { write: () => true },
      readStdin: async () => Buffer.alloc(0),
      beforeLint: (filesPerThread) => calls.push({ filesPerThread, outputSoFar: output }),
    });
    expect([0, 1]).toContain(code);
    expect(calls).toEqual([{ filesPerThread: 3, outputSoFar: '' }]);
    expect(JSON.parse(output)).toHaveLength(3);
  });
});
