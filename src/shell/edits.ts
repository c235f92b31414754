import type { BuildFile } from '../model/build-file.js';
import type { InstructionNode } from '../model/types.js';
import type { TextEdit } from '../engine/types.js';
import { scriptOf } from './shell-options.js';
import type { SimpleCommand } from './types.js';

/**
 * An edit that inserts an option right after a command's name (RULES.md §0.6 "Fixes"): ` -q`
 * in shell form and `sh -c` scripts, a new JSON element in exec form. Undefined for heredoc
 * bodies (never edited) and for words whose position is not exact.
 */
export function insertOptionAfterName(file: BuildFile, node: InstructionNode, command: SimpleCommand, option: string): TextEdit | undefined {
  const name = command.name;
  if (!name) return undefined;
  const script = scriptOf(file, node, command);
  if (!script || script.kind === 'heredoc') return undefined;
  const at = name.range.end;
  if (script.kind === 'exec' && script.source === undefined) {
    return { range: { start: at, end: at }, text: `, ${JSON.stringify(option)}` };
  }
  if (script.kind === 'exec' && !/^[\w./-]+$/.test(option)) return undefined;
  return { range: { start: at, end: at }, text: ` ${option}` };
}
