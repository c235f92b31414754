import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import type { CliOverrides } from '../config/resolve.js';
import type { Finding, Severity } from '../engine/types.js';

/**
 * Many files: linting runs in worker threads, one per CPU, when a run has at least this many
 * files (below it, starting the workers costs more than they save; docs/performance.md).
 */
export const PARALLEL_THRESHOLD = 200;
/**
 * Workers by default only with at least this many CPUs: on 2 cores a sequential run already
 * keeps the second core busy with V8's garbage collector and compiler threads, and two workers
 * (each warming up its own JIT) measured no faster (docs/performance.md, "Worker threads").
 * `LAYERLINT_WORKERS=N` uses N workers on any machine.
 */
export const MIN_CPUS = 3;
/** Files sent to a worker at a time: small enough to balance the load, large enough to keep messages rare. */
const BATCH_SIZE = 8;

/** What each worker needs to lint a file as the main thread would. */
export interface WorkerSetup {
  cwd: string;
  overrides: CliOverrides;
  reportUnusedIgnores: boolean;
  /** Send the file's text back (the format prints or fingerprints it). */
  keepSource: boolean;
}

/** A worker's answer for one file; main.ts reports it exactly as the sequential path would. */
export type FileOutcome =
  | { kind: 'error'; warnings: string[]; usage: boolean; message: string }
  | { kind: 'ignored'; warnings: string[] }
  | { kind: 'unreadable'; warnings: string[]; readError: string; threshold: Severity | 'none' }
  | {
      kind: 'linted';
      warnings: string[];
      threshold: Severity | 'none';
      findings: Finding[];
      source: string | undefined;
      notices: string[];
      failures: { ruleId: string; message: string }[];
    };

export interface WorkerRequest {
  batch: number;
  files: string[];
}
export interface WorkerReply {
  batch: number;
  outcomes: FileOutcome[];
}

/**
 * How many workers to use: 0 (lint in this thread) unless there are PARALLEL_THRESHOLD files or
 * more, MIN_CPUS CPUs or more, and the run needs no sequential path (`--fix`, `--fix-dry-run`,
 * standard input and `--cache` stay sequential). `LAYERLINT_WORKERS=0` turns workers off,
 * `LAYERLINT_WORKERS=N` sets their number.
 */
export function useWorkers(fileCount: number, env: NodeJS.ProcessEnv, options: { sequential: boolean }): number {
  if (options.sequential || fileCount < PARALLEL_THRESHOLD) return 0;
  const requested = env.LAYERLINT_WORKERS;
  const parsed = requested === undefined || requested.trim() === '' ? Number.NaN : Number(requested);
  const cpus = os.availableParallelism();
  const count = Number.isInteger(parsed) && parsed >= 0 ? parsed : cpus >= MIN_CPUS ? cpus : 0;
  if (count <= 1 || workerScript() === undefined) return 0;
  return Math.min(count, Math.ceil(fileCount / BATCH_SIZE));
}

/**
 * The worker entry next to this module: its bundle (scripts/bundle.mjs) when at least as new as
 * the tsc output, else the tsc output. This module's URL is `dist/src/cli/parallel.js` or, in the
 * bundled CLI, `dist/src/cli/main.bundle.js`: the same directory. Undefined when neither exists
 * (e.g. running from the TypeScript sources): the run stays sequential.
 */
function workerScript(): URL | undefined {
  const plain = new URL('./parallel-worker.js', import.meta.url);
  const bundle = new URL('./parallel-worker.bundle.js', import.meta.url);
  try {
    const plainTime = fs.statSync(plain).mtimeMs;
    try {
      return fs.statSync(bundle).mtimeMs >= plainTime ? bundle : plain;
    } catch {
      return plain;
    }
  } catch {
    return undefined;
  }
}

/**
 * Lints the files in `workers` worker threads and calls `onOutcome` for each file in the given
 * order (a streaming report gets the files as a sequential run would). An error thrown by
 * `onOutcome` stops the workers and rejects.
 */
export async function lintInWorkers<F extends { absolute: string }>(
  files: readonly F[],
  workers: number,
  setup: WorkerSetup,
  onOutcome: (file: F, outcome: FileOutcome) => void,
): Promise<void> {
  const script = workerScript();
  if (script === undefined) throw new Error('the worker script is missing');
  // Loaded on first use: runs of fewer files never load worker_threads (CLI cold start, docs/performance.md).
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof WorkerThreads;
  const pool: WorkerThreads.Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const pending = new Map<number, FileOutcome>();
      let nextBatch = 0;
      let nextReport = 0;
      let settled = false;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      const send = (worker: WorkerThreads.Worker): void => {
        const start = nextBatch * BATCH_SIZE;
        if (start >= files.length) return;
        const request: WorkerRequest = { batch: nextBatch++, files: files.slice(start, start + BATCH_SIZE).map((file) => file.absolute) };
        worker.postMessage(request);
      };
      const onReply = (worker: WorkerThreads.Worker, reply: WorkerReply): void => {
        if (settled) return;
        reply.outcomes.forEach((outcome, i) => pending.set(reply.batch * BATCH_SIZE + i, outcome));
        send(worker);
        try {
          for (let outcome = pending.get(nextReport); outcome !== undefined; outcome = pending.get(nextReport)) {
            pending.delete(nextReport);
            onOutcome(files[nextReport] as F, outcome);
            nextReport++;
          }
        } catch (error) {
          fail(error);
          return;
        }
        if (nextReport >= files.length && !settled) {
          settled = true;
          resolve();
        }
      };
      for (let i = 0; i < workers; i++) {
        const worker = new Worker(script, { workerData: setup });
        pool.push(worker);
        worker.on('message', (reply: WorkerReply) => onReply(worker, reply));
        worker.on('error', fail);
        worker.on('exit', (code) => fail(new Error(`a lint worker stopped (exit code ${code})`)));
        // Two batches in flight per worker, so none waits for the main thread between batches.
        send(worker);
        send(worker);
      }
    });
  } finally {
    for (const worker of pool) {
      worker.removeAllListeners('exit');
      void worker.terminate();
    }
  }
}
