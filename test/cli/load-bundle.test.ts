import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArguments, parseWithYargs } from '../../src/cli/args.js';
import { project, spawnCli } from './run.js';

// The bundled CLI runs through vm.Script with a V8 code cache written at build time
// (src/cli/load-bundle.ts, scripts/bundle.mjs). These tests need `npm run build`: they run the
// compiled loader in child processes, so each compile starts from an empty V8 isolate.
const DIST_CLI = path.resolve(import.meta.dirname, '../../dist/src/cli');
const LOADER = path.join(DIST_CLI, 'load-bundle.js');
const V8_FLAGS_MODULE = path.join(DIST_CLI, 'v8-flags.js');

interface LoaderRun {
  rejected: boolean | null;
  output: unknown;
}

/** Loads `bundle` (with `cache`, if given) in a fresh Node process, then runs `body` on its exports. */
function loadInChild(bundle: string, cache: string | undefined, body: string, nodeFlags: string[] = [], asBin = false): LoaderRun {
  const script = `
    ${asBin ? `(await import(${JSON.stringify(pathToUrl(V8_FLAGS_MODULE))})).applyV8Flags();` : ''}
    import { loadBundle } from ${JSON.stringify(pathToUrl(LOADER))};
    const loaded = loadBundle(${JSON.stringify(bundle)}${cache === undefined ? '' : `, ${JSON.stringify(cache)}`});
    const output = await (async (exports) => { ${body} })(loaded.exports);
    process.stdout.write(JSON.stringify({ rejected: loaded.cachedDataRejected ?? null, output }));
  `;
  const result = spawnSync(process.execPath, [...nodeFlags, '--input-type=module', '-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`child failed (${String(result.status)}): ${result.stderr}`);
  return JSON.parse(result.stdout) as LoaderRun;
}

/** Builds the cache of `bundle` as scripts/bundle.mjs does: compile, run, serialize. */
function writeCache(bundle: string, cache: string, run: string): void {
  const script = `
    import fs from 'node:fs';
    import { loadBundle } from ${JSON.stringify(pathToUrl(LOADER))};
    const loaded = loadBundle(${JSON.stringify(bundle)});
    await (async (exports) => { ${run} })(loaded.exports);
    fs.writeFileSync(${JSON.stringify(cache)}, loaded.cacheData());
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`child failed: ${result.stderr}`);
}

function pathToUrl(file: string): string {
  return new URL(`file://${file}`).href;
}

/** Sets a file's modification time `seconds` from now. */
function touch(file: string, seconds: number): void {
  const when = new Date(Date.now() + seconds * 1000);
  fs.utimesSync(file, when, when);
}

// A small CommonJS "bundle" that uses what the CLI bundle uses: require, module.exports,
// __filename/__dirname, import() through a require()d ES module (config/import-file.js), and
// functions compiled lazily on first call.
const BUNDLE = `'use strict';
const path = require('node:path');
const { pathToFileURL } = require('node:url');
function words(text) { return text.split(/\\s+/).filter(Boolean).map((w) => w.toUpperCase()); }
module.exports.run = async (text) => {
  const data = await require('./import-file.mjs').importFile(pathToFileURL(path.join(__dirname, 'data.mjs')).href);
  return { words: words(text), file: path.basename(__filename), helper: data.value };
};
`;

function bundleProject(): { dir: string; bundle: string; cache: string } {
  const dir = project({
    'b.cjs': BUNDLE,
    'import-file.mjs': 'export function importFile(url) { return import(url); }\n',
    'data.mjs': 'export const value = 42;\n',
  });
  return { dir, bundle: path.join(dir, 'b.cjs'), cache: path.join(dir, 'b.cache') };
}

const RUN = "return exports.run('from alpine as base');";
const EXPECTED = { words: ['FROM', 'ALPINE', 'AS', 'BASE'], file: 'b.cjs', helper: 42 };

describe('loadBundle (the code cache of the bundled CLI)', () => {
  it('uses a valid cache: V8 accepts it and the bundle runs as without it', () => {
    const { bundle, cache } = bundleProject();
    writeCache(bundle, cache, RUN);
    expect(fs.statSync(cache).size).toBeGreaterThan(0);
    expect(loadInChild(bundle, cache, RUN)).toEqual({ rejected: false, output: EXPECTED });
  });

  it('falls back to compiling when the cache is corrupt, truncated or from another script', () => {
    const { dir, bundle, cache } = bundleProject();
    writeCache(bundle, cache, RUN);
    const valid = fs.readFileSync(cache);

    fs.writeFileSync(cache, Buffer.from('not a V8 code cache at all'));
    expect(loadInChild(bundle, cache, RUN)).toEqual({ rejected: true, output: EXPECTED });

    fs.writeFileSync(cache, valid.subarray(0, Math.floor(valid.length / 2)));
    expect(loadInChild(bundle, cache, RUN)).toEqual({ rejected: true, output: EXPECTED });

    const flipped = Buffer.from(valid);
    for (let i = 16; i < flipped.length; i += 7) flipped[i] = (flipped[i] as number) ^ 0xff;
    fs.writeFileSync(cache, flipped);
    expect(loadInChild(bundle, cache, RUN)).toEqual({ rejected: true, output: EXPECTED });

    // The cache of a different script (other length): rejected.
    const other = path.join(dir, 'other.cjs');
    fs.writeFileSync(other, "module.exports.run = async () => 'other';\n");
    writeCache(other, cache, 'return exports.run();');
    expect(loadInChild(bundle, cache, RUN)).toEqual({ rejected: true, output: EXPECTED });

    // A cache newer than a rebuilt bundle of the same length (V8 alone would accept it): rejected.
    writeCache(bundle, cache, RUN);
    const changed = BUNDLE.replace('toUpperCase', 'toLowerCase');
    expect(changed.length).toBe(BUNDLE.length);
    fs.writeFileSync(bundle, changed);
    touch(cache, 60);
    expect(loadInChild(bundle, cache, RUN)).toEqual({ rejected: true, output: { ...EXPECTED, words: ['from', 'alpine', 'as', 'base'] } });
  });

  it('falls back to compiling when V8 rejects the cache (other V8 flags)', () => {
    const { bundle, cache } = bundleProject();
    writeCache(bundle, cache, RUN);
    expect(loadInChild(bundle, cache, RUN, ['--max-lazy'])).toEqual({ rejected: true, output: EXPECTED });
    expect(loadInChild(bundle, cache, RUN)).toEqual({ rejected: false, output: EXPECTED });
  });

  it('compiles without a cache when it is missing or older than the bundle (stale)', () => {
    const { bundle, cache } = bundleProject();
    expect(loadInChild(bundle, cache, RUN)).toEqual({ rejected: null, output: EXPECTED });
    expect(loadInChild(bundle, undefined, RUN)).toEqual({ rejected: null, output: EXPECTED });

    writeCache(bundle, cache, RUN);
    touch(cache, -60);
    // Not even handed to V8: a stale cache of a same-length source would be accepted by it.
    expect(loadInChild(bundle, cache, RUN)).toEqual({ rejected: null, output: EXPECTED });
    touch(cache, 60);
    expect(loadInChild(bundle, cache, RUN)).toEqual({ rejected: false, output: EXPECTED });
  });

  it('the built CLI bundle has a cache that V8 accepts, and lints the same with a corrupt one', () => {
    const bundle = path.join(DIST_CLI, 'main.bundle.cjs');
    const cache = path.join(DIST_CLI, 'main.bundle.cache');
    expect(fs.existsSync(bundle), 'run npm run build first').toBe(true);
    expect(fs.statSync(cache).mtimeMs).toBeGreaterThanOrEqual(fs.statSync(bundle).mtimeMs);
    const dir = project({ Dockerfile: 'FROM ubuntu:latest\nRUN apt-get update && apt-get install -y curl\n' });
    const lint = `
      let out = '';
      const code = await exports.runCli({ argv: ['--no-config', '--format', 'json', ${JSON.stringify(path.join(dir, 'Dockerfile'))}], cwd: ${JSON.stringify(dir)}, env: {},
        stdout: { write: (t) => { out += t; return true; } }, stderr: { write: () => true }, readStdin: async () => Buffer.alloc(0) });
      return { code, out };`;
    // As bin.js loads it: after applying layerlint's V8 flags (the cache is built under them).
    const cached = loadInChild(bundle, cache, lint, [], true);
    expect(cached.rejected).toBe(false);
    expect(loadInChild(bundle, cache, lint).rejected, 'a cache built under the flags is rejected without them').toBe(true);
    const output = cached.output as { code: number; out: string };
    expect(output.code).toBe(1);
    expect(output.out).toContain('no-latest-tag');

    const corrupt = path.join(dir, 'corrupt.cache');
    fs.writeFileSync(corrupt, fs.readFileSync(cache).subarray(0, 1000));
    expect(loadInChild(bundle, corrupt, lint, [], true)).toEqual({ rejected: true, output });
    expect(loadInChild(bundle, undefined, lint, [], true)).toEqual({ rejected: null, output });
  });
});

describe('bin.js chooses the bundle', () => {
  /** A copy of the built bin.js and loader next to stand-ins for main.js and its bundle. */
  function fakeInstall(): string {
    const dir = project({
      'package.json': '{ "type": "module" }\n',
      'main.js': "export async function runCli(io) { io.stdout.write('unbundled\\n'); return 0; }\n",
      'main.bundle.cjs': "module.exports.runCli = async (io) => { io.stdout.write('bundle\\n'); return 0; };\n",
    });
    fs.copyFileSync(path.join(DIST_CLI, 'bin.js'), path.join(dir, 'bin.js'));
    fs.copyFileSync(path.join(DIST_CLI, 'load-bundle.js'), path.join(dir, 'load-bundle.js'));
    fs.copyFileSync(V8_FLAGS_MODULE, path.join(dir, 'v8-flags.js'));
    return dir;
  }
  const run = (dir: string): string => spawnSync(process.execPath, [path.join(dir, 'bin.js'), 'Dockerfile'], { cwd: dir, encoding: 'utf8' }).stdout;

  it('runs the bundle when it is at least as new as main.js, with or without a cache', () => {
    const dir = fakeInstall();
    touch(path.join(dir, 'main.js'), -60);
    expect(run(dir)).toBe('bundle\n');
    fs.writeFileSync(path.join(dir, 'main.bundle.cache'), 'garbage');
    expect(run(dir)).toBe('bundle\n');
  });

  it('never runs a bundle older than main.js (a tsc build after the bundle), nor a missing one', () => {
    const dir = fakeInstall();
    touch(path.join(dir, 'main.bundle.cjs'), -60);
    expect(run(dir)).toBe('unbundled\n');
    fs.rmSync(path.join(dir, 'main.bundle.cjs'));
    expect(run(dir)).toBe('unbundled\n');
  });
});

describe('parseArguments without options', () => {
  it('gives what yargs gives for command lines of plain paths (which skip yargs)', async () => {
    const lines = [
      [], ['Dockerfile'], ['.'], ['./Dockerfile', 'sub/Containerfile'], ['a b'], ['x=y'], ['a.b'], ['version'], ['completion'],
      ['__proto__'], ['constructor'], ['$0'], ['docker/*.Dockerfile'], ['..'], ['-'], ['1.50'], ['0x1f'], ['007'], ['1e3'], ['.5'],
      ['true'], ['null'], ['NaN'], ['Infinity'], ['a,b'], [' '], ['Docker file'], ['help', 'x'], ['Dockerfile', '--'], ['--no-config', 'Dockerfile'], ['Dockerfile', '-q'],
    ];
    for (const argv of lines) expect(await parseArguments(argv), JSON.stringify(argv)).toEqual(await parseWithYargs(argv));
  });

  it('number-like words keep going through yargs (it turns them into numbers)', async () => {
    const parsed = await parseArguments(['1.50']);
    expect(parsed).not.toBe('help');
    expect((parsed as { paths: string[] }).paths).toEqual(['1.5']);
  });
});

describe('the built CLI (bundle with code cache) loads what a run may need on demand', () => {
  const PLUGIN = `export const rules = [{
    meta: { id: 'acme/no-mirror', codes: [], severity: 'error', category: 'security', presets: ['recommended'], description: 'Old mirror', rationale: 'Gone.',
      options: { schema: { type: 'object', properties: { host: { type: 'string' } }, additionalProperties: false }, defaults: { host: 'mirror.acme.internal' }, docs: { host: 'The host.' } },
      examples: { invalid: [], valid: [] } },
    check(context) { for (const stage of context.file.stages) if (stage.base.registry === context.options.host) context.report({ message: 'Use the new registry', range: stage.base.token.range }); },
  }];
`;
  const ids = (stdout: string): string[] => (JSON.parse(stdout) as Array<{ diagnostics: Array<{ ruleId: string }> }>)[0]?.diagnostics.map((d) => d.ruleId) ?? [];

  it('a YAML config with a plugin (yaml, import() of the plugin, Ajv for its options)', () => {
    const dir = project({
      'node_modules/layerlint-plugin-acme/package.json': JSON.stringify({ name: 'layerlint-plugin-acme', type: 'module', main: 'index.js' }),
      'node_modules/layerlint-plugin-acme/index.js': PLUGIN,
      '.layerlint.yaml': 'plugins: [layerlint-plugin-acme]\nrules:\n  acme/no-mirror: [error, { host: mirror.acme.internal }]\n  no-latest-tag: off\n',
      Dockerfile: 'FROM mirror.acme.internal/base/app:latest\nUSER 65532\n',
    });
    const run = spawnCli(['--format', 'json', 'Dockerfile'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(ids(run.stdout)).toContain('acme/no-mirror');
    expect(ids(run.stdout)).not.toContain('no-latest-tag');
  });

  it('a JavaScript config file, and a YAML syntax error', () => {
    const js = project({ 'layerlint.config.mjs': "export default { rules: { 'no-latest-tag': 'off' } };\n", Dockerfile: 'FROM ubuntu:latest\nUSER 65532\n' });
    const run = spawnCli(['--format', 'json', 'Dockerfile'], { cwd: js });
    expect(run.stderr).toBe('');
    expect(ids(run.stdout)).not.toContain('no-latest-tag');
    const plain = spawnCli(['--format', 'json', '--no-config', 'Dockerfile'], { cwd: js });
    expect(ids(plain.stdout)).toContain('no-latest-tag');

    const bad = project({ '.layerlint.yaml': 'rules: [oops\n', Dockerfile: 'FROM ubuntu:24.04\n' });
    const failed = spawnCli(['Dockerfile'], { cwd: bad });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/^layerlint: .*YAML syntax error at line \d+/);
  });
});
