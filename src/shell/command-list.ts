import type { BuildFile } from '../model/build-file.js';
import type { RunScript } from './run-script.js';
import type { SimpleCommand } from './types.js';

/**
 * Where a command sits in its `&&`/`||`/`;` list, read from the parsed commands and the file
 * text between them (RULES.md §7 `no-ignored-failures`).
 */

/** Words that end a compound-command body: a separator before them belongs to the syntax. */
const BODY_TERMINATORS = new Set(['then', 'do', 'done', 'fi', 'else', 'elif', 'esac', '}', ')', ';;', ';&', ';;&']);

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** The first command of the pipeline a command belongs to (the command itself outside pipelines). */
export function pipelineHead(script: RunScript, command: SimpleCommand): SimpleCommand {
  if (!command.pipeline) return command;
  const id = command.pipeline.id;
  return script.script.commands.find((c) => c.pipeline?.id === id) ?? command;
}

/** The command just before `command` at the same nesting (substitutions skipped), if any. */
export function previousCommand(script: RunScript, command: SimpleCommand): SimpleCommand | undefined {
  const commands = script.script.commands;
  const head = pipelineHead(script, command);
  for (let k = commands.indexOf(head) - 1; k >= 0; k--) {
    const previous = commands[k] as SimpleCommand;
    if (previous.scope === 'substitution' && head.scope !== 'substitution') continue;
    return previous;
  }
  return undefined;
}

/** Whether the command is a part of an `&&`/`||` list (as a left or right operand). */
export function inAndOrList(script: RunScript, command: SimpleCommand): boolean {
  if (command.followedBy === '&&' || command.followedBy === '||') return true;
  const previous = previousCommand(script, command);
  return previous?.followedBy === '&&' || previous?.followedBy === '||';
}

/**
 * The word that follows the separator after a command, in the file text: another command's
 * first word, a body terminator (`then`, `fi`, `done`, `}`, …), or undefined at the end of
 * the script. Comment lines are skipped.
 */
export function wordAfterSeparator(file: BuildFile, command: SimpleCommand, end: number): string | undefined {
  const text = file.text;
  let k = file.lines.offsetAt(command.range.end);
  const skip = (): void => {
    for (;;) {
      while (k < end && (isBlank(text[k]) || (text[k] === file.escapeChar && isBlank(text[k + 1])))) k++;
      if (k < end && text[k] === '#' && (k === 0 || isBlank(text[k - 1]))) {
        while (k < end && text[k] !== '\n') k++;
        continue;
      }
      return;
    }
  };
  skip();
  if (text[k] === ';' && text[k + 1] !== ';' && text[k + 1] !== '&') k++;
  skip();
  if (k >= end) return undefined;
  const match = /^(;;&?|;&|[^\s;&|()<>]+|[()])/.exec(text.slice(k, Math.min(end, k + 64)));
  return match?.[1];
}

/** Whether a `;`/newline after the command separates it from a later command of the same body. */
export function separatesFromNextCommand(file: BuildFile, command: SimpleCommand, end: number): boolean {
  const next = wordAfterSeparator(file, command, end);
  return next !== undefined && !BODY_TERMINATORS.has(next);
}
