import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { BuildFile } from '../model/build-file.js';
import { LineTable } from '../model/line-table.js';
import type { InstructionNode } from '../model/types.js';
import type { Finding } from '../engine/types.js';

/** The kind of the "fix all auto-fixable problems" source action. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.layerlint`;

/** Rules whose findings cannot be silenced with a pragma, so no "ignore" action is offered. */
const UNSUPPRESSIBLE = new Set(['parse-error', 'io-error', 'unused-suppression']);

// `(.*)` then trimEnd, not `(.*?)\s*$`: that backtracks quadratically on long whitespace.
const INSTRUCTION_PRAGMA = /^(\s*#\s*layerlint\s+ignore\s*=\s*)(.*)$/is;
const FILE_PRAGMA = /^(\s*#\s*layerlint\s+ignore-file\s*=\s*)(.*)$/is;

/** Whether a requested `only` list admits a code action kind (kinds are hierarchical). */
export function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (only === undefined || only.length === 0) return true;
  return only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

/** The top-level instruction whose lines contain `line`. */
export function instructionAt(model: BuildFile, line: number): InstructionNode | undefined {
  for (const node of model.instructions) {
    if (node.onbuildParent !== undefined) continue;
    const range = node.token.range;
    if (range.start.line <= line && line <= range.end.line) return node;
    if (range.start.line > line) break;
  }
  return undefined;
}

function selectorList(existing: string, id: string): string | undefined {
  const selectors = existing.split(/[\s,]+/).filter((s) => s !== '');
  if (selectors.some((s) => s.toLowerCase() === id.toLowerCase())) return undefined;
  return [...selectors, id].join(',');
}

/** The edit adding `# layerlint ignore=<id>` above an instruction, or `<id>` to an existing one. */
export function ignoreInstructionEdit(model: BuildFile, node: InstructionNode, id: string): TextEdit | undefined {
  for (let i = node.leadingComments.length - 1; i >= 0; i--) {
    const comment = node.leadingComments[i];
    if (comment === undefined) continue;
    const match = INSTRUCTION_PRAGMA.exec(comment.token.text);
    if (match) {
      const list = selectorList((match[2] as string).trimEnd(), id);
      if (list === undefined) return undefined;
      return { range: comment.token.range, newText: `${(match[1] as string).trimStart()}${list}` };
    }
  }
  const line = node.keywordToken.range.start.line;
  const indent = /^[ \t]*/.exec(model.lines.lineText(line))?.[0] ?? '';
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# layerlint ignore=${id}\n` };
}

/** The edit adding `# layerlint ignore-file=<id>` below the parser directives (or extending one). */
export function ignoreFileEdit(model: BuildFile, id: string): TextEdit | undefined {
  for (const comment of model.comments) {
    const match = FILE_PRAGMA.exec(comment.token.text);
    if (match) {
      const list = selectorList((match[2] as string).trimEnd(), id);
      if (list === undefined) return undefined;
      return { range: comment.token.range, newText: `${(match[1] as string).trimStart()}${list}` };
    }
  }
  const lastDirective = model.directives.at(-1);
  const line = lastDirective === undefined ? 0 : lastDirective.token.range.start.line + 1;
  const at = { line, character: 0 };
  if (line >= model.lines.lineCount) {
    // The file is only directives without a final newline: start a new line.
    const end = model.lines.positionAt(model.text.length);
    return { range: { start: end, end }, newText: `\n# layerlint ignore-file=${id}` };
  }
  return { range: { start: at, end: at }, newText: `# layerlint ignore-file=${id}\n` };
}

/** One edit turning `before` into `after`: the changed middle, common prefix and suffix kept. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Do not split a surrogate pair.
  if (start > 0 && start < before.length && /[\uDC00-\uDFFF]/.test(before.charAt(start))) start--;
  let end = 0;
  while (end < limit - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && /[\uD800-\uDBFF]/.test(before.charAt(before.length - end - 1))) end--;
  const lines = new LineTable(before);
  return {
    range: { start: lines.positionAt(start), end: lines.positionAt(before.length - end) },
    newText: after.slice(start, after.length - end),
  };
}

export interface ActionInput {
  model: BuildFile | undefined;
  /** The findings of the document's current version, each with its diagnostic. */
  entries: { finding: Finding; diagnostic: Diagnostic }[];
  /** Wraps text edits of the document into a workspace edit. */
  edit: (edits: TextEdit[]) => CodeAction['edit'];
  only: readonly string[] | undefined;
}

/** Quick fixes and ignore actions for the findings under the requested range. */
export function quickFixes(input: ActionInput): CodeAction[] {
  const actions: CodeAction[] = [];
  if (!kindRequested(input.only, CodeActionKind.QuickFix)) return actions;
  const ignoredInstruction = new Set<string>();
  const ignoredFile = new Set<string>();
  for (const { finding, diagnostic } of input.entries) {
    const fix = finding.fix;
    if (fix !== undefined && fix.edits.length > 0) {
      const what = fix.description ?? `Fix this ${finding.ruleId} problem`;
      actions.push({
        title: fix.displayOnly === true ? `${what} (suggestion)` : fix.safe ? what : `${what} (unsafe)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.safe,
        edit: input.edit(fix.edits.map((e) => ({ range: e.range, newText: e.text }))),
      });
    }
  }
  if (input.model === undefined) return actions;
  for (const { finding, diagnostic } of input.entries) {
    if (UNSUPPRESSIBLE.has(finding.ruleId)) continue;
    const node = instructionAt(input.model, finding.range.start.line);
    const key = `${finding.ruleId}@${node?.index ?? -1}`;
    if (node !== undefined && !ignoredInstruction.has(key)) {
      ignoredInstruction.add(key);
      const edit = ignoreInstructionEdit(input.model, node, finding.ruleId);
      if (edit) actions.push({ title: `Ignore ${finding.ruleId} for this instruction`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: input.edit([edit]) });
    }
    if (!ignoredFile.has(finding.ruleId)) {
      ignoredFile.add(finding.ruleId);
      const edit = ignoreFileEdit(input.model, finding.ruleId);
      if (edit) actions.push({ title: `Ignore ${finding.ruleId} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: input.edit([edit]) });
    }
  }
  return actions;
}
