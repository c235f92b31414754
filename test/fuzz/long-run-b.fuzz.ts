import { expect, it } from 'vitest';
import { longRun, scale } from './long-run.js';

it('long fuzz run, part b: corpus mutations and the truncation sweep', () => {
  const total = longRun('b', { 'corpus-mutation': 8_000 }, { sweepBoundaries: scale >= 1, fixEvery: 4 });
  expect(total).toBeGreaterThanOrEqual(8_000 * Math.min(1, scale));
});
