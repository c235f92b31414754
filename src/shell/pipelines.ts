import type { BuildFile } from '../model/build-file.js';
import type { InstructionNode, Range } from '../model/types.js';
import { analyzeRun, type RunScript } from './run-script.js';
import { optionInEffect } from './shell-options.js';
import type { SimpleCommand } from './types.js';

/** A pipeline (`a | b`, `a |& b`) of a RUN script, with the range of its first `|`. */
export interface Pipeline {
  script: RunScript;
  /** The simple-command stages, in order (compound stages such as `{ …; }` or loops are absent). */
  stages: SimpleCommand[];
  /** How many stages the pipeline has, compound ones included. */
  stageCount: number;
  /** The range of the first `|` (or `|&`); the first stage's name when it cannot be located. */
  firstPipe: Range;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Finds the first pipe operator of a pipeline in the file text, between its stages. */
function locatePipe(file: BuildFile, stages: SimpleCommand[]): Range | undefined {
  const text = file.text;
  const first = stages[0];
  if (first?.pipeline?.stage === 0) {
    let k = file.lines.offsetAt(first.range.end);
    while (k < text.length && (isBlank(text[k]) || (text[k] === file.escapeChar && isBlank(text[k + 1])))) k++;
    if (text[k] === '|' && text[k + 1] !== '|') return file.lines.range(k, text[k + 1] === '&' ? k + 2 : k + 1);
  }
  const second = stages.find((s) => s.pipeline?.stage === 1);
  if (second) {
    let k = file.lines.offsetAt(second.range.start) - 1;
    while (k >= 0 && (isBlank(text[k]) || text[k] === file.escapeChar)) k--;
    if (text[k] === '&' && text[k - 1] === '|') return file.lines.range(k - 1, k + 1);
    if (text[k] === '|') return file.lines.range(k, k + 1);
  }
  return undefined;
}

/** Every pipeline of a RUN (shell form, exec-form `sh -c`, heredoc scripts), in source order. */
export function runPipelines(file: BuildFile, node: InstructionNode): Pipeline[] {
  const pipelines: Pipeline[] = [];
  for (const script of analyzeRun(file, node).scripts) {
    const byId = new Map<number, SimpleCommand[]>();
    for (const command of script.script.commands) {
      if (!command.pipeline) continue;
      const list = byId.get(command.pipeline.id);
      if (list) list.push(command);
      else byId.set(command.pipeline.id, [command]);
    }
    for (const stages of byId.values()) {
      stages.sort((a, b) => (a.pipeline?.stage ?? 0) - (b.pipeline?.stage ?? 0));
      const anchor = stages[0] as SimpleCommand;
      const firstPipe = locatePipe(file, stages) ?? anchor.name?.range ?? anchor.range;
      pipelines.push({ script, stages, stageCount: anchor.pipeline?.stages ?? stages.length, firstPipe });
    }
  }
  return pipelines.sort((a, b) => a.firstPipe.start.line - b.firstPipe.start.line || a.firstPipe.start.character - b.firstPipe.start.character);
}

/** The last stage of a pipeline when it is a simple command. */
export function lastStage(pipeline: Pipeline): SimpleCommand | undefined {
  const last = pipeline.stages.at(-1);
  return last?.pipeline?.stage === pipeline.stageCount - 1 ? last : undefined;
}

/** Whether `pipefail` is on when the pipeline runs (SHELL, exec shell, wrapper, shebang or an earlier `set`). */
export function pipefailInEffect(file: BuildFile, node: InstructionNode, pipeline: Pipeline): boolean {
  const first = pipeline.stages[0];
  return first !== undefined && optionInEffect(file, node, pipeline.script, first, 'pipefail');
}

/** The command that runs after `command` at the same level (e.g. the `true` of `… || true`). */
export function nextCommand(script: RunScript, command: SimpleCommand): SimpleCommand | undefined {
  const commands = script.script.commands;
  const index = commands.indexOf(command);
  for (let k = index + 1; k < commands.length; k++) {
    const next = commands[k] as SimpleCommand;
    if (next.scope === 'substitution' && command.scope !== 'substitution') continue;
    return next;
  }
  return undefined;
}

/** Whether a command's failure is swallowed by a following `|| true` / `|| :`. */
export function followedByOrTrue(script: RunScript, command: SimpleCommand): boolean {
  if (command.followedBy !== '||') return false;
  const next = nextCommand(script, command);
  const name = next?.name?.value;
  return (name === 'true' || name === ':') && next?.args.length === 0;
}
