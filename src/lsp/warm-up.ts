import type { BuildFile } from '../model/build-file.js';

/**
 * Idle-time warm-up of V8's optimizing compiler for large documents.
 *
 * A lint runs a lot of code (~115 rules and a shell parser), and V8 optimizes it only after it
 * has run a while: in a fresh server the first ~20 re-lints of a 2,000-line file take about
 * twice as long as later ones, which is what a user typing right after opening the file feels.
 * V8 cannot keep optimized code between processes, so the server spends a bounded amount of
 * otherwise idle time linting pieces of the document it just published and discards the
 * results. Each piece is a few stages (tens of lines), so a keystroke arriving meanwhile waits
 * for one small lint at most, and any scheduled lint stops the warm-up until the next publish.
 * Documents that lint quickly never start it.
 */

/** A document whose lint took at least this long (ms) is worth warming up for. */
export const SLOW_LINT_MS = 20;
/** The most time (ms) one server spends on warm-up lints, in total. */
export const WARM_UP_BUDGET_MS = 2000;
/** Pieces are whole stages, grouped until they have at least this many lines. */
const PIECE_LINES = 40;

/** The document cut at stage starts into pieces of at least PIECE_LINES lines (the last may be shorter). */
export function warmUpPieces(model: BuildFile): string[] {
  const text = model.text;
  const starts = model.stages.map((stage) => stage.from.token.startOffset).filter((offset) => offset > 0);
  const pieces: string[] = [];
  let pieceStart = 0;
  for (const start of [...starts, text.length]) {
    if (model.lines.positionAt(start).line - model.lines.positionAt(pieceStart).line < PIECE_LINES && start < text.length) continue;
    pieces.push(text.slice(pieceStart, start));
    pieceStart = start;
  }
  return pieces.filter((piece) => piece.trim() !== '');
}

export interface WarmUpOptions {
  budgetMs?: number;
  slowLintMs?: number;
  /** Runs the next slice once the event loop is idle (setImmediate); tests pass their own. */
  defer?: (slice: () => void) => { cancel(): void };
  now?: () => number;
}

export class IdleWarmUp {
  private spentMs = 0;
  private pieces: string[] = [];
  private next = 0;
  private lint: ((text: string) => void) | undefined;
  private pending: { cancel(): void } | undefined;
  private readonly budgetMs: number;
  private readonly slowLintMs: number;
  private readonly defer: NonNullable<WarmUpOptions['defer']>;
  private readonly now: () => number;

  constructor(options: WarmUpOptions = {}) {
    this.budgetMs = options.budgetMs ?? WARM_UP_BUDGET_MS;
    this.slowLintMs = options.slowLintMs ?? SLOW_LINT_MS;
    this.defer =
      options.defer ??
      ((slice) => {
        const handle = setImmediate(slice);
        return { cancel: () => clearImmediate(handle) };
      });
    this.now = options.now ?? (() => performance.now());
  }

  /** Time spent on warm-up lints so far (ms). */
  get spent(): number {
    return this.spentMs;
  }

  /**
   * A lint of `model` that took `lintMs` was just published: while nothing else is scheduled,
   * lint its pieces with `lint` (results discarded) until the budget is spent.
   */
  offer(model: BuildFile | undefined, lintMs: number, lint: (text: string) => void): void {
    if (model === undefined || lintMs < this.slowLintMs || this.spentMs >= this.budgetMs) return;
    this.pieces = warmUpPieces(model);
    this.next = 0;
    this.lint = lint;
    this.pending ??= this.defer(() => this.slice());
  }

  /** Work was scheduled: no warm-up slice runs until the next offer. */
  pause(): void {
    this.pending?.cancel();
    this.pending = undefined;
  }

  private slice(): void {
    this.pending = undefined;
    const piece = this.pieces[this.next];
    if (piece === undefined || this.lint === undefined || this.spentMs >= this.budgetMs) {
      this.release();
      return;
    }
    const started = this.now();
    try {
      this.lint(piece);
    } catch {
      // A warm-up lint's outcome is discarded; the real lint of the document reports failures.
    }
    this.spentMs += this.now() - started;
    this.next = (this.next + 1) % this.pieces.length;
    if (this.spentMs >= this.budgetMs) this.release();
    else this.pending = this.defer(() => this.slice());
  }

  private release(): void {
    this.pieces = [];
    this.lint = undefined;
  }
}
