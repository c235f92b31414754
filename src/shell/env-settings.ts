import type { BuildFile } from '../model/build-file.js';
import type { LineTable } from '../model/line-table.js';
import type { InstructionNode, Range } from '../model/types.js';
import { commandName } from './downloads.js';
import { analyzeRun } from './run-script.js';
import { perFile } from '../model/per-file.js';

/**
 * Every place a build file sets an environment variable: ARG/ENV keys, `VAR=value` prefixes and
 * assignment-only commands in RUN scripts, and `export`/`declare -x` words. The TLS, signature
 * and package-source rules read settings such as `PIP_TRUSTED_HOST` or `GOPROXY` from these.
 */

export interface EnvSetting {
  name: string;
  /** The value as written (quotes removed); undefined for `ARG NAME` with no default. */
  value: string | undefined;
  /** The key's range (the name only). */
  nameRange: Range;
  /** File offset where the written value text starts, and that text (quotes kept), for sub-ranges. */
  valueStart: number | undefined;
  valueRaw: string | undefined;
  node: InstructionNode;
  via: 'ARG' | 'ENV' | 'RUN';
}

/**
 * A setting whose name range is computed on first use, like the model's tokens: a file has
 * many settings, and rules read the range only of the few they report.
 */
class Setting implements EnvSetting {
  readonly #lines: LineTable;
  readonly #nameStart: number;
  readonly #nameEnd: number;
  #nameRange: Range | undefined;

  constructor(
    lines: LineTable,
    readonly name: string,
    readonly value: string | undefined,
    nameStart: number,
    nameEnd: number,
    readonly valueStart: number | undefined,
    readonly valueRaw: string | undefined,
    readonly node: InstructionNode,
    readonly via: EnvSetting['via'],
  ) {
    this.#lines = lines;
    this.#nameStart = nameStart;
    this.#nameEnd = nameEnd;
  }

  get nameRange(): Range {
    return (this.#nameRange ??= this.#lines.range(this.#nameStart, this.#nameEnd));
  }
}

/** Computed once per file: several rules and `fetchSources` read them (callers only iterate). */
export const envSettings = perFile(computeEnvSettings);

function computeEnvSettings(file: BuildFile): EnvSetting[] {
  const settings: EnvSetting[] = [];
  // Each instruction, then its ONBUILD trigger (no flattened copy of the instruction list).
  for (const instruction of file.instructions) {
    addSettings(file, instruction, settings);
    if (instruction.trigger) addSettings(file, instruction.trigger, settings);
  }
  return settings;
}

function addSettings(file: BuildFile, node: InstructionNode, settings: EnvSetting[]): void {
  if (node.keyword === 'ARG' || node.keyword === 'ENV') {
    for (const property of node.properties) {
      const { nameToken, valueToken } = property;
      settings.push(new Setting(file.lines, property.name, property.value, nameToken.startOffset, nameToken.endOffset, valueToken?.startOffset, valueToken?.text, node, node.keyword));
    }
    return;
  }
  if (node.keyword !== 'RUN') return;
  for (const command of analyzeRun(file, node).commands) {
    for (const assignment of command.assignments) {
      const start = file.lines.offsetAt(assignment.range.start);
      const value = assignment.value;
      settings.push(new Setting(file.lines, assignment.name, value?.value ?? '', start, start + assignment.name.length, value?.startOffset, value?.raw, node, 'RUN'));
    }
    const name = commandName(command);
    if (name !== 'export' && name !== 'declare' && name !== 'typeset') continue;
    if (name !== 'export' && !command.args.some((word) => /^-[a-z]*x/.test(word.value))) continue;
    for (const word of command.args) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(word.value);
      if (!match) continue;
      const key = match[1] as string;
      const eq = word.raw.indexOf('=');
      const valueStart = eq < 0 ? undefined : word.startOffset + eq + 1;
      const valueRaw = eq < 0 ? undefined : word.raw.slice(eq + 1);
      settings.push(new Setting(file.lines, key, word.value.slice(key.length + 1), word.startOffset, word.startOffset + key.length, valueStart, valueRaw, node, 'RUN'));
    }
  }
}

/** The range of `text` inside a setting's written value, else the value (or the key). */
export function valueSubRange(file: BuildFile, setting: EnvSetting, text: string): { range: Range; offset: number | undefined } {
  if (setting.valueStart !== undefined && setting.valueRaw !== undefined) {
    const index = setting.valueRaw.indexOf(text);
    if (index >= 0) {
      const offset = setting.valueStart + index;
      return { range: file.lines.range(offset, offset + text.length), offset };
    }
    return { range: file.lines.range(setting.valueStart, setting.valueStart + setting.valueRaw.length), offset: undefined };
  }
  return { range: setting.nameRange, offset: undefined };
}
