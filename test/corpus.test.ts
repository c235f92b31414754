import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli/run.js';

const corpus = path.resolve(import.meta.dirname, '../../shared/corpus/files');
const hasCorpus = fs.existsSync(corpus);

describe.skipIf(!hasCorpus)('the shared corpus', () => {
  // ShellCheck is off here: it is an external program with its own tests (test/rules/shellcheck.test.ts),
  // and running it on 1,420 files would dominate the suite's time.
  it('lints every file without a crash, one JSON element each, with every other rule on', async () => {
    const files = fs.readdirSync(corpus).sort();
    expect(files.length).toBeGreaterThan(1000);
    const run = await cli(['--no-config', '--preset', 'all', '--rule', 'shellcheck=off', '--format', 'json', ...files], { cwd: corpus });
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    const results = JSON.parse(run.stdout) as { filePath: string; diagnostics: { ruleId: string; line: number; column: number; endLine: number; endColumn: number }[] }[];
    expect(results.map((r) => r.filePath)).toEqual(files);
    for (const result of results) {
      const text = fs.readFileSync(path.join(corpus, result.filePath), 'latin1');
      const lineCount = text.split(/\r\n|\r|\n/).length;
      for (const d of result.diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.endLine).toBeLessThanOrEqual(lineCount);
        expect(d.endLine > d.line || d.endColumn >= d.column).toBe(true);
      }
    }
  }, 180_000);
});
