// Benchmark: the language server's latency from `textDocument/didChange` to the
// `publishDiagnostics` of that version, on a 2,000-line Dockerfile, every rule on (preset all).
// Spawns the built server over stdio like an editor. The shellcheck rule runs in a worker thread
// and its findings arrive in a second publish for the same version: both latencies are reported.
// Usage: npm run build && node bench/lsp.js [--changes 40] [--lines 2000]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '../dist/src/cli/bin.js');
const corpus = path.resolve(here, '../../shared/corpus/files');
const changesFlag = process.argv.indexOf('--changes');
const changes = changesFlag === -1 ? 40 : Number(process.argv[changesFlag + 1]);
const linesFlag = process.argv.indexOf('--lines');
const LINES = linesFlag === -1 ? 2000 : Number(process.argv[linesFlag + 1]);

/** 2,000 lines of real Dockerfiles (the corpus, concatenated), or a synthetic file without it. */
function bigDockerfile() {
  const lines = [];
  if (fs.existsSync(corpus)) {
    for (const name of fs.readdirSync(corpus).sort()) {
      const text = fs.readFileSync(path.join(corpus, name), 'utf8');
      // Whole files only, so no heredoc or continuation is cut in half.
      const fileLines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
      if (lines.length + fileLines.length > LINES) continue;
      lines.push(...fileLines);
      if (lines.length === LINES) break;
    }
  }
  let i = 0;
  while (lines.length < LINES) {
    const block = [`FROM debian:12 AS s${i}`, 'RUN apt-get update && \\', `    apt-get install -y curl ca-certificates && \\`, '    rm -rf /var/lib/apt/lists/*', `COPY app${i}/ /app/`, 'USER 1000'];
    lines.push(...block.slice(0, LINES - lines.length));
    i++;
  }
  return `${lines.join('\n')}\n`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-lsp-bench-'));
const file = path.join(dir, 'Dockerfile');
const text = bigDockerfile();
fs.writeFileSync(file, text);
const uri = pathToFileURL(file).href;

const child = spawn(process.execPath, [...(process.env.LSP_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), bin, 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
// Publishes per version: the first (in-process rules) and the second (ShellCheck merged in).
const hasShellCheck = spawnSync('shellcheck', ['--version']).status === 0;
const waiting = new Map();
let findings = 0;
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  const waiter = waiting.get(params.version);
  if (!waiter) return;
  const now = process.hrtime.bigint();
  findings = params.diagnostics.length;
  if (waiter.first === undefined) {
    waiter.first = now;
    waiter.resolveFirst(now);
    if (!hasShellCheck) waiter.resolveComplete(now);
  } else {
    waiting.delete(params.version);
    waiter.resolveComplete(now);
  }
});
connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({ preset: 'all' })));
connection.listen();
await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(dir).href,
  capabilities: { workspace: { configuration: true } },
});
await connection.sendNotification('initialized', {});

function published(version) {
  const waiter = {};
  waiter.firstPublish = new Promise((resolve) => (waiter.resolveFirst = resolve));
  waiter.complete = new Promise((resolve) => (waiter.resolveComplete = resolve));
  waiting.set(version, waiter);
  return waiter;
}
let done = published(1);
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
await done.complete;

// Each change types or deletes one character in a RUN line in the middle of the file (incremental sync).
const lines = text.split('\n');
let line = lines.findIndex((l, i) => i >= LINES / 2 && /^RUN /.test(l));
if (line === -1) line = Math.floor(LINES / 2);
const latencies = [];
const completeLatencies = [];
let typed = false;
for (let version = 2; version < changes + 2; version++) {
  const at = { line, character: 4 };
  const change = typed ? { range: { start: at, end: { line, character: 5 } }, text: '' } : { range: { start: at, end: at }, text: 'x' };
  typed = !typed;
  done = published(version);
  const start = process.hrtime.bigint();
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  latencies.push(Number((await done.firstPublish) - start) / 1e6);
  completeLatencies.push(Number((await done.complete) - start) / 1e6);
}

await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();

// The engine's own time for the same text, in this process: the rest of the latency is the server's.
const { createLinter, BUILTIN_RULES } = await import('../dist/src/index.js');
const { lintText } = await import('../dist/src/engine/lint.js');
const { BuildFile } = await import('../dist/src/model/build-file.js');
// The in-process rules only, as the server's main thread runs them (the shellcheck rule runs in its worker).
const linter = createLinter({ cwd: dir, overrides: { noConfig: true, presets: ['all'] }, rules: BUILTIN_RULES.filter((rule) => rule.meta.id !== 'shellcheck') });
const config = await linter.loader.forFile(undefined);
const lintTimes = [];
const lintCpuTimes = [];
const parseTimes = [];
// 60 lints, the last 20 timed: the server's engine is warm by then too (it warms up while idle, src/lsp/warm-up.ts).
for (let i = 0; i < 60; i++) {
  let start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  lintText(text, { config, registry: linter.registry });
  lintTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  const used = process.cpuUsage(cpu);
  lintCpuTimes.push((used.user + used.system) / 1000);
  start = process.hrtime.bigint();
  new BuildFile(text, {});
  parseTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
}
for (const times of [lintTimes, lintCpuTimes, parseTimes]) times.splice(0, 40);

const round = (ms) => Math.round(ms * 10) / 10;
console.log(`Language server: didChange → publishDiagnostics on a ${LINES}-line Dockerfile (${Buffer.byteLength(text)} bytes, preset all, ${findings} findings)`);
console.log(`  changes: ${latencies.length}`);
console.log(`  median:  ${round(median(latencies))} ms (target ≤ 50 ms) — first publish: every rule but shellcheck`);
console.log(`  p90:     ${round(percentile(latencies, 0.9))} ms`);
console.log(`  min/max: ${round(Math.min(...latencies))} / ${round(Math.max(...latencies))} ms`);
// The first changes run while V8 is still compiling the engine's hot code; the second half shows the settled server.
const half = Math.floor(latencies.length / 2);
console.log(`  first half / second half of the changes: median ${round(median(latencies.slice(0, half)))} / ${round(median(latencies.slice(half)))} ms`);
if (hasShellCheck) console.log(`  with ShellCheck merged in (second publish, worker thread): median ${round(median(completeLatencies))} ms, p90 ${round(percentile(completeLatencies, 0.9))} ms`);
else console.log('  (shellcheck is not installed: the shellcheck rule reported nothing)');
console.log(`  of which the engine (median of warm lints in this process, shellcheck excluded): lintText ${round(median(lintTimes))} ms, of that parsing the model ${round(median(parseTimes))} ms`);
console.log(`  engine CPU time per lint (median; what the wall time approaches on an idle machine): ${round(median(lintCpuTimes))} ms`);
console.log(`  load average: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores`);
fs.rmSync(dir, { recursive: true, force: true });
