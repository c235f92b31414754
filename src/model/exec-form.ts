import type { BuildFile } from './build-file.js';
import { parseJsonForm } from './instruction.js';
import type { InstructionNode, JsonForm, Token } from './types.js';

/**
 * The command part of CMD, ENTRYPOINT, RUN and `HEALTHCHECK CMD`: the exec-form strings when
 * the command is a JSON array, otherwise the shell-form text (RULES.md §7, §8).
 */
export interface CommandForm {
  /** The exec form, or undefined for shell form. */
  json: JsonForm | undefined;
  /** The command's argument text (after `CMD` for HEALTHCHECK) as written; undefined when empty. */
  token: Token | undefined;
  /** The same text with continuations joined, as BuildKit sees it. */
  value: string;
}

/** The command of a HEALTHCHECK (`HEALTHCHECK [flags] CMD …`); undefined for `HEALTHCHECK NONE` or a missing CMD. */
export function healthcheckCommand(file: BuildFile, node: InstructionNode): CommandForm | undefined {
  const cmd = node.args[0];
  if (!cmd || cmd.text.toUpperCase() !== 'CMD') return undefined;
  const value = node.argsValue;
  const match = /^\s*CMD(?=\s|$)\s*/i.exec(value);
  if (!match) return undefined;
  const from = match[0].length;
  const tokenOf = (start: number, end: number): Token => file.lines.token(node.mapArgsOffset(start), node.mapArgsOffset(end - 1) + 1);
  const rest = value.slice(from).trimEnd();
  return {
    json: parseJsonForm(value.trimEnd(), from, tokenOf),
    token: rest.length > 0 ? tokenOf(from, from + rest.length) : undefined,
    value: rest,
  };
}

/** The command form of a RUN, CMD, ENTRYPOINT or HEALTHCHECK instruction. */
export function commandForm(file: BuildFile, node: InstructionNode): CommandForm | undefined {
  if (node.keyword === 'HEALTHCHECK') return healthcheckCommand(file, node);
  if (node.keyword !== 'RUN' && node.keyword !== 'CMD' && node.keyword !== 'ENTRYPOINT') return undefined;
  return { json: node.json, token: node.argsToken, value: node.argsValue.trimEnd() };
}
