import { describe, expect, it } from 'vitest';
import { runCampaign } from '../fuzz/campaign.js';

/**
 * A bounded fuzz run for `npm test` (the long run is `npm run fuzz`). LAYERLINT_FUZZ_SCALE
 * multiplies the case counts when exploring.
 */
const scale = Number(process.env['LAYERLINT_FUZZ_SCALE'] ?? '1') || 1;

describe('fuzzing (bounded)', () => {
  for (const [generator, cases] of [
    ['token-stream', 150],
    ['corpus-mutation', 100],
    ['config-object', 1500],
    ['rule-options', 400],
  ] as const) {
    it(`${generator}: no crash, ranges inside the file, known ids, deterministic, fixes parse`, () => {
      const result = runCampaign({ cases: { [generator]: Math.round(cases * scale) }, slowMs: 1000 });
      expect(result.figures[0]?.cases).toBe(Math.round(cases * scale));
      // Only pathological slowness fails here; the long run reports everything over 100 ms.
      expect(result.slow).toEqual([]);
    }, 120_000);
  }
});
