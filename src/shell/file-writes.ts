import type { BuildFile } from '../model/build-file.js';
import type { HeredocNode, InstructionNode, Range } from '../model/types.js';
import { commandName } from './downloads.js';
import { analyzeRun } from './run-script.js';
import type { ShellWord, SimpleCommand } from './types.js';
import { perFile } from '../model/per-file.js';

/**
 * Text a build file writes into a file: `echo`/`printf` redirected (`>`/`>>`) or piped into
 * `tee`, heredoc data fed to `cat`/`tee` with an output file, and `COPY`/`ADD` heredocs.
 * The TLS, signature and package-source rules scan these writes for config settings.
 */

export interface WrittenLine {
  /** The text of the line (for echo/printf: one argument word, split at `\n`). */
  text: string;
  /** Where the line is written in the build file. */
  range: Range;
}

export interface FileWrite {
  /** The target path as written (variables unresolved). */
  path: string;
  lines: WrittenLine[];
  instruction: InstructionNode;
}

function wordLines(word: ShellWord, printf: boolean): WrittenLine[] {
  const parts = printf ? word.value.split('\\n') : word.value.split('\n');
  return parts.filter((part) => part.trim() !== '').map((text) => ({ text, range: word.range }));
}

function heredocLines(file: BuildFile, heredoc: HeredocNode): WrittenLine[] {
  const body = heredoc.body;
  if (!body) return [];
  const lines: WrittenLine[] = [];
  let offset = 0;
  for (const line of body.text.split('\n')) {
    const text = line.replace(/\r$/, '');
    const leading = text.length - text.trimStart().length;
    if (text.trim() !== '') {
      const start = body.startOffset + offset + leading;
      lines.push({ text: text.trim(), range: file.lines.range(start, body.startOffset + offset + text.length) });
    }
    offset += line.length + 1;
  }
  return lines;
}

/** Output files of a command: `>`/`>>` targets, and `tee`'s operands. */
function outputPaths(command: SimpleCommand): string[] {
  const paths: string[] = [];
  for (const redirect of command.redirects) {
    if ((redirect.operator === '>' || redirect.operator === '>>' || redirect.operator === '>|') && redirect.target) paths.push(redirect.target.value);
  }
  if (commandName(command) === 'tee') {
    for (const word of command.args) if (!word.value.startsWith('-')) paths.push(word.value);
  }
  return paths;
}

/** The lines an `echo`/`printf` command prints. */
function printedLines(command: SimpleCommand, printf: boolean): WrittenLine[] {
  const words = command.args.filter((word, index) => !(index === 0 && /^-[neE]+$/.test(word.value)));
  return words.flatMap((word) => wordLines(word, printf));
}

/** The next stage of a command's pipeline, when the command is not the last one. */
function nextStage(commands: readonly SimpleCommand[], index: number): SimpleCommand | undefined {
  const pipeline = (commands[index] as SimpleCommand).pipeline;
  if (!pipeline || pipeline.stage >= pipeline.stages - 1) return undefined;
  for (let k = index + 1; k < commands.length; k++) {
    const each = commands[k] as SimpleCommand;
    if (each.pipeline?.id === pipeline.id && each.pipeline.stage === pipeline.stage + 1) return each;
  }
  return undefined;
}

function addFileWrites(file: BuildFile, node: InstructionNode, writes: FileWrite[]): void {
  if (node.keyword === 'COPY' || node.keyword === 'ADD') {
    if (node.heredocs.length === 0) return;
    const dest = node.args.at(-1)?.text;
    if (dest === undefined) return;
    for (const heredoc of node.heredocs) {
      const path = dest.endsWith('/') ? `${dest}${heredoc.name}` : dest;
      writes.push({ path, lines: heredocLines(file, heredoc), instruction: node });
    }
    return;
  }
  if (node.keyword !== 'RUN') return;
  const analysis = analyzeRun(file, node);
  const commands = analysis.commands;
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i] as SimpleCommand;
    const name = commandName(command);
    if (name === 'echo' || name === 'printf') {
      let paths = outputPaths(command);
      if (paths.length === 0) {
        const next = nextStage(commands, i);
        if (next && commandName(next) === 'tee') paths = outputPaths(next);
      }
      // Most echo/printf commands print to the build log: their lines are split only for a file.
      if (paths.length === 0) continue;
      const lines = printedLines(command, name === 'printf');
      for (const path of paths) writes.push({ path, lines, instruction: node });
      continue;
    }
    for (const redirect of command.redirects) {
      if (!redirect.operator.startsWith('<<') || redirect.operator === '<<<' || !redirect.target) continue;
      const delimiter = redirect.target.value.replace(/^-/, '');
      const heredoc = analysis.dataHeredocs.find((each) => each.name === delimiter);
      if (!heredoc) continue;
      const lines = heredocLines(file, heredoc);
      for (const path of outputPaths(command)) writes.push({ path, lines, instruction: node });
    }
  }
}

export function fileWrites(file: BuildFile, node: InstructionNode): FileWrite[] {
  const writes: FileWrite[] = [];
  addFileWrites(file, node, writes);
  return writes;
}

/**
 * Every file write in the build file (RUN and COPY/ADD heredocs, ONBUILD triggers included).
 * Computed once per file: several rules read it (callers only iterate).
 */
export const allFileWrites = perFile(computeAllFileWrites);

function computeAllFileWrites(file: BuildFile): FileWrite[] {
  const writes: FileWrite[] = [];
  // Each instruction, then its ONBUILD trigger: file order without gathering and sorting nodes.
  for (const instruction of file.instructions) {
    addFileWrites(file, instruction, writes);
    if (instruction.trigger) addFileWrites(file, instruction.trigger, writes);
  }
  return writes;
}
