import type { BuildFile } from './build-file.js';

/**
 * `compute` answered once per build file: a parsed file never changes, and several rules ask
 * for the same table (callers only read the answer). The answer is kept by the file itself
 * (`BuildFile.derived`), so it is garbage as soon as the file is.
 */
export function perFile<T>(compute: (file: BuildFile) => T): (file: BuildFile) => T {
  const token = {};
  return (file) => file.derived(token, compute);
}

/**
 * `compute` answered once per part of a build file (an instruction, a stage, a script), kept by
 * the file like `perFile`'s answers. Not a WeakMap keyed by the part: V8's minor collections keep
 * a WeakMap's values alive while it holds them, so every file's analyses were copied and promoted
 * until the next major collection (a fifth of a lint's time; docs/performance.md).
 */
export function perPart<Part extends object, T>(compute: (file: BuildFile, part: Part) => T): (file: BuildFile, part: Part) => T {
  const answersOf = perFile(() => new Map<Part, T>());
  return (file, part) => {
    const answers = answersOf(file);
    let answer = answers.get(part);
    if (answer === undefined && !answers.has(part)) {
      answer = compute(file, part);
      answers.set(part, answer);
    }
    return answer as T;
  };
}
