import v8 from 'node:v8';

/**
 * V8 flags for the CLI's process, set before the engine is loaded. A lint runs ~115 rules and a
 * shell parser: a lot of code, each function hot only briefly, so most of a short run's CPU time
 * is spent before V8 has optimized it. Without inlining, TurboFan's jobs are several times
 * smaller and finish sooner, and the optimized code is hardly slower here: the CLI over the
 * corpus used about a quarter less CPU (docs/performance.md, "V8's optimizing compiler in the
 * CLI"). A function is also optimized only after about three times as much interpreted work as
 * V8's default (Node 20: 67,584 bytes of bytecode run): over the corpus TurboFan then compiles
 * fewer functions that would not have paid back, for ~15% less CPU and ~4% less wall time, while
 * a single file and a run of 14,200 files measured the same. The build applies the same flags
 * before writing the code cache, since V8 rejects a cache made under other flags. A run of many files turns inlining back on before it starts
 * (tuneV8ForRun), and the long-lived language server never turns it off.
 */
export const V8_FLAGS = ['--no-turbo-inlining', '--interrupt-budget=196608'];

export function applyV8Flags(): void {
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
}

/**
 * From about this many files per thread, inlining pays back its slower start: once warm, the
 * lint runs about a tenth faster with it, and the start costs ~0.6 s more over the first
 * ~1,400 files (docs/performance.md).
 */
export const INLINING_PAYS_FROM_FILES = 5000;

export function inliningPays(filesPerThread: number): boolean {
  return filesPerThread >= INLINING_PAYS_FROM_FILES;
}

/** Before the lint starts: long runs get inlining back (the flags are read by every later compile job). */
export function tuneV8ForRun(filesPerThread: number): void {
  if (inliningPays(filesPerThread)) v8.setFlagsFromString('--turbo-inlining');
}
