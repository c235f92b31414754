import v8 from 'node:v8';

/**
 * V8 flags for the CLI's process, set before the engine is loaded. A lint runs ~115 rules and a
 * shell parser: a lot of code, each function hot only briefly, so most of a short run's CPU time
 * is spent before V8 has optimized it. Without inlining, TurboFan's jobs are several times
 * smaller and finish sooner, and the optimized code is hardly slower here: the CLI over the
 * corpus used about a quarter less CPU (docs/performance.md, "V8's optimizing compiler in the
 * CLI"). The build applies the same flags before writing the code cache, since V8 rejects a
 * cache made under other flags. The long-lived language server does not use them.
 */
export const V8_FLAGS = ['--no-turbo-inlining'];

export function applyV8Flags(): void {
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
}
