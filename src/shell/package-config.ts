import type { BuildFile } from '../model/build-file.js';
import type { InstructionNode } from '../model/types.js';
import { perPart } from '../model/per-file.js';
import { packageCommands, type PackageCommand } from './package-managers/index.js';
import { recognizeBundle } from './package-managers/bundle.js';
import { scopeResolver } from './package-managers/index.js';
import { recognizeUv } from './package-managers/uv.js';
import { analyzeRun } from './run-script.js';
import type { ShellWord } from './types.js';

/**
 * Package-manager readings the supply-chain rules share: every package command of a RUN
 * (bundler and uv project commands included), and the operands after a subcommand as the
 * manager's own option classification left them.
 */

/** Computed once per instruction: several rules read it (callers only iterate). */
export const allPackageCommands: (file: BuildFile, node: InstructionNode) => PackageCommand[] = perPart(computeAllPackageCommands);

function computeAllPackageCommands(file: BuildFile, node: InstructionNode): PackageCommand[] {
  const found = [...packageCommands(file, node)];
  if (node.keyword !== 'RUN') return found;
  const resolve = scopeResolver(file, node);
  for (const command of analyzeRun(file, node).commands) {
    const extra = recognizeBundle(command, { resolve }) ?? recognizeUv(command, { resolve });
    if (extra) found.push(extra);
  }
  return found;
}

/** The operand words after the subcommand (option words and their value words excluded). */
export function operandsAfterSubcommand(command: PackageCommand): ShellWord[] {
  const subcommand = command.subcommand;
  if (!subcommand) return [];
  const skip = new Set<ShellWord>();
  for (const option of command.options) {
    skip.add(option.word);
    if (option.valueWord) skip.add(option.valueWord);
  }
  const args = command.command.args;
  const start = args.findIndex((word) => word.startOffset === subcommand.startOffset);
  if (start < 0) return [];
  return args.slice(start + 1).filter((word) => !skip.has(word) && !(word.value.startsWith('-') && word.value.length > 1));
}
