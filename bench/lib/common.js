// Shared helpers of the benchmark scenarios: timing child processes (wall, CPU and peak memory
// through /usr/bin/time), medians, the on-demand peers, tally's batches and the result table.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const root = path.resolve(here, '..');
export const corpusDir = path.resolve(root, '../shared/corpus/files');
export const peersDir = path.join(here, '.peers');
/**
 * The build to measure: `dist` unless `--dist DIR` (or LAYERLINT_BENCH_DIST) names another, e.g. a
 * private `tsc --outDir` + `node scripts/bundle.mjs DIR` build that a concurrent `npm run build`
 * cannot change halfway through a run.
 */
const distFlag = process.argv.indexOf('--dist');
export const distDir = path.resolve(root, distFlag === -1 ? (process.env.LAYERLINT_BENCH_DIST ?? 'dist') : process.argv[distFlag + 1]);
process.env.LAYERLINT_BENCH_DIST = distDir;
export const layerlintBin = path.join(distDir, 'src/cli/bin.js');
export const tallyBin = path.join(peersDir, 'node_modules/@wharflab/tally-linux-x64/bin/tally');
export const PEERS = { 'dockerfile-utils': '0.16.3', '@wharflab/tally-linux-x64': '0.45.0' };

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function corpusFiles() {
  return fs.readdirSync(corpusDir).sort().map((name) => path.join(corpusDir, name));
}

/** Installs the peers into bench/.peers (ignored by git) unless they are there; returns which are usable. */
export function ensurePeers({ install = true } = {}) {
  const missing = Object.entries(PEERS).filter(([name]) => !fs.existsSync(path.join(peersDir, 'node_modules', name, 'package.json')));
  if (missing.length > 0 && install) {
    console.error(`bench: installing ${missing.map(([n, v]) => `${n}@${v}`).join(', ')} into bench/.peers`);
    const result = spawnSync('npm', ['install', '--prefix', peersDir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', ...missing.map(([n, v]) => `${n}@${v}`)], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) console.error('bench: could not install the peers; their rows are skipped');
  }
  return {
    dockerfileUtils: fs.existsSync(path.join(peersDir, 'node_modules/dockerfile-utils/package.json')),
    tally: fs.existsSync(tallyBin),
  };
}

/**
 * Runs a command under /usr/bin/time; returns wall ms (measured here), CPU ms (user + sys of
 * the process tree) and peak resident memory (MB) of the largest process.
 */
export function measure(command, args, { cwd = root, env = process.env, okCodes = [0, 1] } = {}) {
  const haveTime = fs.existsSync('/usr/bin/time');
  const cmd = haveTime ? '/usr/bin/time' : command;
  const argv = haveTime ? ['-f', '@@BENCH %U %S %M', command, ...args] : args;
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = result.stderr?.toString() ?? '';
  if (!okCodes.includes(result.status ?? -1)) throw new Error(`${command} ${args.slice(0, 6).join(' ')} … exited ${result.status}: ${stderr.slice(-2000)}`);
  const line = /@@BENCH (\S+) (\S+) (\d+)/.exec(stderr);
  return { wall, cpu: line ? (Number(line[1]) + Number(line[2])) * 1000 : NaN, rssMB: line ? Number(line[3]) / 1024 : NaN, stderr };
}

/** Several measurements merged: times add up, memory is the largest. */
export function sum(measurements) {
  return {
    wall: measurements.reduce((s, m) => s + m.wall, 0),
    cpu: measurements.reduce((s, m) => s + m.cpu, 0),
    rssMB: Math.max(...measurements.map((m) => m.rssMB)),
  };
}

export function chunks(list, size) {
  const out = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export const TALLY_BASE = ['lint', '--no-config', '--slow-checks', 'off', '--format', 'json'];
export const TALLY_NO_SHELLCHECK = ['--ignore', 'shellcheck/*'];

/**
 * tally stops a whole batch at the first file BuildKit cannot parse (exit 4, `Error: FILE:LINE: ...`).
 * Finds those files by running the batches, dropping the named file and retrying; the answer is
 * kept in bench/.peers keyed by the file list and tally's version.
 */
export function tallyParseable(files) {
  const version = spawnSync(tallyBin, ['--version']).stdout?.toString().trim() ?? '';
  const key = crypto.createHash('sha256').update(version).update(files.join('\n')).digest('hex').slice(0, 16);
  const cacheFile = path.join(peersDir, `tally-unparseable-${key}.json`);
  if (fs.existsSync(cacheFile)) {
    const excluded = new Set(JSON.parse(fs.readFileSync(cacheFile, 'utf8')));
    return { parseable: files.filter((f) => !excluded.has(f)), excluded: [...excluded] };
  }
  const excluded = [];
  for (const batch of chunks(files, 200)) {
    let pending = batch;
    for (;;) {
      const result = spawnSync(tallyBin, [...TALLY_BASE, ...TALLY_NO_SHELLCHECK, ...pending], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
      if (result.status === 0 || result.status === 1) break;
      const stderr = result.stderr.toString();
      const bad = pending.find((file) => stderr.includes(`Error: ${file}:`) || stderr.includes(`${file}:`));
      if (!bad) throw new Error(`tally failed on a batch without naming a file: ${stderr.slice(0, 500)}`);
      excluded.push(bad);
      pending = pending.filter((file) => file !== bad);
    }
  }
  fs.mkdirSync(peersDir, { recursive: true });
  fs.writeFileSync(cacheFile, JSON.stringify(excluded));
  return { parseable: files.filter((f) => !excluded.includes(f)), excluded };
}

export function machine() {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'} ×${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}, ${new Date().toISOString().slice(0, 10)}`;
}

export function printTable(title, rows) {
  const header = rows[0];
  const widths = header.map((_, i) => Math.max(...rows.map((row) => String(row[i] ?? '').length)));
  console.log(`\n${title}`);
  rows.forEach((row, r) => {
    console.log(`| ${row.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join(' | ')} |`);
    if (r === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  });
}

export const ms = (value) => (Number.isFinite(value) ? value.toFixed(0) : '–');
export const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–');
export const mb = (value) => (Number.isFinite(value) ? value.toFixed(0) : '–');
