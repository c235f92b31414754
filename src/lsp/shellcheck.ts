import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/types.js';
import type { Finding } from '../engine/types.js';
import type { Range } from '../model/types.js';
import type { ShellCheckJob, ShellCheckReply } from './shellcheck-worker.js';

/**
 * One worker thread that runs the `shellcheck` rule for the server, a job at a time. A new job
 * for a document replaces that document's queued one (only the latest version matters).
 */
export class ShellCheckRunner {
  private worker: Worker | undefined;
  private nextId = 1;
  private running: { id: number; key: string; resolve: (reply: ShellCheckReply | undefined) => void } | undefined;
  private readonly queue = new Map<string, { job: ShellCheckJob; resolve: (reply: ShellCheckReply | undefined) => void }>();

  constructor(private readonly log: (message: string) => void) {}

  /** Resolves with the shellcheck findings, or undefined when the job was replaced or failed. */
  run(key: string, text: string, config: ResolvedConfig): Promise<ShellCheckReply | undefined> {
    return new Promise((resolve) => {
      this.queue.get(key)?.resolve(undefined);
      this.queue.set(key, { job: { id: this.nextId++, text, config }, resolve });
      this.pump();
    });
  }

  dispose(): void {
    for (const entry of this.queue.values()) entry.resolve(undefined);
    this.queue.clear();
    this.running?.resolve(undefined);
    this.running = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running !== undefined) return;
    const next = this.queue.entries().next();
    if (next.done === true) return;
    const [key, { job, resolve }] = next.value;
    this.queue.delete(key);
    this.running = { id: job.id, key, resolve };
    this.ensureWorker().postMessage(job);
  }

  private ensureWorker(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(new URL('./shellcheck-worker.js', import.meta.url));
    worker.unref();
    worker.on('message', (reply: ShellCheckReply) => {
      const running = this.running;
      if (running === undefined || running.id !== reply.id) return;
      this.running = undefined;
      running.resolve(reply);
      this.pump();
    });
    const restart = (why: string): void => {
      if (this.worker !== worker) return;
      this.log(`layerlint: the shellcheck worker stopped (${why}); restarting it`);
      this.worker = undefined;
      const running = this.running;
      this.running = undefined;
      running?.resolve(undefined);
      this.pump();
    };
    worker.on('error', (error) => restart(error.message));
    worker.on('exit', (code) => restart(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }
}

function shift(range: Range, lines: number): Range {
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

/**
 * The previous version's findings that lie on lines the edit did not touch, moved to where
 * those lines are now (their fixes dropped), so that they stay visible until the new run's
 * findings replace them instead of flickering away on every keystroke.
 */
export function carryOver(previousText: string, findings: readonly Finding[], text: string): Finding[] {
  if (findings.length === 0) return [];
  const before = previousText.split('\n');
  const after = text.split('\n');
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const delta = after.length - before.length;
  const out: Finding[] = [];
  for (const finding of findings) {
    if (finding.range.end.line < prefix) out.push({ ...finding, fix: undefined, related: [] });
    else if (finding.range.start.line >= before.length - suffix) out.push({ ...finding, range: shift(finding.range, delta), fix: undefined, related: [] });
  }
  return out;
}
