import type { BuildFile } from './build-file.js';
import { perFile } from './per-file.js';
import type { InstructionNode, Token } from './types.js';

/**
 * The `--from` stage references of a build file (RULES.md §2 `copy-from-unknown-stage`,
 * `no-copy-from-self`, `no-stage-index-reference`): `COPY|ADD --from=X` and
 * `RUN --mount=…,from=X`, outside ONBUILD triggers (their stages are unknown).
 */
export interface StageReference {
  instruction: InstructionNode;
  /** The value as written, quotes removed. */
  value: string;
  token: Token;
  via: 'copy-from' | 'mount-from';
}

/** Computed once per file: four rules read them. */
export const stageReferences = perFile(computeStageReferences);

function computeStageReferences(file: BuildFile): StageReference[] {
  const found: StageReference[] = [];
  for (const keyword of ['COPY', 'ADD']) {
    for (const instruction of file.find(keyword, { triggers: false })) {
      for (const flag of instruction.flags) {
        if (flag.name !== 'from' || flag.value === undefined || !flag.valueToken) continue;
        found.push({ instruction, value: flag.value, token: flag.valueToken, via: 'copy-from' });
      }
    }
  }
  for (const instruction of file.find('RUN', { triggers: false })) {
    for (const flag of instruction.flags) {
      if (flag.name !== 'mount') continue;
      const option = flag.options.find((each) => each.key === 'from');
      if (option?.value === undefined || !option.valueToken) continue;
      found.push({ instruction, value: option.value, token: option.valueToken, via: 'mount-from' });
    }
  }
  return found.sort((a, b) => a.token.startOffset - b.token.startOffset);
}

/** Levenshtein distance (small strings). */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}
