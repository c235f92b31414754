import type { BuildFile } from '../model/build-file.js';
import type { CommentNode, InstructionNode, Range, Token } from '../model/types.js';
import { isBuildKitCode, normalizeCode } from './codes.js';

export type SuppressionSource = 'layerlint' | 'hadolint' | 'check';

/** One selector of one pragma comment. */
export interface SuppressionEntry {
  /** As written, for messages. */
  selector: string;
  normalized: string;
  used: boolean;
}

export interface Suppression {
  source: SuppressionSource;
  /** Whole file, or the lines of one instruction (0-based, inclusive). */
  scope: { kind: 'file' } | { kind: 'instruction'; firstLine: number; lastLine: number };
  entries: SuppressionEntry[];
  /** `check=skip=all`: every finding carrying a BuildKit code. */
  all: SuppressionEntry | undefined;
  comment: Token;
}

export interface SuppressionSet {
  suppressions: Suppression[];
  /** `# check=error=true` in the directive block: BuildKit findings become errors. */
  buildKitErrors: boolean;
}

/** The rule identity a finding is matched against. */
export interface SuppressibleFinding {
  ruleId: string;
  codes: readonly string[];
  alsoKnownAs: readonly string[];
  range: Range;
}

const INSTRUCTION_PRAGMA = /^#\s*(layerlint|hadolint)\s+ignore\s*=\s*(.*)$/is;
const FILE_PRAGMA = /^#\s*(?:layerlint\s+ignore-file|hadolint\s+global\s+ignore)\s*=\s*(.*)$/is;
const CHECK_PRAGMA = /^#\s*check\s*=\s*(.*)$/is;

function splitSelectors(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .map((each) => each.trim())
    .filter((each) => each.length > 0);
}

function entries(selectors: string[]): SuppressionEntry[] {
  return selectors.map((selector) => ({ selector, normalized: normalizeCode(selector), used: false }));
}

/** Parses `skip=A,B;error=true` into its parts. */
export function parseCheckDirective(value: string): { skip: string[]; error: boolean } {
  let skip: string[] = [];
  let error = false;
  for (const part of value.split(';')) {
    const equals = part.indexOf('=');
    if (equals === -1) continue;
    const key = part.slice(0, equals).trim().toLowerCase();
    const val = part.slice(equals + 1).trim();
    if (key === 'skip') skip = splitSelectors(val);
    else if (key === 'error') error = val.toLowerCase() === 'true';
  }
  return { skip, error };
}

function checkSuppression(value: string, scope: Suppression['scope'], comment: Token): Suppression {
  const { skip } = parseCheckDirective(value);
  const all = skip.find((each) => each.toLowerCase() === 'all');
  return {
    source: 'check',
    scope,
    entries: entries(skip.filter((each) => each.toLowerCase() !== 'all')),
    all: all === undefined ? undefined : { selector: all, normalized: 'all', used: false },
    comment,
  };
}

/**
 * Collects every suppression in a file: instruction pragmas from the comment lines directly
 * above an instruction, file-wide pragmas anywhere, and BuildKit's `check` directive and
 * per-instruction comments.
 */
export function collectSuppressions(file: BuildFile, options: { inlinePragmas: boolean }): SuppressionSet {
  const suppressions: Suppression[] = [];
  let buildKitErrors = false;
  for (const directive of file.directives) {
    if (directive.name !== 'check') continue;
    const parsed = parseCheckDirective(directive.value);
    buildKitErrors ||= parsed.error;
    suppressions.push(checkSuppression(directive.value, { kind: 'file' }, directive.token));
  }
  const fileWide = (comment: CommentNode): void => {
    const match = FILE_PRAGMA.exec(comment.token.text.trim());
    if (match && options.inlinePragmas) {
      const source: SuppressionSource = /layerlint/i.test(comment.token.text) ? 'layerlint' : 'hadolint';
      suppressions.push({ source, scope: { kind: 'file' }, entries: entries(splitSelectors(match[1] as string)), all: undefined, comment: comment.token });
    }
  };
  for (const comment of file.comments) fileWide(comment);
  for (const node of file.instructions) {
    for (const comment of node.leadingComments) {
      const text = comment.token.text.trim();
      const pragma = INSTRUCTION_PRAGMA.exec(text);
      if (pragma) {
        if (!options.inlinePragmas) continue;
        suppressions.push({
          source: (pragma[1] as string).toLowerCase() as SuppressionSource,
          scope: instructionScope(node),
          entries: entries(splitSelectors(pragma[2] as string)),
          all: undefined,
          comment: comment.token,
        });
        continue;
      }
      const check = CHECK_PRAGMA.exec(text);
      if (check) suppressions.push(checkSuppression(check[1] as string, instructionScope(node), comment.token));
    }
  }
  return { suppressions, buildKitErrors };
}

/** The lines of an instruction, computed only for a pragma: most comments above instructions are none. */
function instructionScope(node: InstructionNode): Suppression['scope'] {
  return { kind: 'instruction', firstLine: node.token.range.start.line, lastLine: node.token.range.end.line };
}

function covers(suppression: Suppression, line: number): boolean {
  return suppression.scope.kind === 'file' || (suppression.scope.firstLine <= line && line <= suppression.scope.lastLine);
}

/** Whether a finding is silenced; marks the entries that silenced it as used. */
export function isSuppressed(finding: SuppressibleFinding, set: SuppressionSet): boolean {
  const line = finding.range.start.line;
  let suppressed = false;
  for (const suppression of set.suppressions) {
    if (!covers(suppression, line)) continue;
    if (suppression.source === 'check') {
      const buildKitCodes = finding.codes.filter(isBuildKitCode).map(normalizeCode);
      if (buildKitCodes.length === 0) continue;
      if (suppression.all) {
        suppression.all.used = true;
        suppressed = true;
      }
      for (const entry of suppression.entries) {
        if (buildKitCodes.includes(entry.normalized)) {
          entry.used = true;
          suppressed = true;
        }
      }
      continue;
    }
    const names = new Set([finding.ruleId, ...finding.codes, ...finding.alsoKnownAs].map(normalizeCode));
    for (const entry of suppression.entries) {
      if (names.has(entry.normalized)) {
        entry.used = true;
        suppressed = true;
      }
    }
  }
  return suppressed;
}

/** The entries that silenced nothing, with the comment they stand in. */
export function unusedSuppressions(set: SuppressionSet): { entry: SuppressionEntry; suppression: Suppression }[] {
  const unused: { entry: SuppressionEntry; suppression: Suppression }[] = [];
  for (const suppression of set.suppressions) {
    for (const entry of suppression.all ? [...suppression.entries, suppression.all] : suppression.entries) {
      if (!entry.used) unused.push({ entry, suppression });
    }
  }
  return unused;
}
