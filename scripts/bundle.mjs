// Bundles the CLI (src/cli/main.ts and everything it loads, reporters included) into one file,
// dist/src/cli/main.bundle.js, so a cold start reads and compiles one module instead of ~250
// (see docs/performance.md). `bin.js` uses it when it is at least as new as the tsc output and
// falls back to the unbundled modules otherwise, so a missing or stale bundle is never wrong.
// dockerfile-ast stays external: the model patches its prototypes (dockerfile-ast-memo.ts),
// which must be the same copy its parser uses. Run after tsc: `npm run build` does both.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `node scripts/bundle.mjs [OUTDIR]`: the tsc output directory to bundle into (default dist).
const outDir = path.resolve(root, process.argv[2] ?? 'dist');
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('bundle: esbuild is not installed; the CLI runs unbundled');
  process.exit(0);
}
// The lint worker thread's entry (src/cli/parallel.ts) is bundled the same way, next to the CLI's.
for (const name of ['main', 'parallel-worker']) await esbuild.build({
  entryPoints: [path.join(root, `src/cli/${name}.ts`)],
  outfile: path.join(outDir, `src/cli/${name}.bundle.js`),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['dockerfile-ast'],
  // CommonJS dependencies bundled into an ES module still call require().
  banner: { js: "import { createRequire as __layerlintCreateRequire } from 'node:module'; const require = __layerlintCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
});
