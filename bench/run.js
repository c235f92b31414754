// Benchmarks (issue 12). Every scenario reports medians over repeated runs, and every ratio
// compares numbers measured in the same run of this script.
//   (a) the whole ../shared/corpus, every rule on (--preset all): in one process against a bare
//       dockerfile-ast parse (the floor) and dockerfile-utils' validator, both warm; as a CLI
//       process (one cold pass, files from disk) against a process that parses them, one that
//       validates them with dockerfile-utils, and tally with and without its ShellCheck, over
//       the files tally can parse
//   (b) one realistic Dockerfile from a cold process (the pre-commit case) against a process that
//       only loads dockerfile-ast and parses it, and against tally's cold run
//   (c) synthetic corpora 1×, 10× and 100× the corpus (in a temp dir): time should grow linearly
//   (d) peak memory (max RSS) of (a) and (c)
// Peers are installed on demand into bench/.peers (ignored), never as project dependencies.
// Usage: npm run bench [-- --runs 5 --only a,b,c --scale 1,10,100 --shellcheck --no-peers --dist DIR]
//        npm run bench:all   (adds the ShellCheck rows: minutes)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  chunks, corpusDir, corpusFiles, ensurePeers, here, layerlintBin, machine, mb, measure, median, ms, printTable, ratio, root, sum,
  TALLY_BASE, TALLY_NO_SHELLCHECK, tallyBin, tallyParseable,
} from './lib/common.js';

const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : argv[i + 1];
};
const runs = Number(flag('runs', 5));
const only = new Set(String(flag('only', 'a,b,c')).split(','));
const scales = String(flag('scale', '1,10,100')).split(',').map(Number);
const scaleRuns = Number(flag('scale-runs', 3));
// The 100× corpus runs once unless --scale-runs asks for more (each run takes minutes).
const heavyRuns = Number(flag('heavy-runs', 1));
const withShellcheck = argv.includes('--shellcheck');
const peers = argv.includes('--no-peers') ? { dockerfileUtils: false, tally: false } : ensurePeers();
const singleName = flag('file', 'discourse__discourse_docker__image__discourse_dev__Dockerfile');
const LINT = [layerlintBin, '--no-config', '--preset', 'all', '--rule', 'shellcheck=off', '--format', 'json'];

const files = corpusFiles();
const shellcheckAvailable = spawnSync('shellcheck', ['--version']).status === 0;
console.log(`machine: ${machine()}`);
console.log(`corpus: ${files.length} files; ${runs} runs per scenario (medians); CPU = user + sys of the process(es)`);

/** Round-robin over the commands, `count` times (after one warm-up each), so drift hits all alike. */
function rounds(commands, count, warmUp = true) {
  const samples = commands.map(() => []);
  for (let r = warmUp ? -1 : 0; r < count; r++) {
    commands.forEach((run, i) => {
      const m = run();
      if (r >= 0) samples[i].push(m);
    });
  }
  return samples.map((list) => ({ wall: median(list.map((m) => m.wall)), cpu: median(list.map((m) => m.cpu)), rssMB: Math.max(...list.map((m) => m.rssMB)) }));
}

if (!fs.existsSync(layerlintBin)) throw new Error('build first: npm run build');
// tally only lints files named like build files: every process row reads the corpus from a copy
// named NNN/<index>.Dockerfile (the 1× synthetic corpus), in the corpus's order.
const texts = files.map((file) => fs.readFileSync(file));
const staged = synthetic(texts, 1);
const stagedFiles = texts.map((_, i) => path.join(staged, '000', `${i}.Dockerfile`));
const singleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-bench-one-'));
const single = path.join(singleDir, 'Dockerfile');
fs.copyFileSync(path.join(corpusDir, singleName), single);
process.on('exit', () => fs.rmSync(singleDir, { recursive: true, force: true }));

if (only.has('a')) {
  // (a) in one process.
  const child = spawnSync(process.execPath, [path.join(here, 'lib/in-process.js'), String(runs), ...(peers.dockerfileUtils ? ['--utils'] : [])], { cwd: root, maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(child.stderr.toString());
  const r = JSON.parse(child.stdout.toString());
  const rows = [['in one process, whole corpus', 'wall ms', 'CPU ms', 'files/s', 'wall ratio to floor', 'CPU ratio to floor']];
  const row = (name, m) => [name, ms(m.wall), ms(m.cpu), (r.files / (m.wall / 1000)).toFixed(0), ratio(m.wall, r.floor.wall), ratio(m.cpu, r.floor.cpu)];
  rows.push(row('dockerfile-ast parse (floor)', r.floor));
  rows.push(row('layerlint model only (BuildFile)', r.model));
  rows.push(row(`layerlint, preset all (${r.findings} findings)`, r.layerlint));
  if (r.dockerfileUtils) rows.push(row('dockerfile-utils validate', r.dockerfileUtils));
  printTable(`(a) ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB, one process, files in memory; peak RSS ${mb(r.maxRSSMB)} MB`, rows);
  if (r.dockerfileUtils) console.log(`dockerfile-utils / layerlint: wall ${ratio(r.dockerfileUtils.wall, r.layerlint.wall)}, CPU ${ratio(r.dockerfileUtils.cpu, r.layerlint.cpu)}`);

  // (a) as processes over the files tally can parse (all files when tally is not there).
  const tally = peers.tally ? tallyParseable(stagedFiles) : { parseable: stagedFiles, excluded: [] };
  const set = tally.parseable;
  const commands = [
    () => measure(process.execPath, [path.join(here, 'lib/floor-cli.js'), ...set]),
    () => measure(process.execPath, [...LINT, ...set]),
  ];
  const names = ['node: load dockerfile-ast, parse every file (floor)', 'layerlint CLI, preset all, json'];
  if (peers.dockerfileUtils) {
    commands.push(() => measure(process.execPath, [path.join(here, 'lib/utils-cli.js'), ...set]));
    names.push('node: load dockerfile-utils, validate every file');
  }
  const tallyRow = commands.length;
  if (peers.tally) {
    commands.push(() => sum(chunks(set, 200).map((batch) => measure(tallyBin, [...TALLY_BASE, ...TALLY_NO_SHELLCHECK, ...batch]))));
    names.push('tally without ShellCheck (batches of 200)');
  }
  const results = rounds(commands, runs);
  const rows2 = [['CLI processes', 'wall ms', 'CPU ms', 'peak RSS MB', 'wall ratio to layerlint']];
  results.forEach((m, i) => rows2.push([names[i], ms(m.wall), ms(m.cpu), mb(m.rssMB), ratio(m.wall, results[1].wall)]));
  if (withShellcheck && peers.tally && shellcheckAvailable) {
    const heavy = rounds([
      () => measure(process.execPath, [layerlintBin, '--no-config', '--preset', 'all', '--format', 'json', ...set]),
      () => sum(chunks(set, 200).map((batch) => measure(tallyBin, [...TALLY_BASE, ...batch]))),
    ], heavyRuns);
    rows2.push(['layerlint CLI, preset all + shellcheck rule', ms(heavy[0].wall), ms(heavy[0].cpu), mb(heavy[0].rssMB), ratio(heavy[0].wall, results[1].wall)]);
    rows2.push(['tally with its ShellCheck (batches of 200)', ms(heavy[1].wall), ms(heavy[1].cpu), mb(heavy[1].rssMB), ratio(heavy[1].wall, results[1].wall)]);
    console.log(`ShellCheck rows: ${heavyRuns} run(s); tally with ShellCheck / layerlint with shellcheck (wall): ${ratio(heavy[1].wall, heavy[0].wall)}`);
  }
  printTable(`(a) ${set.length} files from disk, one process each${peers.tally ? ` (tally cannot parse ${tally.excluded.length} of the ${files.length}: excluded for every row)` : ''}`, rows2);
  console.log(`layerlint / floor (wall): ${ratio(results[1].wall, results[0].wall)}`);
  if (peers.dockerfileUtils) console.log(`dockerfile-utils / layerlint (wall): ${ratio(results[2].wall, results[1].wall)}`);
  if (peers.tally) console.log(`tally / layerlint (wall): ${ratio(results[tallyRow].wall, results[1].wall)}`);
}

if (only.has('b')) {
  const count = Math.max(runs, 11);
  const lines = fs.readFileSync(single, 'utf8').split('\n').length;
  const commands = [
    () => measure(process.execPath, ['-e', '0']),
    () => measure(process.execPath, [path.join(here, 'lib/floor-cli.js'), single]),
    () => measure(process.execPath, [layerlintBin, single]),
    () => measure(process.execPath, [...LINT, single]),
  ];
  const names = ['node -e 0', 'node: load dockerfile-ast, parse the file (floor)', 'layerlint FILE (default config)', 'layerlint --preset all, json'];
  if (peers.tally) {
    commands.push(() => measure(tallyBin, [...TALLY_BASE, ...TALLY_NO_SHELLCHECK, single]));
    names.push('tally without ShellCheck');
    commands.push(() => measure(tallyBin, [...TALLY_BASE, single]));
    names.push('tally (default: with ShellCheck)');
  }
  if (shellcheckAvailable) {
    commands.push(() => measure(process.execPath, [layerlintBin, '--no-config', '--preset', 'all', '--format', 'json', single]));
    names.push('layerlint --preset all + shellcheck rule');
  }
  const results = rounds(commands, count);
  const rows = [['cold process, one file', 'wall ms', 'CPU ms', 'peak RSS MB', 'wall ratio to floor']];
  results.forEach((m, i) => rows.push([names[i], ms(m.wall), ms(m.cpu), mb(m.rssMB), ratio(m.wall, results[1].wall)]));
  printTable(`(b) ${singleName} (${lines} lines), ${count} runs`, rows);
}

if (only.has('c')) {
  const rows = [['synthetic corpus', 'files', 'wall ms', 'CPU ms', 'peak RSS MB', 'ms per 1,000 files', 'time ratio to 1×']];
  let base;
  for (const scale of scales) {
    const dir = synthetic(texts, scale);
    const count = texts.length * scale;
    // Large corpora: no warm-up run (the files were just written or read, so they are in the page cache).
    let m;
    try {
      [m] = rounds([() => measure(process.execPath, [...LINT, dir])], scale >= 100 ? Number(flag('scale-runs', 1)) : scaleRuns, scale < 10);
    } catch (error) {
      rows.push([`${scale}× corpus`, count, `failed: ${String(error.message).split('\n')[0].slice(-120)}`]);
      continue;
    }
    base ??= m;
    rows.push([`${scale}× corpus`, count, ms(m.wall), ms(m.cpu), mb(m.rssMB), ms((m.wall / count) * 1000), `${(m.wall / base.wall).toFixed(1)}× (ideal ${scale / scales[0]}×)`]);
    console.error(`bench: ${rows.at(-1).join(' | ')}`);
  }
  printTable(`(c, d) layerlint CLI, preset all, json report to /dev/null, files found by walking a directory; ${os.cpus().length} CPUs`, rows);
}

/** N copies of the corpus under the temp dir, each file made distinct by a comment line; reused between runs. */
function synthetic(texts, scale) {
  const dir = path.join(os.tmpdir(), `layerlint-bench-x${scale}`);
  const marker = path.join(dir, `.complete-${texts.length}`);
  if (fs.existsSync(marker)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  for (let copy = 0; copy < scale; copy++) {
    const sub = path.join(dir, String(copy).padStart(3, '0'));
    fs.mkdirSync(sub, { recursive: true });
    texts.forEach((text, i) => fs.writeFileSync(path.join(sub, `${i}.Dockerfile`), copy === 0 ? text : Buffer.concat([Buffer.from(`# copy ${copy}\n`), text])));
  }
  fs.writeFileSync(marker, '');
  return dir;
}
