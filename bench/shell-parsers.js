// Benchmark: layerlint's purpose-built shell parser against tree-sitter-bash (WebAssembly through
// web-tree-sitter, and the native Node binding) and sh-syntax (mvdan/sh compiled to WebAssembly),
// on every RUN script of ../shared/corpus. docs/architecture/shell.md quotes the figures.
//
// It installs nothing. The candidates live in a scratch directory outside the repository, never
// as project dependencies:
//
//   mkdir -p /tmp/shell-bench && cd /tmp/shell-bench && npm init -y
//   npm install web-tree-sitter tree-sitter tree-sitter-bash sh-syntax
//
// then, from the repository (after `npm run build`, or point --dist at any tsc output dir):
//
//   node bench/shell-parsers.js [--scratch /tmp/shell-bench] [--dist dist] [--runs 5] [--json] [--only tree-sitter]
//
// Reported per candidate: total parse time over all RUN scripts (median of --runs runs, after
// one warm-up run), cold start (import + init + first parse, in a fresh process; median of 5),
// install weight (bytes of the files a user would install), the scripts it fails to parse, and
// the number of simple commands it finds, compared with our parser.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const flag = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
};
const scratch = path.resolve(flag('scratch', '/tmp/shell-bench'));
const dist = path.resolve(root, flag('dist', 'dist'));
const runs = Number(flag('runs', '5'));
const corpus = path.resolve(root, '../shared/corpus/files');
const SAMPLE = 'apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*';

const requireFromScratch = createRequire(path.join(scratch, 'package.json'));
const scratchUrl = (specifier) => pathToFileURL(requireFromScratch.resolve(specifier)).href;
const pkgDir = (name) => path.join(scratch, 'node_modules', name);
const distUrl = (relative) => pathToFileURL(path.join(dist, relative)).href;

/** Each candidate: `load()` → `{ parse(text) → result, failed(result), commands(result) }`. */
const CANDIDATES = {
  layerlint: {
    weight: () => ({ files: [path.join(dist, 'src/shell/parse.js'), path.join(dist, 'src/shell/unwrap.js'), path.join(dist, 'src/shell/options.js')], note: 'parse.js, unwrap.js, options.js (compiled)' }),
    async load() {
      const { parseShellScript } = await import(distUrl('src/shell/parse.js'));
      const { LineTable } = await import(distUrl('src/model/line-table.js'));
      return {
        parse: (text) => parseShellScript({ text, toFileOffset: (o) => o, lines: new LineTable(text) }),
        failed: (script) => script.hasSyntaxError,
        commands: (script) => {
          // Count a `sh -c '…'` once, as the other parsers see it: its string is not re-parsed there.
          const wrapped = new Set();
          let count = 0;
          for (const command of script.commands) {
            if (!command.name) continue; // assignment-only: a variable_assignment, not a command, in tree-sitter
            const shellWrapper = command.wrappers.findIndex((w) => w.endsWith(' -c'));
            if (shellWrapper === -1) count++;
            else wrapped.add(command.wrapperWords?.[0]?.startOffset ?? command.range.start.line);
          }
          return count + wrapped.size;
        },
      };
    },
  },
  'tree-sitter-bash (wasm)': {
    weight: () => ({ files: [pkgDir('web-tree-sitter'), path.join(pkgDir('tree-sitter-bash'), 'tree-sitter-bash.wasm')], note: 'web-tree-sitter + tree-sitter-bash.wasm (npm install of tree-sitter-bash itself adds the whole package)' }),
    async load() {
      const { Parser, Language } = await import(scratchUrl('web-tree-sitter'));
      await Parser.init();
      const language = await Language.load(path.join(pkgDir('tree-sitter-bash'), 'tree-sitter-bash.wasm'));
      const parser = new Parser();
      parser.setLanguage(language);
      return {
        parse: (text) => {
          const tree = parser.parse(text);
          const result = { error: tree.rootNode.hasError, commands: countTreeSitterCommands(tree.rootNode) };
          tree.delete();
          return result;
        },
        failed: (result) => result.error,
        commands: (result) => result.commands,
      };
    },
  },
  'tree-sitter-bash (native)': {
    weight: () => ({ files: ['tree-sitter', 'tree-sitter-bash', 'node-addon-api', 'node-gyp-build'].map(pkgDir), note: 'tree-sitter + tree-sitter-bash (with prebuilds for 6 platforms) + node-addon-api + node-gyp-build' }),
    async load() {
      const Parser = requireFromScratch('tree-sitter');
      const Bash = requireFromScratch('tree-sitter-bash');
      const parser = new Parser();
      parser.setLanguage(Bash);
      return {
        parse: (text) => {
          const tree = parser.parse(text, null, { bufferSize: Math.max(32 * 1024, text.length * 2 + 16) });
          return { error: tree.rootNode.hasError, commands: countTreeSitterCommands(tree.rootNode) };
        },
        failed: (result) => result.error,
        commands: (result) => result.commands,
      };
    },
  },
  'sh-syntax (mvdan/sh wasm)': {
    weight: () => ({ files: [pkgDir('sh-syntax')], note: 'sh-syntax (TinyGo WebAssembly)' }),
    async load() {
      const { parse } = await import(scratchUrl('sh-syntax'));
      return {
        parse: async (text) => {
          try {
            await parse(text);
            return { error: false };
          } catch {
            return { error: true };
          }
        },
        failed: (result) => result.error,
        // Its JSON AST does not say which node is a simple command (statements carry only positions).
        commands: () => undefined,
      };
    },
  },
};

// `[ … ]` and `[[ … ]]` are test_command nodes in tree-sitter-bash, simple commands to a shell.
const TREE_SITTER_COMMANDS = new Set(['command', 'declaration_command', 'unset_command', 'test_command']);

function countTreeSitterCommands(node) {
  let count = 0;
  const cursor = node.walk();
  let descend = true;
  for (;;) {
    if (descend && TREE_SITTER_COMMANDS.has(cursor.nodeType)) count++;
    if (descend && cursor.gotoFirstChild()) continue;
    if (cursor.gotoNextSibling()) {
      descend = true;
      continue;
    }
    if (!cursor.gotoParent()) break;
    descend = false;
  }
  return count;
}

/** Every RUN script of the corpus (shell form, heredoc scripts, exec-form `sh -c`), as the shell sees it. */
async function runScripts() {
  const { BuildFile } = await import(distUrl('src/model/build-file.js'));
  const { analyzeRun } = await import(distUrl('src/shell/run-script.js'));
  const scripts = [];
  for (const name of fs.readdirSync(corpus).sort()) {
    let file;
    try {
      file = new BuildFile(fs.readFileSync(path.join(corpus, name), 'utf8'));
    } catch {
      continue;
    }
    for (const node of file.find('RUN')) {
      const analysis = analyzeRun(file, node);
      if (!analysis.posix) continue;
      for (const script of analysis.scripts) if (script.source) scripts.push({ name, line: node.token.range.start.line + 1, kind: script.kind, text: script.source.text });
    }
  }
  return scripts;
}

function bytesOf(target) {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const entry of fs.readdirSync(target)) total += bytesOf(path.join(target, entry));
  return total;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Child mode: load one candidate and parse one script, timing from before the import. */
async function coldChild(name) {
  const start = performance.now();
  const candidate = await CANDIDATES[name].load();
  await candidate.parse(SAMPLE);
  process.stdout.write(String(performance.now() - start));
}

async function main() {
  const child = flag('cold-child', undefined);
  if (child !== undefined) return coldChild(child);
  if (!fs.existsSync(path.join(scratch, 'node_modules'))) throw new Error(`no candidates in ${scratch}: see the set-up steps at the top of bench/shell-parsers.js`);
  if (!fs.existsSync(path.join(dist, 'src/shell/parse.js'))) throw new Error(`no compiled layerlint in ${dist}: run npm run build (or pass --dist)`);

  const scripts = await runScripts();
  const chars = scripts.reduce((sum, s) => sum + s.text.length, 0);
  const report = { scripts: scripts.length, chars, runs, candidates: {} };
  const perScript = {};
  const only = flag('only', undefined)?.split(',');
  for (const [name, spec] of Object.entries(CANDIDATES)) {
    if (only && name !== 'layerlint' && !only.some((o) => name.includes(o))) continue;
    const candidate = await spec.load();
    const times = [];
    let results = [];
    for (let run = 0; run <= runs; run++) {
      const out = [];
      const start = performance.now();
      for (const script of scripts) out.push(await candidate.parse(script.text));
      if (run > 0) times.push(performance.now() - start); // run 0 is the warm-up
      process.stderr.write(`${name}: run ${run} ${(performance.now() - start).toFixed(0)} ms\n`);
      results = out;
    }
    const cold = [];
    for (let i = 0; i < 5; i++) {
      const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--cold-child', name, '--scratch', scratch, '--dist', dist], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`cold start of ${name} failed: ${result.stderr}`);
      cold.push(Number(result.stdout));
    }
    const weight = spec.weight();
    perScript[name] = results.map((r) => ({ failed: candidate.failed(r), commands: candidate.commands(r) }));
    report.candidates[name] = {
      totalMs: Number(median(times).toFixed(1)),
      coldStartMs: Number(median(cold).toFixed(1)),
      installBytes: weight.files.reduce((sum, f) => sum + bytesOf(f), 0),
      installNote: weight.note,
      failed: perScript[name].filter((r) => r.failed).length,
    };
  }

  // Disagreements with our parser on the number of simple commands, where both parsed cleanly.
  const ours = perScript.layerlint;
  for (const name of Object.keys(perScript).filter((n) => n !== 'layerlint')) {
    const theirs = perScript[name];
    const differ = [];
    scripts.forEach((script, i) => {
      const a = ours[i];
      const b = theirs[i];
      if (a.failed || b.failed || b.commands === undefined || a.commands === b.commands) return;
      differ.push({ file: script.name, line: script.line, ours: a.commands, theirs: b.commands, text: script.text.length > 140 ? `${script.text.slice(0, 140)}…` : script.text });
    });
    const bothFailed = scripts.filter((_, i) => ours[i].failed && theirs[i].failed).length;
    const onlyOurs = scripts.filter((_, i) => ours[i].failed && !theirs[i].failed).length;
    const onlyTheirs = scripts.filter((_, i) => !ours[i].failed && theirs[i].failed);
    Object.assign(report.candidates[name], {
      failedBoth: bothFailed,
      failedOnlyOurs: onlyOurs,
      failedOnlyTheirs: onlyTheirs.length,
      failedOnlyTheirsSample: onlyTheirs.slice(0, 5).map((s) => `${s.name}:${s.line} ${s.text.slice(0, 100)}`),
      commandCountDiffers: theirs[0]?.commands === undefined ? undefined : differ.length,
      commandCountSample: differ.slice(0, 8),
    });
  }
  const layerlintFailedSample = scripts.filter((_, i) => ours[i].failed).slice(0, 8).map((s) => `${s.name}:${s.line} ${s.text.slice(0, 100)}`);
  report.candidates.layerlint.failedSample = layerlintFailedSample;

  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${report.scripts} RUN scripts, ${(chars / 1024).toFixed(0)} KiB; median of ${runs} runs\n\n`);
  process.stdout.write('| parser | total parse | cold start | install | failed to parse |\n|---|---:|---:|---:|---:|\n');
  for (const [name, c] of Object.entries(report.candidates)) {
    process.stdout.write(`| ${name} | ${c.totalMs} ms | ${c.coldStartMs} ms | ${(c.installBytes / 1024 / 1024).toFixed(2)} MiB | ${c.failed} |\n`);
  }
  process.stdout.write('\n');
  for (const [name, c] of Object.entries(report.candidates)) {
    if (name === 'layerlint') continue;
    process.stdout.write(`${name}: failed by both ${c.failedBoth}, only by layerlint ${c.failedOnlyOurs}, only by ${name} ${c.failedOnlyTheirs}; command count differs on ${c.commandCountDiffers ?? 'n/a'} scripts\n`);
    for (const sample of c.commandCountSample) process.stdout.write(`  ${sample.file}:${sample.line} ours ${sample.ours} theirs ${sample.theirs}: ${JSON.stringify(sample.text)}\n`);
    for (const sample of c.failedOnlyTheirsSample) process.stdout.write(`  only ${name} fails: ${JSON.stringify(sample)}\n`);
  }
  process.stdout.write('layerlint recovers from a syntax error in:\n');
  for (const sample of layerlintFailedSample) process.stdout.write(`  ${JSON.stringify(sample)}\n`);
}

await main();
