// Benchmark: lint every build file of ../shared/corpus with every rule on, against a bare
// dockerfile-ast parse of the same files (the floor), measured in the same run.
// Usage: npm run bench [-- --runs 5]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, '../../shared/corpus/files');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag === -1 ? 5 : Number(process.argv[runsFlag + 1]);

const files = fs.readdirSync(corpus).sort().map((name) => fs.readFileSync(path.join(corpus, name), 'utf8'));
const bytes = files.reduce((sum, text) => sum + Buffer.byteLength(text), 0);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// The floor is measured before layerlint is loaded: layerlint's model memoises a slow
// dockerfile-ast method on its prototype, which would speed up the floor too.
const floorTimes = [];
for (let run = 0; run < runs; run++) floorTimes.push(time(() => files.forEach((text) => DockerfileParser.parse(text))));

const { createLinter } = await import('../dist/src/index.js');
const { lintText } = await import('../dist/src/engine/lint.js');
const linter = createLinter({ cwd: here, overrides: { noConfig: true, presets: ['all'] } });
const config = await linter.loader.forFile(undefined);
const lintTimes = [];
let findings = 0;
for (let run = 0; run < runs; run++) {
  lintTimes.push(
    time(() => {
      findings = 0;
      for (const text of files) findings += lintText(text, { config, registry: linter.registry }).findings.length;
    }),
  );
}

const floor = median(floorTimes);
const full = median(lintTimes);
const rows = [
  ['scenario', 'median ms', 'files/s', 'ratio to floor'],
  ['dockerfile-ast parse (floor)', floor.toFixed(0), (files.length / (floor / 1000)).toFixed(0), '1.00'],
  ['layerlint, preset all', full.toFixed(0), (files.length / (full / 1000)).toFixed(0), (full / floor).toFixed(2)],
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
console.log(`corpus: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB; ${runs} runs each; ${findings} findings`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} x${os.cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
for (const row of rows) console.log(row.map((cell, i) => String(cell).padEnd(widths[i])).join('  '));
