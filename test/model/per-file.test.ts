import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildFile } from '../../src/model/build-file.js';
import { perFile, perPart } from '../../src/model/per-file.js';

const DIST = path.resolve(import.meta.dirname, '../../dist');
const PROBE = path.resolve(import.meta.dirname, 'fixtures/promotion-probe.mjs');

describe('perFile and perPart', () => {
  it('compute once per file, and separately for each file', () => {
    let calls = 0;
    const runCount = perFile((file) => {
      calls++;
      return { runs: file.find('RUN').length };
    });
    const first = new BuildFile('FROM alpine\nRUN true\n');
    const second = new BuildFile('FROM alpine\nRUN true\nRUN false\n');
    expect(runCount(first)).toBe(runCount(first));
    expect(runCount(second).runs).toBe(2);
    expect(calls).toBe(2);
  });

  it('compute once per part of a file, undefined answers included', () => {
    const seen: string[] = [];
    const firstArg = perPart((file: BuildFile, node: BuildFile['instructions'][number]) => {
      seen.push(node.keyword);
      return node.args[0]?.text;
    });
    const file = new BuildFile('FROM alpine\nUSER\nRUN true\n');
    const [from, user, run] = file.instructions;
    for (let i = 0; i < 2; i++) expect([firstArg(file, from!), firstArg(file, user!), firstArg(file, run!)]).toEqual(['alpine', undefined, 'true']);
    expect(seen).toEqual(['FROM', 'USER', 'RUN']);
    const other = new BuildFile('FROM alpine\nUSER\nRUN true\n');
    firstArg(other, other.instructions[0]!);
    expect(seen).toHaveLength(4);
  });

  // Regression: the shared analyses were cached in module-level WeakMaps keyed by the file or
  // instruction. V8's minor collections keep such a WeakMap's values alive, so every file's
  // analyses were copied and promoted until the next major collection: a warm corpus pass spent
  // ~180 ms of ~1,060 in scavenges. The probe's WeakMap case shows the effect is measurable.
  it('lets a file\'s analyses die in minor collections, unlike values of a module-level WeakMap', () => {
    const output = execFileSync(process.execPath, ['--max-semi-space-size=4', '--min-semi-space-size=4', PROBE, DIST], { encoding: 'utf8' });
    const { layerlint, weakMapped } = JSON.parse(output) as { layerlint: number; weakMapped: number };
    expect(weakMapped).toBeGreaterThan(20_000_000);
    expect(layerlint * 3).toBeLessThan(weakMapped);
  });
});
