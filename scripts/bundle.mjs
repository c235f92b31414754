// Bundles the CLI (src/cli/main.ts and everything it loads, reporters included) into one file,
// dist/src/cli/main.bundle.cjs, so a cold start reads and compiles one script instead of ~250
// modules, and writes V8's code cache for it next to it (main.bundle.cache), so a cold start does
// not even compile it (see docs/performance.md). `bin.js` uses the bundle when it is at least as
// new as the tsc output and falls back to the unbundled modules otherwise, so a missing or stale
// bundle is never wrong; a missing, stale or rejected cache only means compiling (load-bundle.ts).
// Run after tsc: `npm run build` does both.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `node scripts/bundle.mjs [OUTDIR]`: the tsc output directory to bundle into (default dist).
const outDir = path.resolve(root, process.argv[2] ?? 'dist');
const cliDir = path.join(outDir, 'src/cli');
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('bundle: esbuild is not installed; the CLI runs unbundled');
  process.exit(0);
}
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
};
// The CLI is a CommonJS script, not an ES module: only a script can be compiled with a code cache
// on Node 20 (vm.Script cachedData). import.meta.url (worker entry, package.json, Ajv) is the
// bundle's own URL. A script run by vm.Script has no import() without an experimental Node API,
// so config files and plugins are imported through the compiled ES module
// dist/src/config/import-file.js, require()d (Node >= 20.19) when first needed.
const importFile = {
  name: 'import-file',
  setup(build) {
    build.onResolve({ filter: /^\.\/import-file\.js$/ }, (args) => (args.namespace === 'file' && args.resolveDir === path.join(root, 'src/config') ? { path: 'import-file', namespace: 'import-file' } : undefined));
    build.onResolve({ filter: /.*/, namespace: 'import-file' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'import-file' }, () => ({
      contents: "export function importFile(url) { return require('../config/import-file.js').importFile(url); }",
      loader: 'js',
    }));
  },
};
// yargs (loaded only for command lines with options) and its help layout import string-width,
// whose module body builds an Intl.Segmenter and Unicode property regexes: ~20 ms of a cold run
// that never measures a string's width unless it prints help. Each copy is evaluated on first use.
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'lazy-string-width') return undefined;
      const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'lazy-string-width' });
      if (real.errors.length > 0) return undefined;
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `export default function stringWidth(string, options) { return require(${JSON.stringify(args.path)}).default(string, options); }`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};
await esbuild.build({
  ...common,
  entryPoints: [path.join(root, 'src/cli/main.ts')],
  outfile: path.join(cliDir, 'main.bundle.cjs'),
  format: 'cjs',
  define: { 'import.meta.url': '__layerlintImportMetaUrl' },
  banner: { js: "'use strict'; var __layerlintImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [importFile, lazyStringWidth],
});
// The lint worker thread's entry (src/cli/parallel.ts) is bundled too, as an ES module.
await esbuild.build({
  ...common,
  entryPoints: [path.join(root, 'src/cli/parallel-worker.ts')],
  outfile: path.join(cliDir, 'parallel-worker.bundle.js'),
  format: 'esm',
  // CommonJS dependencies bundled into an ES module still call require().
  banner: { js: "import { createRequire as __layerlintCreateRequire } from 'node:module'; const require = __layerlintCreateRequire(import.meta.url);" },
});
// The ES-module bundle of earlier builds (bin.js no longer reads it).
fs.rmSync(path.join(cliDir, 'main.bundle.js'), { force: true });

// The code cache: compile the bundle as bin.js does, lint the examples with it as the commonest
// runs do (files, default config: concise output to a pipe, as under pre-commit, and stylish to
// a terminal) so the functions a lint compiles lazily are in the cache too, then serialize.
// Written after the bundle, so its mtime is not older than the bundle's.
const cacheFile = path.join(cliDir, 'main.bundle.cache');
fs.rmSync(cacheFile, { force: true });
const { loadBundle } = await import(pathToFileURL(path.join(cliDir, 'load-bundle.js')).href);
// bin.js sets these flags before loading the bundle, and V8 accepts a cache only under the same flags.
const { applyV8Flags } = await import(pathToFileURL(path.join(cliDir, 'v8-flags.js')).href);
applyV8Flags();
const loaded = loadBundle(path.join(cliDir, 'main.bundle.cjs'));
// Then every rule (as `--preset all` runs: CI jobs and the benchmark) over the examples and over
// every rule's own examples (what each rule flags and what it leaves alone, written to a temp
// dir as build files), so that the paths of each check that only some files reach, and the
// messages and fixes of every rule, are compiled into the cache too.
const { BUILTIN_RULES } = await import(pathToFileURL(path.join(outDir, 'src/index.js')).href);
const ruleExamples = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-cache-'));
BUILTIN_RULES.flatMap((rule) => [...rule.meta.examples.invalid, ...rule.meta.examples.valid]).forEach((text, i) => fs.writeFileSync(path.join(ruleExamples, `${i}.Dockerfile`), text));
const allRules = ['--no-config', '--preset', 'all', '--rule', 'shellcheck=off', '--format', 'json'];
const cacheRuns = [
  { argv: [path.join(root, 'examples')], isTTY: false },
  { argv: [path.join(root, 'examples')], isTTY: true },
  { argv: [...allRules, path.join(root, 'examples')], isTTY: false },
  { argv: [...allRules, ruleExamples], isTTY: false },
];
for (const { argv, isTTY } of cacheRuns) {
  const code = await loaded.exports.runCli({
    argv,
    cwd: root,
    env: {},
    stdout: { write: () => true, isTTY },
    stderr: { write: () => true },
    readStdin: async () => Buffer.alloc(0),
  });
  // Another exit code (e.g. no examples/ in this copy) only means fewer functions in the cache.
  if (code !== 0 && code !== 1) console.error(`bundle: linting examples/ with the bundle exited ${code}; the code cache covers less`);
}
fs.rmSync(ruleExamples, { recursive: true, force: true });
fs.writeFileSync(cacheFile, loaded.cacheData());
