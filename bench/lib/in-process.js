// Scenario (a), in one Node process: every corpus file already in memory, each pass timed
// (wall and CPU), the first passes of each kind discarded as warm-up (WARM_UP_PASSES). The
// floor — a bare dockerfile-ast parse — is measured first, before layerlint is imported
// (layerlint's model has its own instruction scanner and does not load dockerfile-ast).
// Prints one JSON object. Usage: node bench/lib/in-process.js RUNS [--utils]
import fs from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { corpusFiles, distDir, median, peersDir, root } from './common.js';

const runs = Number(process.argv[2] ?? 5);
const withUtils = process.argv.includes('--utils');
const texts = corpusFiles().map((file) => fs.readFileSync(file, 'utf8'));

function timed(fn) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}
/**
 * Passes run before the timed ones. layerlint's engine is a lot of code that V8 keeps optimizing
 * for about three passes over the corpus (the pass times fall for three to four passes, while
 * dockerfile-ast's settle after one), so fewer would time a mix of tiers, not the warm engine.
 */
const WARM_UP_PASSES = 3;

function repeat(fn) {
  for (let pass = 0; pass < WARM_UP_PASSES; pass++) fn();
  const samples = [];
  for (let run = 0; run < runs; run++) samples.push(timed(fn));
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), walls: samples.map((s) => Math.round(s.wall)) };
}

const out = { files: texts.length, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0) };
out.floor = repeat(() => texts.forEach((text) => DockerfileParser.parse(text)));

const { createLinter } = await import(path.join(distDir, 'src/index.js'));
const { lintText } = await import(path.join(distDir, 'src/engine/lint.js'));
const { BuildFile } = await import(path.join(distDir, 'src/model/build-file.js'));
const linter = createLinter({ cwd: root, overrides: { noConfig: true, presets: ['all'], rules: { shellcheck: 'off' } } });
const config = await linter.loader.forFile(undefined);
let findings = 0;
out.layerlint = repeat(() => {
  findings = 0;
  for (const text of texts) findings += lintText(text, { config, registry: linter.registry }).findings.length;
});
out.findings = findings;
out.model = repeat(() => texts.forEach((text) => new BuildFile(text)));

if (withUtils) {
  const utils = await import(path.join(peersDir, 'node_modules/dockerfile-utils/lib/main.js'));
  const validate = utils.validate ?? utils.default?.validate;
  out.dockerfileUtils = repeat(() => texts.forEach((text) => validate(text)));
}
out.maxRSSMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify(out));
