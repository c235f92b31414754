import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
// @ts-expect-error -- a plain JS bench module without type declarations
import { CORPUS, fixCorpus } from '../../bench/fix-corpus.js';

interface Totals {
  files: number;
  changed: number;
  fixesApplied: number;
  findingsRemoved: number;
  failures: { file: string; what: string }[];
}

// The whole corpus takes about 3 minutes (`node bench/fix-corpus.js`); the test takes every
// 20th file so that it stays well under a minute.
describe.skipIf(!fs.existsSync(CORPUS as string))('--fix --fix-unsafe over the corpus', () => {
  it('outputs parse, gain no finding and are idempotent', async () => {
    const files = fs.readdirSync(CORPUS as string).sort().filter((_, index) => index % 20 === 0);
    const totals = (await fixCorpus({ runCli, files })) as Totals;
    expect(totals.failures).toEqual([]);
    expect(totals.changed).toBeGreaterThan(files.length / 2);
    expect(totals.findingsRemoved).toBeGreaterThan(0);
  }, 120_000);
});
