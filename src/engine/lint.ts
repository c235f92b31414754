import { BuildFile } from '../model/build-file.js';
import { LineTable } from '../model/line-table.js';
import { decodeBuildFile, MAX_FILE_CHARS, MAX_LINE_BYTES, type DecodedFile } from './decode.js';
import type { Range } from '../model/types.js';
import type { ResolvedConfig } from '../config/types.js';
import { findingSeverity } from '../config/resolve.js';
import { activeRules, configuredSeverity, type ActiveRule } from './active-rules.js';
import { isBuildKitCode } from './codes.js';
import type { RuleRegistry } from './registry.js';
import { collectSuppressions, isSuppressed, unusedSuppressions } from './suppressions.js';
import { runShellCheck, shellCheckOptions, type ShellCheckResults } from './shellcheck.js';
import type { Finding, ReportDescriptor, RuleContext, Severity } from './types.js';

export interface LintTextOptions {
  config: ResolvedConfig;
  registry: RuleRegistry;
  /** Report suppression selectors that silenced nothing (`--report-unused-ignores`). */
  reportUnusedIgnores?: boolean;
  /**
   * The model of this very text, built beforehand with `buildModel` and the same config (the
   * CLI's ShellCheck pipeline): used instead of parsing again. Ignored when its text differs.
   */
  model?: BuildFile;
  /**
   * The ShellCheck results for `model` with the `shellcheck` rule's options, computed
   * beforehand (the CLI batches many files into one ShellCheck process): when given, lintText
   * starts no process itself (used only together with `model`). Without it the rule's
   * results come from `runShellCheck`.
   */
  shellcheck?: ShellCheckResults;
}

export interface RuleFailure {
  ruleId: string;
  error: unknown;
}

export interface LintOutput {
  findings: Finding[];
  /** The model, when the text could be parsed. */
  model: BuildFile | undefined;
  /** Rules that threw: an internal error, reported separately, never as a crash. */
  ruleFailures: RuleFailure[];
  /** One-line notices for stderr (e.g. the shellcheck binary is missing); the CLI prints each once per run. */
  notices?: string[];
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function parseErrorAt(range: Range, reason: string): Finding {
  return { ruleId: 'parse-error', codes: ['DL1000'], severity: 'error', message: `Cannot parse file: ${reason}`, range, fix: undefined, related: [] };
}

function positionOfByte(bytes: Uint8Array, offset: number): Range {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const at = { line, character: offset - lineStart };
  return { start: at, end: { line, character: at.character + 1 } };
}

export interface LintBytesOutput extends LintOutput {
  /** The decoded text, when the bytes are text. */
  text: string | undefined;
  decoded: DecodedFile;
}

/** Lints a file's bytes: decodes them (parse-error when they are not text), then lints. */
export function lintBytes(bytes: Uint8Array, options: LintTextOptions): LintBytesOutput {
  const decoded = decodeBuildFile(bytes);
  if (!decoded.ok) {
    return { findings: [parseErrorAt(positionOfByte(bytes, decoded.offset), decoded.reason)], model: undefined, ruleFailures: [], text: undefined, decoded };
  }
  return { ...lintText(decoded.text, options), text: decoded.text, decoded };
}

/** The first line longer than Docker accepts, or undefined. Lines end at `\n`, `\r\n` or a lone `\r`. */
export function longLine(text: string): Range | undefined {
  // Characters are at most 3 UTF-8 bytes each in the BMP, so only long lines need the exact count.
  const suspect = MAX_LINE_BYTES / 3;
  if (text.length <= suspect) return undefined;
  const hasCarriageReturn = text.includes('\r');
  let lineStart = 0;
  for (let line = 0; ; line++) {
    const lineEnd = hasCarriageReturn ? lineBreakAt(text, lineStart) : indexOrEnd(text, lineStart);
    if (lineEnd - lineStart > suspect && Buffer.byteLength(text.slice(lineStart, lineEnd)) > MAX_LINE_BYTES) {
      return { start: { line, character: 0 }, end: { line, character: lineEnd - lineStart } };
    }
    if (lineEnd >= text.length) return undefined;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
  }
}

function indexOrEnd(text: string, from: number): number {
  const at = text.indexOf('\n', from);
  return at === -1 ? text.length : at;
}

function lineBreakAt(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/** The model of a text, or the parse-error output when there is none. */
function parse(rawText: string, config: ResolvedConfig, prebuilt: BuildFile | undefined): BuildFile | LintOutput {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const lines = new LineTable(text);
    const at = lines.positionAt(nul);
    return { findings: [parseErrorAt({ start: at, end: { line: at.line, character: at.character + 1 } }, 'it contains NUL bytes (binary data)')], model: undefined, ruleFailures: [] };
  }
  if (text.length > MAX_FILE_CHARS) {
    return { findings: [parseErrorAt(FILE_START, `the file is larger than ${MAX_FILE_CHARS / 1024} KiB, the most layerlint lints`)], model: undefined, ruleFailures: [] };
  }
  const tooLong = longLine(text);
  if (tooLong) {
    return { findings: [parseErrorAt(tooLong, `line ${tooLong.start.line + 1} is longer than ${MAX_LINE_BYTES} bytes, the most Docker accepts`)], model: undefined, ruleFailures: [] };
  }
  if (prebuilt?.text === text) return prebuilt;
  try {
    return new BuildFile(text, { buildArgs: config.settings.buildArgs });
  } catch (error) {
    return { findings: [parseErrorAt(FILE_START, describe(error))], model: undefined, ruleFailures: [] };
  }
}

/**
 * The model `lintText` lints for this text and config, or undefined when the text gives a
 * parse-error finding instead (binary, too large, a line too long, unparsable).
 */
export function buildModel(rawText: string, config: ResolvedConfig): BuildFile | undefined {
  const parsed = parse(rawText, config, undefined);
  return parsed instanceof BuildFile ? parsed : undefined;
}

/** Lints one build file's text. Never throws for any text. */
export function lintText(rawText: string, options: LintTextOptions): LintOutput {
  const { config, registry } = options;
  const parsed = parse(rawText, config, options.model);
  if (!(parsed instanceof BuildFile)) return parsed;
  const model = parsed;
  const rules = activeRules(config, registry);
  const suppressionSet = collectSuppressions(model, { inlinePragmas: !config.disableInlinePragmas });
  const findings: Finding[] = [];
  const ruleFailures: RuleFailure[] = [];
  const kept = new KeptFindings();
  const shellcheckRule = rules.find((active) => active.rule.meta.id === 'shellcheck');
  const shellcheck: ShellCheckResults | undefined = shellcheckRule ? ((model === options.model ? options.shellcheck : undefined) ?? runShellCheck(model, shellCheckOptions(shellcheckRule.options))) : undefined;

  for (const active of rules) {
    const context: RuleContext = {
      file: model,
      options: active.options,
      settings: config.settings,
      report: (descriptor) => {
        const finding = toFinding(active, descriptor, config, suppressionSet.buildKitErrors);
        if (!finding) return;
        if (kept.has(finding)) return;
        if (
          suppressionSet.suppressions.length > 0 &&
          isSuppressed({ ruleId: finding.ruleId, codes: finding.codes, alsoKnownAs: active.rule.meta.alsoKnownAs ?? [], range: finding.range }, suppressionSet)
        ) {
          return;
        }
        kept.add(finding);
        findings.push(finding);
      },
    };
    try {
      // Only the shellcheck rule gets the results (a spread in every rule's context cost more than the context).
      active.rule.check(shellcheck && active === shellcheckRule ? { ...context, shellcheck } : context);
    } catch (error) {
      ruleFailures.push({ ruleId: active.rule.meta.id, error });
    }
  }

  if (options.reportUnusedIgnores) {
    for (const { entry, suppression } of unusedSuppressions(suppressionSet)) {
      findings.push({
        ruleId: 'unused-suppression',
        codes: [],
        severity: 'warning',
        message: `'${entry.selector}' in this ${suppression.source} pragma silenced nothing; remove it`,
        range: suppression.comment.range,
        fix: undefined,
        related: [],
      });
    }
  }
  findings.sort(compareFindings);
  return shellcheck?.notice ? { findings, model, ruleFailures, notices: [shellcheck.notice] } : { findings, model, ruleFailures };
}

function toFinding(active: ActiveRule, descriptor: ReportDescriptor, config: ResolvedConfig, buildKitErrors: boolean): Finding | undefined {
  const meta = active.rule.meta;
  const codes = descriptor.codes ?? meta.codes;
  let severity: Severity | 'off' =
    descriptor.severity === undefined ? configuredSeverity(active, codes, config) : findingSeverity(config, meta, codes, descriptor.severity);
  if (severity === 'off') return undefined;
  if (buildKitErrors && codes.some(isBuildKitCode)) severity = 'error';
  return {
    ruleId: meta.id,
    codes: [...codes],
    severity,
    message: maskUrlCredentials(descriptor.message),
    range: descriptor.range,
    fix: descriptor.fix,
    related: descriptor.related ?? [],
    ...(descriptor.redact ? { redact: descriptor.redact } : {}),
  };
}

/** `user:` after `://`, then the password up to `@` (scanned from each `://`, so linear). */
const USER_PART = /^[^\s:@/]+:/;
const PASSWORD_PART = /^[^\s@/]+@/;

/** No message may print a password written into a URL, whichever rule quotes the URL. */
export function maskUrlCredentials(message: string): string {
  if (!message.includes('@')) return message;
  let out = '';
  let from = 0;
  for (let at = message.indexOf('://'); at !== -1; at = message.indexOf('://', at + 3)) {
    const rest = message.slice(at + 3);
    const user = USER_PART.exec(rest);
    const password = user ? PASSWORD_PART.exec(rest.slice(user[0].length)) : null;
    if (!user || !password) continue;
    const passwordStart = at + 3 + user[0].length;
    out += `${message.slice(from, passwordStart)}****@`;
    from = passwordStart + password[0].length;
  }
  return out + message.slice(from);
}

/**
 * The findings kept so far, to drop a finding a rule reports twice. Looked up by start position
 * (one per key, as a line is at most MAX_LINE_BYTES long) instead of by a string of every field:
 * building and hashing that string for every report cost more than the rest of the reporting.
 */
class KeptFindings {
  private readonly byStart = new Map<number, Finding[]>();

  has(finding: Finding): boolean {
    const atStart = this.byStart.get(startKey(finding.range));
    return atStart !== undefined && atStart.some((kept) => isSameFinding(kept, finding));
  }

  add(finding: Finding): void {
    const key = startKey(finding.range);
    const atStart = this.byStart.get(key);
    if (atStart) atStart.push(finding);
    else this.byStart.set(key, [finding]);
  }
}

function startKey(range: Range): number {
  return range.start.line * (MAX_LINE_BYTES + 1) + range.start.character;
}

function isSameFinding(a: Finding, b: Finding): boolean {
  return (
    a.ruleId === b.ruleId &&
    a.message === b.message &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character &&
    a.codes.length === b.codes.length &&
    a.codes.every((code, i) => code === b.codes[i])
  );
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
