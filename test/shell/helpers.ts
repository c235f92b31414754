import { LineTable } from '../../src/model/line-table.js';
import type { Range } from '../../src/model/types.js';
import { parseShellScript, parseShellText, type ScriptSource } from '../../src/shell/parse.js';
import type { ShellScript, SimpleCommand } from '../../src/shell/types.js';

export function cmds(text: string): SimpleCommand[] {
  return parseShellText(text).commands;
}

export function names(text: string): (string | undefined)[] {
  return cmds(text).map((c) => c.name?.value);
}

/** argv of each command, name first (after unwrapping). */
export function argvs(text: string): string[][] {
  return cmds(text).map((c) => (c.name ? [c.name.value, ...c.args.map((a) => a.value)] : []));
}

export function rng(line: number, character: number, endLine: number, endCharacter: number): Range {
  return { start: { line, character }, end: { line: endLine, character: endCharacter } };
}

/** A range on line 0. */
export function r0(start: number, end: number): Range {
  return rng(0, start, 0, end);
}

/**
 * Simulates a RUN instruction: `file` is the whole build file, `script` starts at
 * `argsStart`, and every `\` + newline inside the arguments is removed from the script
 * (offsets mapped around the removed characters), as the Dockerfile parser does.
 */
export function runSource(file: string, argsStart: number): ScriptSource {
  let text = '';
  const map: number[] = [];
  for (let i = argsStart; i < file.length; i++) {
    if (file[i] === '\\' && file[i + 1] === '\n') {
      i++;
      continue;
    }
    text += file[i];
    map.push(i);
  }
  return {
    text,
    toFileOffset: (offset) => (offset < map.length ? (map[offset] as number) : file.length),
    lines: new LineTable(file),
  };
}

export function parseRun(file: string, argsStart: number): ShellScript {
  return parseShellScript(runSource(file, argsStart));
}
