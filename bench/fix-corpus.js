// Autofix over the corpus: copies each file of ../shared/corpus/files to <tmp>/<n>/Dockerfile,
// runs `--fix --fix-unsafe` on it, and checks that every output parses (when the original did),
// has no kind of finding (rule + codes) the original lacked, and that a second `--fix` run
// leaves it unchanged (idempotence). Prints files changed, fixes applied, findings removed and
// failures. Usage: npm run build && node bench/fix-corpus.js [--preset all] [--limit N]
// test/fixes/corpus.test.ts runs the same function against the sources.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CORPUS = path.resolve(here, '../../shared/corpus/files');

async function call(runCli, argv, cwd) {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    cwd,
    env: {},
    stdout: { write: (text) => (stdout += text), isTTY: false },
    stderr: { write: (text) => (stderr += text) },
    readStdin: async () => Buffer.alloc(0),
  });
  return { code, stdout, stderr };
}

function kinds(diagnostics) {
  const counts = new Map();
  for (const d of diagnostics) {
    const key = `${d.ruleId}|${d.codes.join(',')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function lintJson(runCli, dir, preset) {
  const run = await call(runCli, ['--no-config', '--preset', preset, '--format', 'json', '--no-fail', 'Dockerfile'], dir);
  if (run.code === 2) throw new Error(`lint failed: ${run.stderr.trim()}`);
  return JSON.parse(run.stdout)[0]?.diagnostics ?? [];
}

/**
 * Runs the check over `files` (names in `corpus`) with the given `runCli`. Returns the totals
 * and the failures (file, what went wrong).
 */
export async function fixCorpus({ runCli, corpus = CORPUS, files = fs.readdirSync(corpus).sort(), preset = 'recommended' }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-fix-corpus-'));
  const totals = { files: files.length, changed: 0, fixesApplied: 0, findingsBefore: 0, findingsAfter: 0, findingsRemoved: 0, dropped: 0, failures: [] };
  try {
    for (const [n, name] of files.entries()) {
      const dir = path.join(tmp, String(n));
      fs.mkdirSync(dir);
      const file = path.join(dir, 'Dockerfile');
      const original = fs.readFileSync(path.join(corpus, name));
      fs.writeFileSync(file, original);
      const fail = (what) => totals.failures.push({ file: name, what });
      try {
        const before = await lintJson(runCli, dir, preset);
        const fixRun = await call(runCli, ['--no-config', '--preset', preset, '--fix', '--fix-unsafe', '--no-fail', '--format', 'json', 'Dockerfile'], dir);
        if (fixRun.code === 2) fail(`--fix exited 2: ${fixRun.stderr.trim()}`);
        totals.dropped += fixRun.stderr.split('\n').filter((line) => line.includes(': dropped the ')).length;
        const fixed = fs.readFileSync(file);
        const after = await lintJson(runCli, dir, preset);
        totals.findingsBefore += before.length;
        totals.findingsAfter += after.length;
        if (!fixed.equals(original)) {
          totals.changed++;
          const parsedBefore = !before.some((d) => d.ruleId === 'parse-error');
          if (parsedBefore && after.some((d) => d.ruleId === 'parse-error')) fail('the fixed file does not parse');
          const was = kinds(before);
          for (const [kind, count] of kinds(after)) if (count > (was.get(kind) ?? 0)) fail(`the fixed file has a new ${kind} finding`);
          // Each fix that was applied removed at least one finding; count the findings removed.
          totals.findingsRemoved += before.length - after.length;
          const fixable = (diagnostics) => diagnostics.filter((d) => d.fix).length;
          totals.fixesApplied += Math.max(0, fixable(before) - fixable(after));
        }
        await call(runCli, ['--no-config', '--preset', preset, '--fix', '--fix-unsafe', '--no-fail', '--format', 'json', 'Dockerfile'], dir);
        if (!fs.readFileSync(file).equals(fixed)) fail('a second --fix run changed the file again (not idempotent)');
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return totals;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flag = (name) => {
    const at = process.argv.indexOf(name);
    return at === -1 ? undefined : process.argv[at + 1];
  };
  const { runCli } = await import('../dist/src/cli/main.js');
  const limit = flag('--limit');
  const all = fs.readdirSync(CORPUS).sort();
  const started = Date.now();
  const totals = await fixCorpus({ runCli, files: limit ? all.slice(0, Number(limit)) : all, preset: flag('--preset') ?? 'recommended' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`files: ${totals.files}, changed: ${totals.changed}, fixes applied (fixable findings gone): ${totals.fixesApplied}`);
  console.log(`findings: ${totals.findingsBefore} before, ${totals.findingsAfter} after, ${totals.findingsRemoved} removed; fixes dropped: ${totals.dropped}`);
  console.log(`failures: ${totals.failures.length} (${seconds} s)`);
  for (const failure of totals.failures) console.log(`  ${failure.file}: ${failure.what}`);
  process.exitCode = totals.failures.length > 0 ? 1 : 0;
}
