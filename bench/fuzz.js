// `npm run fuzz [-- --scale 2 --seed 7]`: the long fuzz campaign (test/fuzz/*.fuzz.ts)
// under vitest, which compiles the shared TypeScript generators. Figures go to
// test/fuzz/last-run-{a,b}.json; docs/reliability.md quotes them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
};
const env = { ...process.env };
if (flag('scale') !== undefined) env.LAYERLINT_FUZZ_SCALE = flag('scale');
if (flag('seed') !== undefined) env.LAYERLINT_FUZZ_SEED = flag('seed');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', '--config', 'test/fuzz/vitest.config.ts'], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
