import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { activeRules } from '../engine/active-rules.js';
import { decodeBuildFile } from '../engine/decode.js';
import { buildModel, type LintTextOptions } from '../engine/lint.js';
import {
  mapShellCheckOutput,
  noScripts,
  parseJson1,
  childProcess,
  runShellCheck,
  SHELLCHECK_TIMEOUT,
  shellCheckArgs,
  shellCheckInputs,
  shellCheckOptions,
  shellCheckOptionsKey,
  spawnErrorNotice,
  unavailableResults,
  type Json1Comment,
  type ShellCheckInput,
  type ShellCheckOptions,
  type ShellCheckResults,
} from '../engine/shellcheck.js';
import type { BuildFile } from '../model/build-file.js';
import { describeReadError, isIgnored, lintOptionsFor, readRegularFile, type LintSetup } from './lint-file.js';

/**
 * The `shellcheck` rule in the CLI's sequential path, as a pipeline (docs/performance.md,
 * "ShellCheck batches"). Linting one file after another, each with its own synchronous
 * ShellCheck process, leaves the main thread and the other cores idle while ShellCheck runs,
 * and pays ShellCheck's start-up once per file. Instead, files ahead of the one being linted
 * are read, resolved and modelled here; the POSIX RUN scripts of consecutive files with the
 * same ShellCheck options are collected into batches, and each batch runs as ONE asynchronous
 * `shellcheck --format=json1` process over all its scripts (named `<file>-run<script>.sh`, so
 * json1's `file` field maps each comment back to its build file), with up to `processes` of
 * them running while the main thread lints the files whose results are in.
 *
 * Every file is then linted exactly as the synchronous path would (`lintText` with the model
 * built here and the file's mapped results): same findings, order, notices and exit code. A
 * missing binary gives every file of the batch the notice a per-file run gives. A batch that
 * fails in any other way (time-out, no json1 output, a crash) is run again file by file with
 * `runShellCheck`, so each file gets exactly what it gets today and one pathological script
 * cannot lose a whole batch's findings. Files that are ignored, unreadable, unparsable or
 * whose config turns the rule off have no batch entry. Only a window of files ahead is held.
 */

/** A file of the run, in discovery order. */
export interface PipelineFile {
  display: string;
  absolute: string;
}

/** What `take` hands the lint loop for one file. */
export interface Prefetched {
  bytes: Buffer | undefined;
  readError: string | undefined;
  /** The file's lint options (with the prebuilt model and its ShellCheck results), when resolved here. */
  lint: { settings: ResolvedConfig; options: LintTextOptions } | undefined;
}

export interface PipelineOptions {
  reportUnusedIgnores: boolean;
  /** ShellCheck processes running at once (default: `defaultProcesses()`). */
  processes?: number;
  /** Most scripts in one batch (a file with more forms a batch of its own). */
  maxScripts?: number;
  /** Most characters of script text in one batch. */
  maxChars?: number;
  /** Most files read and modelled ahead of the one being linted. */
  maxAhead?: number;
  /** Per-file time-out in milliseconds; a batch gets it times its files (up to TIMEOUT_FILES). */
  timeout?: number;
  /** Called with each batch process's script file names as it starts (tests). */
  onSpawn?: (names: readonly string[]) => void;
}

/** Measured on 2 cores (docs/performance.md, "ShellCheck batches"). */
export const BATCH_SCRIPTS = 200;
export const BATCH_CHARS = 1024 * 1024;
export const MAX_AHEAD = 400;
/** The least scripts a batch is sealed with towards the end of a run (`cap`). */
const MIN_BATCH_SCRIPTS = 25;
/** A batch's time-out is the per-file time-out times its files, but at most this many times. */
export const TIMEOUT_FILES = 5;
/** ShellCheck's json1 output of one batch above this is treated as a failure (run file by file). */
const MAX_OUTPUT = 256 * 1024 * 1024;

/** One ShellCheck process per CPU (docs/performance.md, "ShellCheck batches"). */
export function defaultProcesses(): number {
  return Math.max(1, os.availableParallelism());
}

/**
 * ShellCheck processes for a run: `LAYERLINT_SHELLCHECK_PROCESSES=N` sets them, `0` turns the
 * pipeline off (one synchronous process per file, as `--fix` runs do); else one per CPU.
 */
export function shellCheckProcesses(env: NodeJS.ProcessEnv): number {
  const requested = env.LAYERLINT_SHELLCHECK_PROCESSES;
  const parsed = requested === undefined || requested.trim() === '' ? Number.NaN : Number(requested);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : defaultProcesses();
}

interface Member {
  entry: Entry;
  inputs: ShellCheckInput[];
}

/** A retry: the file's batch failed; it gets its own synchronous run, exactly as without the pipeline. */
const RETRY = 'retry';

interface Batch {
  key: string;
  options: ShellCheckOptions;
  members: Member[];
  scripts: number;
  chars: number;
  state: 'open' | 'queued' | 'running' | 'done';
  results: (ShellCheckResults | typeof RETRY)[];
  finished: Promise<void>;
  resolve: () => void;
  child?: ChildProcess;
  dir?: string;
}

interface Entry {
  bytes: Buffer | undefined;
  readError: string | undefined;
  lint: { settings: ResolvedConfig; options: LintTextOptions } | undefined;
  /** Set when the shellcheck rule is on and the file has a model. */
  model?: BuildFile;
  options?: ShellCheckOptions;
  batch?: Batch;
  member?: number;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class ShellCheckPipeline {
  private readonly processes: number;
  private readonly maxScripts: number;
  private readonly maxChars: number;
  private readonly maxAhead: number;
  private readonly timeout: number | undefined;
  private readonly entries = new Map<number, Entry>();
  /** The next file to prepare. */
  private next = 0;
  /** The next file `take` hands out. */
  private consumer = 0;
  private open: Batch | undefined;
  private readonly queue: Batch[] = [];
  private readonly running = new Set<Batch>();
  private closed = false;
  /** Scripts of the files prepared so far. */
  private scripts = 0;

  constructor(
    private readonly files: readonly PipelineFile[],
    private readonly setup: LintSetup,
    private readonly cwd: string,
    private readonly options: PipelineOptions,
  ) {
    this.processes = Math.max(1, options.processes ?? defaultProcesses());
    this.maxScripts = Math.max(1, options.maxScripts ?? BATCH_SCRIPTS);
    this.maxChars = Math.max(1, options.maxChars ?? BATCH_CHARS);
    this.maxAhead = Math.max(1, options.maxAhead ?? MAX_AHEAD);
    this.timeout = options.timeout;
  }

  /** The file at `index` (called with 0, 1, 2, ... in turn), with its ShellCheck results when the rule is on. */
  async take(index: number): Promise<Prefetched> {
    if (index !== this.consumer) throw new Error(`the ShellCheck pipeline hands out files in order (asked for ${index}, next is ${this.consumer})`);
    while (this.next <= index) await this.prepareNext();
    const entry = this.entries.get(index) as Entry;
    this.entries.delete(index);
    this.consumer = index + 1;
    const batch = entry.batch;
    if (batch) {
      if (batch.state === 'open') this.seal(batch);
      // While ShellCheck works on this file's batch, prepare the files after it.
      await this.fill(() => batch.state === 'done');
      await batch.finished;
      const result = batch.results[entry.member as number] as ShellCheckResults | typeof RETRY;
      batch.results[entry.member as number] = RETRY; // release it
      const shellcheck = result === RETRY ? runShellCheck(entry.model as BuildFile, entry.options as ShellCheckOptions) : result;
      return this.withResults(entry, shellcheck);
    }
    await this.fill(() => false);
    return entry.model ? this.withResults(entry, noScripts()) : { bytes: entry.bytes, readError: entry.readError, lint: entry.lint };
  }

  /** Files read and held ahead of the next one `take` hands out (at most `maxAhead`). */
  get held(): number {
    return this.entries.size;
  }

  /** Stops every process still running and removes their scripts (the run ended or failed). */
  close(): void {
    this.closed = true;
    for (const batch of this.running) {
      batch.child?.kill('SIGTERM');
      this.cleanUp(batch);
    }
    this.running.clear();
    this.queue.length = 0;
    this.entries.clear();
  }

  private withResults(entry: Entry, shellcheck: ShellCheckResults): Prefetched {
    const lint = entry.lint as NonNullable<Entry['lint']>;
    return { bytes: entry.bytes, readError: entry.readError, lint: { settings: lint.settings, options: { ...lint.options, model: entry.model, shellcheck } } };
  }

  /** Batches queued or running. */
  private pending(): number {
    return this.queue.length + this.running.size;
  }

  private canPrepare(): boolean {
    return this.next < this.files.length && this.next - this.consumer < this.maxAhead && this.pending() <= this.processes;
  }

  /** Prepares files ahead until the window is full, every process has work and the next batch is full, or `stop()`. */
  private async fill(stop: () => boolean): Promise<void> {
    while (!stop() && this.canPrepare()) {
      await this.prepareNext();
      // Lets finished processes report (and the next batch start) between files. Without one
      // running (the rule is off, or no batch yet) a turn per file would only cost time.
      if (this.running.size > 0) await nextTurn();
    }
    // Nothing more to add for now: an idle process takes what there is.
    const open = this.open;
    if (open && !stop() && this.running.size < this.processes && this.queue.length === 0 && !this.canPrepare()) this.seal(open);
  }

  private async prepareNext(): Promise<void> {
    const index = this.next++;
    const entry = await this.prepare(this.files[index] as PipelineFile);
    this.entries.set(index, entry);
    if (this.next >= this.files.length && this.open) this.seal(this.open);
  }

  /**
   * Reads and resolves a file as the lint loop would; when the shellcheck rule is on, models it
   * and adds its scripts to a batch. Any error here only means "no entry": the lint loop
   * resolves the file again and meets the same error in its turn.
   */
  private async prepare(file: PipelineFile): Promise<Entry> {
    const entry: Entry = { bytes: undefined, readError: undefined, lint: undefined };
    try {
      entry.bytes = readRegularFile(file.absolute);
    } catch (error) {
      entry.readError = describeReadError(error);
    }
    if (entry.bytes === undefined) return entry;
    let inputs: ShellCheckInput[];
    try {
      const config = await this.setup.loader.forFile(file.absolute);
      if (isIgnored(config.ignore, config.baseDir ?? this.cwd, file.absolute)) return entry;
      entry.lint = await lintOptionsFor(this.setup, config, file.absolute, false, this.options.reportUnusedIgnores);
      const rule = activeRules(entry.lint.settings, entry.lint.options.registry).find((active) => active.rule.meta.id === 'shellcheck');
      if (!rule) return entry;
      const decoded = decodeBuildFile(entry.bytes);
      const model = decoded.ok ? buildModel(decoded.text, entry.lint.settings) : undefined;
      if (!model) return entry;
      const options = shellCheckOptions(rule.options);
      inputs = shellCheckInputs(model, options);
      entry.model = model;
      entry.options = options;
    } catch {
      // lintText (or the lint loop) meets the same error in its turn.
      return entry;
    }
    if (inputs.length > 0) this.add(entry, inputs);
    return entry;
  }

  private add(entry: Entry, inputs: ShellCheckInput[]): void {
    const options = entry.options as ShellCheckOptions;
    const key = shellCheckOptionsKey(options);
    const chars = inputs.reduce((sum, input) => sum + input.text.length, 0);
    let batch = this.open;
    if (batch && (batch.key !== key || batch.scripts + inputs.length > this.maxScripts || batch.chars + chars > this.maxChars)) {
      this.seal(batch);
      batch = undefined;
    }
    if (!batch) {
      let resolve = (): void => undefined;
      const finished = new Promise<void>((done) => (resolve = done));
      batch = { key, options, members: [], scripts: 0, chars: 0, state: 'open', results: [], finished, resolve };
      this.open = batch;
    }
    entry.batch = batch;
    entry.member = batch.members.length;
    batch.members.push({ entry, inputs });
    batch.scripts += inputs.length;
    this.scripts += inputs.length;
    batch.chars += chars;
    if (batch.scripts >= this.cap() || batch.chars >= this.maxChars) this.seal(batch);
  }

  /**
   * The scripts a batch gets before it is sealed: `maxScripts`, but towards the end of the run
   * the remaining scripts (estimated from the files so far) shared by the processes, so the
   * last batches are small and the processes finish together instead of one running alone.
   */
  private cap(): number {
    const perFile = this.scripts / Math.max(1, this.next);
    const remaining = (this.files.length - this.next) * perFile;
    return Math.min(this.maxScripts, Math.max(MIN_BATCH_SCRIPTS, Math.ceil(remaining / this.processes)));
  }

  private seal(batch: Batch): void {
    if (batch.state !== 'open') return;
    if (this.open === batch) this.open = undefined;
    batch.state = 'queued';
    this.queue.push(batch);
    this.startQueued();
  }

  private startQueued(): void {
    while (!this.closed && this.running.size < this.processes && this.queue.length > 0) this.start(this.queue.shift() as Batch);
  }

  private start(batch: Batch): void {
    batch.state = 'running';
    this.running.add(batch);
    const names = batch.members.flatMap((member, k) => member.inputs.map((_, j) => `${k + 1}-run${j + 1}.sh`));
    let settled = false;
    const stdout: Buffer[] = [];
    let outputSize = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: { error?: NodeJS.ErrnoException; failed?: boolean }): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      this.cleanUp(batch);
      this.running.delete(batch);
      if (!this.closed) {
        batch.results = this.results(batch, names, outcome, Buffer.concat(stdout).toString('utf8'));
      }
      batch.members = [];
      batch.state = 'done';
      batch.resolve();
      this.startQueued();
    };
    try {
      batch.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-shellcheck-'));
      let n = 0;
      for (const member of batch.members) for (const input of member.inputs) fs.writeFileSync(path.join(batch.dir, names[n++] as string), input.text);
      this.options.onSpawn?.(names);
      const { spawn } = childProcess();
      const child = spawn(batch.options.path, [...shellCheckArgs(batch.options), ...names], { cwd: batch.dir, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
      batch.child = child;
      const perFile = this.timeout ?? batch.options.timeout ?? SHELLCHECK_TIMEOUT;
      timer = setTimeout(() => {
        child.kill('SIGTERM');
        finish({ failed: true });
      }, perFile * Math.min(batch.members.length, TIMEOUT_FILES));
      child.stdout.on('data', (chunk: Buffer) => {
        outputSize += chunk.length;
        if (outputSize > MAX_OUTPUT) {
          child.kill('SIGTERM');
          finish({ failed: true });
        } else stdout.push(chunk);
      });
      child.on('error', (error) => finish({ error }));
      child.on('close', () => finish({}));
    } catch {
      finish({ failed: true });
    }
  }

  private cleanUp(batch: Batch): void {
    if (batch.dir === undefined) return;
    fs.rmSync(batch.dir, { recursive: true, force: true });
    batch.dir = undefined;
  }

  /** Each member's results from the process's outcome. */
  private results(batch: Batch, names: readonly string[], outcome: { error?: NodeJS.ErrnoException; failed?: boolean }, stdout: string): (ShellCheckResults | typeof RETRY)[] {
    const { members, options } = batch;
    // A missing binary: what a per-file run says, for every file (the CLI prints it once).
    if (outcome.error?.code === 'ENOENT') return members.map(() => unavailableResults(spawnErrorNotice(options, 'ENOENT', outcome.error?.message ?? ''), 1));
    const comments = outcome.error || outcome.failed ? undefined : parseJson1(stdout);
    // Anything else (the notice names exit codes and stderr of a per-file run): run each file alone.
    if (!comments) return members.map(() => RETRY);
    const byFile = new Map<number, Json1Comment[]>();
    const owner = new Map<string, number>();
    let n = 0;
    members.forEach((member, k) => member.inputs.forEach(() => owner.set(names[n++] as string, k)));
    for (const comment of comments) {
      const k = owner.get(comment.file);
      if (k === undefined) continue;
      let list = byFile.get(k);
      if (!list) byFile.set(k, (list = []));
      list.push(comment);
    }
    return members.map((member, k): ShellCheckResults | typeof RETRY => {
      const own = member.inputs.map((_, j) => `${k + 1}-run${j + 1}.sh`);
      try {
        return { available: true, notice: undefined, findings: mapShellCheckOutput(member.entry.model as BuildFile, member.inputs, byFile.get(k) ?? [], own), spawns: 1 };
      } catch {
        return RETRY;
      }
    });
  }
}
