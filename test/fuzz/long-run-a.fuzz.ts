import { expect, it } from 'vitest';
import { longRun, scale } from './long-run.js';

it('long fuzz run, part a: token streams, config objects, rule options', () => {
  const total = longRun('a', { 'token-stream': 10_000, 'config-object': 60_000, 'rule-options': 10_000 }, { fixEvery: 2 });
  expect(total).toBeGreaterThanOrEqual(80_000 * Math.min(1, scale));
});
