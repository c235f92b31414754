import { describe, expect, it } from 'vitest';
import { BuildFile } from '../../src/model/build-file.js';
import { IdleWarmUp, warmUpPieces } from '../../src/lsp/warm-up.js';

/** `stages` stages of `lines` lines each (FROM plus RUNs), after a global ARG. */
function stagedText(stages: number, lines: number): string {
  const out = ['ARG BASE=debian:12'];
  for (let s = 0; s < stages; s++) {
    out.push(`FROM \${BASE} AS s${s}`);
    for (let i = 1; i < lines; i++) out.push(`RUN echo ${s}-${i}`);
  }
  return `${out.join('\n')}\n`;
}

/** A manual event loop: slices run only when the test says so. */
function manualLoop(): { defer: (slice: () => void) => { cancel(): void }; queued: () => number; runNext: () => void } {
  const queue: (() => void)[] = [];
  return {
    defer: (slice) => {
      queue.push(slice);
      return { cancel: () => queue.splice(queue.indexOf(slice), 1) };
    },
    queued: () => queue.length,
    runNext: () => queue.shift()?.(),
  };
}

describe('warmUpPieces', () => {
  it('cuts at stage starts into pieces of at least 40 lines that together are the document', () => {
    const text = stagedText(12, 15);
    const pieces = warmUpPieces(new BuildFile(text));
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces.slice(0, -1)) expect(piece.split('\n').length - 1).toBeGreaterThanOrEqual(40);
    for (const piece of pieces.slice(1)) expect(piece).toMatch(/^FROM /);
  });

  it('keeps a document without stages, or with one huge stage, whole', () => {
    expect(warmUpPieces(new BuildFile('ARG A=1\n'))).toEqual(['ARG A=1\n']);
    const one = stagedText(1, 300);
    expect(warmUpPieces(new BuildFile(one))).toEqual([one]);
  });
});

describe('IdleWarmUp', () => {
  const slowModel = new BuildFile(stagedText(12, 15));

  it('does nothing after a quick lint', () => {
    const loop = manualLoop();
    const warmUp = new IdleWarmUp({ defer: loop.defer, slowLintMs: 20 });
    warmUp.offer(slowModel, 5, () => undefined);
    expect(loop.queued()).toBe(0);
  });

  it('lints the pieces in turn, one per idle slice, until the budget is spent', () => {
    const loop = manualLoop();
    let clock = 0;
    const linted: string[] = [];
    const warmUp = new IdleWarmUp({ defer: loop.defer, budgetMs: 100, slowLintMs: 20, now: () => clock });
    warmUp.offer(slowModel, 50, (text) => {
      linted.push(text);
      clock += 30;
    });
    expect(loop.queued()).toBe(1);
    expect(linted).toEqual([]);
    loop.runNext();
    expect(linted).toHaveLength(1);
    expect(loop.queued()).toBe(1);
    while (loop.queued() > 0) loop.runNext();
    // 30 ms each: the fourth slice reaches the 100 ms budget, and then nothing more is scheduled.
    expect(linted).toHaveLength(4);
    const pieces = warmUpPieces(slowModel);
    expect(linted).toEqual([pieces[0], pieces[1], pieces[2], pieces[3 % pieces.length]]);
    expect(warmUp.spent).toBe(120);
    warmUp.offer(slowModel, 50, () => linted.push('again'));
    expect(loop.queued()).toBe(0);
  });

  it('stops when work is scheduled and resumes on the next offer', () => {
    const loop = manualLoop();
    let linted = 0;
    const warmUp = new IdleWarmUp({ defer: loop.defer, budgetMs: 1000, slowLintMs: 20 });
    warmUp.offer(slowModel, 50, () => linted++);
    loop.runNext();
    warmUp.pause();
    expect(loop.queued()).toBe(0);
    expect(linted).toBe(1);
    warmUp.offer(slowModel, 50, () => linted++);
    warmUp.offer(slowModel, 50, () => linted++);
    expect(loop.queued()).toBe(1);
    loop.runNext();
    expect(linted).toBe(2);
  });

  it('keeps going when a warm-up lint throws', () => {
    const loop = manualLoop();
    let calls = 0;
    const warmUp = new IdleWarmUp({ defer: loop.defer, budgetMs: 1000, slowLintMs: 20 });
    warmUp.offer(slowModel, 50, () => {
      calls++;
      throw new Error('boom');
    });
    loop.runNext();
    loop.runNext();
    expect(calls).toBe(2);
  });
});
