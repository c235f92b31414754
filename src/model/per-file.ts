import type { BuildFile } from './build-file.js';

/**
 * `compute` answered once per build file: a parsed file never changes, and several rules ask
 * for the same table (callers only read the answer).
 */
export function perFile<T>(compute: (file: BuildFile) => T): (file: BuildFile) => T {
  const answers = new WeakMap<BuildFile, T>();
  return (file) => {
    if (answers.has(file)) return answers.get(file) as T;
    const answer = compute(file);
    answers.set(file, answer);
    return answer;
  };
}
