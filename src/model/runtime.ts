import type { BuildFile } from './build-file.js';
import type { ImageRef, InstructionNode, Stage } from './types.js';
import { perFile } from './per-file.js';

/**
 * Runtime metadata of a stage (RULES.md §8): the instructions a stage and its chain set for
 * the image (CMD, ENTRYPOINT, HEALTHCHECK, EXPOSE, ...), the root image and its family, and
 * the file's keyword case for inserted instructions. ONBUILD triggers never count.
 */

/** The stage's own instructions with one of the keywords, in order (triggers excluded). */
export function stageInstructions(stage: Stage, keywords: readonly string[]): InstructionNode[] {
  return stage.instructions.filter((node) => keywords.includes(node.keyword));
}

/** The nearest instruction with one of the keywords in the stage's chain (the stage first, last one wins). */
export function chainInstruction(file: BuildFile, stage: Stage, keywords: readonly string[]): InstructionNode | undefined {
  for (const each of file.chain(stage)) {
    const found = stageInstructions(each, keywords).at(-1);
    if (found) return found;
  }
  return undefined;
}

/** The instructions with one of the keywords in the whole chain, root-most stage first. */
export function chainInstructions(file: BuildFile, stage: Stage, keywords: readonly string[]): InstructionNode[] {
  return file
    .chain(stage)
    .reverse()
    .flatMap((each) => stageInstructions(each, keywords));
}

/** The base reference at the end of the stage's chain (an image, `scratch` or unresolved). */
export function rootImage(file: BuildFile, stage: Stage): ImageRef {
  const chain = file.chain(stage);
  return (chain.at(-1) ?? stage).base;
}

export type ImageFamily = 'alpine' | 'busybox' | 'distroless' | 'scratch' | 'other' | 'unknown';

/** A coarse family of a root image, for choosing the shell a fix inserts. */
export function imageFamily(ref: ImageRef): ImageFamily {
  if (ref.kind === 'scratch') return 'scratch';
  if (ref.kind !== 'image' || !ref.known) return 'unknown';
  const repository = ref.repository.toLowerCase();
  const tag = (ref.tag ?? '').toLowerCase();
  if (repository.includes('distroless') || repository.startsWith('chainguard/static')) return 'distroless';
  if (repository.endsWith('/alpine') || repository === 'alpine' || /(^|[-_.])alpine/.test(tag)) return 'alpine';
  if (repository.endsWith('/busybox') || repository === 'busybox') return 'busybox';
  return 'other';
}

/** Whether most keywords of a file are lower case; counted once per file (fixes ask per finding). */
const keywordsMostlyLower = perFile((file) => {
  let lower = 0;
  let upper = 0;
  for (const node of file.instructions) {
    const text = node.keywordToken.text;
    if (text === text.toLowerCase()) lower++;
    else if (text === text.toUpperCase()) upper++;
  }
  return lower > upper;
});

/** Formats a keyword in the file's majority keyword case (upper unless most keywords are lower case). */
export function keywordInFileCase(file: BuildFile, keyword: string): string {
  return keywordsMostlyLower(file) ? keyword.toLowerCase() : keyword.toUpperCase();
}
