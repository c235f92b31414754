import type { BuildFile } from '../model/build-file.js';
import type { InstructionNode } from '../model/types.js';
import { perPart } from '../model/per-file.js';
import { programOf } from './basename.js';
import { parseShellScript, type ScriptSource } from './parse.js';
import type { ShellScript, ShellWord, SimpleCommand } from './types.js';
import { SourceWord, type WordOrigin } from './word.js';

export type RunScriptKind = 'shell' | 'exec' | 'heredoc';

/** One script a RUN executes (RULES.md §0.5 "The shell model"). */
export interface RunScript {
  kind: RunScriptKind;
  source: ScriptSource | undefined;
  script: ShellScript;
}

export interface RunAnalysis {
  /** False when the effective shell is PowerShell or cmd: there is no command list. */
  posix: boolean;
  scripts: RunScript[];
  /** Every simple command of every script, in order. */
  commands: SimpleCommand[];
  /** Heredoc bodies fed to a non-shell command: data, not commands. */
  dataHeredocs: InstructionNode['heredocs'];
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);
const NON_POSIX_SHELL = /(^|[\\/])(powershell|pwsh|cmd)(\.exe)?$/i;

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

export function isPosixShell(program: string): boolean {
  return POSIX_SHELLS.has(basename(program));
}

/** Whether the effective shell of a RUN (or the stage default) is PowerShell or cmd. */
export function usesNonPosixShell(file: BuildFile, node: InstructionNode): boolean {
  const shell = file.shellAt(node)[0] ?? '';
  return NON_POSIX_SHELL.test(shell);
}

function wordFromJson(origin: WordOrigin, file: BuildFile, value: string, start: number, end: number): ShellWord {
  const hasVariables = /\$(?:[A-Za-z_{(])/.test(value);
  const hasCommandSubstitution = /\$\(|`/.test(value);
  return new SourceWord(origin, file.text.slice(start, end), value, hasVariables, hasCommandSubstitution, true, start, end);
}

/** Every command of the scripts, in order (a plain loop: `flatMap` was half of `computeRun`'s own time). */
function commandsOf(scripts: readonly RunScript[]): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  for (const script of scripts) for (const command of script.script.commands) commands.push(command);
  return commands;
}

function emptyScript(): ShellScript {
  return { commands: [], hasSyntaxError: false, hasComments: false };
}

/**
 * The scripts and simple commands of a RUN instruction, parsed once and cached: shell form,
 * exec form (and `sh -c` inside it), and heredoc bodies that a shell executes.
 */
export const analyzeRun: (file: BuildFile, node: InstructionNode) => RunAnalysis = perPart(computeRun);

function computeRun(file: BuildFile, node: InstructionNode): RunAnalysis {
  const posix = !usesNonPosixShell(file, node);
  const scripts: RunScript[] = [];
  const dataHeredocs: InstructionNode['heredocs'] = [];
  if (!posix) return { posix, scripts, commands: [], dataHeredocs: node.heredocs };

  if (node.json) {
    const strings = node.json.strings;
    // The words are read from the file text itself: their offsets are file offsets.
    const origin: WordOrigin = { lines: file.lines, map: (offset) => offset };
    const words = strings.map((s) => wordFromJson(origin, file, s.value, s.token.startOffset, s.token.endOffset));
    const first = strings[0];
    const dashC = strings.findIndex((s) => s.value === '-c');
    const scriptString = dashC > 0 ? strings[dashC + 1] : undefined;
    if (first && isPosixShell(first.value) && scriptString) {
      const tokenStart = scriptString.token.startOffset + 1;
      const escaped = scriptString.token.text.slice(1, -1) !== scriptString.value;
      const source: ScriptSource = {
        text: scriptString.value,
        // Exact when the JSON string has no escapes; otherwise monotonic and within the string.
        toFileOffset: (offset) => Math.min(tokenStart + offset, escaped ? scriptString.token.endOffset - 1 : tokenStart + offset),
        lines: file.lines,
      };
      scripts.push({ kind: 'exec', source, script: parseShellScript(source) });
    } else if (words.length > 0) {
      const command: SimpleCommand = {
        name: words[0],
        program: programOf(words[0]),
        args: words.slice(1),
        words,
        assignments: [],
        redirects: [],
        placement: 'list',
        wrappers: [],
        complete: true,
        pipeline: undefined,
        followedBy: undefined,
        range: file.lines.range(strings[0]?.token.startOffset ?? 0, strings.at(-1)?.token.endOffset ?? 0),
      };
      scripts.push({ kind: 'exec', source: undefined, script: { ...emptyScript(), commands: [command] } });
    }
    return { posix, scripts, commands: commandsOf(scripts), dataHeredocs };
  }

  const commandLine: ScriptSource = { text: node.argsValue, toFileOffset: node.mapArgsOffset, lines: file.lines };
  const commandScript = parseShellScript(commandLine);
  scripts.push({ kind: 'shell', source: commandLine, script: commandScript });

  if (node.heredocs.length > 0) {
    const lineCommands = commandScript.commands;
    const feedsShell = lineCommands.length === 0 || lineCommands.every((c) => c.name === undefined || isPosixShell(c.name.value));
    for (const heredoc of node.heredocs) {
      const body = heredoc.body;
      if (!body) continue;
      const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body.text);
      const interpreter = shebang ? (basename(shebang[1] as string) === 'env' ? (shebang[2] ?? '') : (shebang[1] as string)) : undefined;
      const isScript = feedsShell && (interpreter === undefined || isPosixShell(interpreter));
      if (!isScript) {
        dataHeredocs.push(heredoc);
        continue;
      }
      const source: ScriptSource = { text: body.text, toFileOffset: (offset) => body.startOffset + offset, lines: file.lines };
      scripts.push({ kind: 'heredoc', source, script: parseShellScript(source) });
    }
  }
  return { posix, scripts, commands: commandsOf(scripts), dataHeredocs };
}
