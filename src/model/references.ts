import type { BuildFile } from './build-file.js';
import { parseImageRef } from './image-ref.js';
import type { ImageRef, InstructionNode, Token } from './types.js';
import { perFile } from './per-file.js';

export interface ImageUse {
  ref: ImageRef;
  /** Where the image is used. */
  via: 'from' | 'copy-from' | 'mount-from';
  instruction: InstructionNode;
}

/**
 * Every image a build file pulls: FROM bases, and the external images of `COPY --from=` and
 * `RUN --mount=from=` (values that name no stage and are not a stage index).
 */
export const imageUses = perFile(computeImageUses);

function computeImageUses(file: BuildFile): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const stage of file.stages) uses.push({ ref: stage.base, via: 'from', instruction: stage.from });
  const external = (instruction: InstructionNode, written: string, token: Token, via: ImageUse['via']): void => {
    if (/^\d+$/.test(written)) return;
    const scope = file.scope(instruction);
    const expansion = scope.expand(written, file.escapeChar);
    const ref = parseImageRef({ written, resolved: expansion.value, known: expansion.known, token, earlierStages: file.stages });
    if (ref.kind === 'image') uses.push({ ref, via, instruction });
  };
  for (const keyword of ['COPY', 'ADD']) {
    for (const instruction of file.find(keyword)) {
      const from = instruction.flags.find((flag) => flag.name === 'from');
      if (from?.value !== undefined && from.valueToken) external(instruction, from.value, from.valueToken, 'copy-from');
    }
  }
  for (const instruction of file.find('RUN')) {
    for (const flag of instruction.flags) {
      if (flag.name !== 'mount') continue;
      const option = flag.options.find((each) => each.key === 'from');
      if (option?.value !== undefined && option.valueToken) external(instruction, option.value, option.valueToken, 'mount-from');
    }
  }
  uses.sort((a, b) => a.ref.token.startOffset - b.ref.token.startOffset);
  return uses;
}
