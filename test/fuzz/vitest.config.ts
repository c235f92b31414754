import { defineConfig } from 'vitest/config';

/** `npm run fuzz`: the long fuzz campaign only (not part of `npm test`). */
export default defineConfig({
  test: {
    include: ['test/fuzz/*.fuzz.ts'],
    testTimeout: 0,
    pool: 'threads',
  },
});
