import type { TextEdit } from '../../engine/types.js';
import type { BuildFile } from '../../model/build-file.js';
import type { InstructionNode } from '../../model/types.js';
import { analyzeRun, type RunScript } from '../run-script.js';
import type { ShellWord, SimpleCommand } from '../types.js';

/**
 * Edits for the package-manager rules' fixes (RULES.md §0.6 "Fixes"): a switch inserted after
 * a word (a new JSON element in exec form), and a cleanup appended to a shell-form script.
 */

function scriptOf(file: BuildFile, node: InstructionNode, command: SimpleCommand): RunScript | undefined {
  return analyzeRun(file, node).scripts.find((script) => script.script.commands.includes(command));
}

/**
 * Inserts `option` right after `word` of `command`: ` -y` in shell form and in `sh -c` scripts,
 * `, "-y"` in a plain exec form. Undefined for heredoc bodies, which are never edited.
 */
export function insertAfterWord(file: BuildFile, node: InstructionNode, command: SimpleCommand, word: ShellWord, option: string): TextEdit | undefined {
  const script = scriptOf(file, node, command);
  if (!script || script.kind === 'heredoc') return undefined;
  const at = word.range.end;
  if (script.kind === 'exec' && script.source === undefined) {
    if (!/^"/.test(word.raw)) return undefined;
    return { range: { start: at, end: at }, text: `, ${JSON.stringify(option)}` };
  }
  if (script.kind === 'exec' && !/^[\w./=:-]+$/.test(option)) return undefined;
  // The word must end where its text ends (no continuation or quoting trick in between).
  if (file.text.slice(word.startOffset, word.endOffset) !== word.raw) return undefined;
  return { range: { start: at, end: at }, text: ` ${option}` };
}

/** Replaces a word's text (the whole word, or the part inside its JSON quotes). */
export function replaceWord(file: BuildFile, word: ShellWord, from: string, to: string): TextEdit | undefined {
  const raw = file.text.slice(word.startOffset, word.endOffset);
  if (raw === from) return { range: word.range, text: to };
  if (raw === `"${from}"` || raw === `'${from}'`) return { range: word.range, text: `${raw[0]}${to}${raw[0]}` };
  return undefined;
}

export type AppendSafety = 'ok' | 'never';

/**
 * An edit that appends `&& <cleanup>` to the end of a RUN's script: only for shell-form RUNs
 * (no heredoc, no exec form) in a POSIX shell whose script has no comments and does not end
 * with `&`. A script ending with `;` gets the cleanup without `&&`.
 */
export function appendToScript(file: BuildFile, node: InstructionNode, cleanup: string): TextEdit | undefined {
  if (node.json || node.heredocs.length > 0) return undefined;
  const analysis = analyzeRun(file, node);
  if (!analysis.posix) return undefined;
  const script = analysis.scripts[0];
  if (analysis.scripts.length !== 1 || !script || script.kind !== 'shell') return undefined;
  if (script.script.hasComments || script.script.hasSyntaxError) return undefined;
  const last = script.script.commands.at(-1);
  if (!last || last.followedBy === '&') return undefined;
  const value = node.argsValue;
  const trimmed = value.trimEnd();
  if (trimmed === '') return undefined;
  if (/(?:&&|\|\||\||&)$/.test(trimmed)) return undefined;
  const endOffset = node.mapArgsOffset(trimmed.length - 1) + 1;
  const text = trimmed.endsWith(';') ? ` ${cleanup}` : ` && ${cleanup}`;
  const at = file.lines.positionAt(endOffset);
  return { range: { start: at, end: at }, text };
}
