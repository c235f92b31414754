import type * as ChildProcessModule from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { BuildFile } from '../model/build-file.js';
import type { InstructionNode, Range } from '../model/types.js';
import { analyzeRun, isPosixShell, type RunScript } from '../shell/run-script.js';
import type { Severity, TextEdit } from './types.js';

/**
 * Runs the `shellcheck` binary on every POSIX RUN script of a build file (RULES.md §7
 * `shellcheck`): the only place layerlint runs an external program. The rule of the same
 * name receives the results through `RuleContext.shellcheck` and stays pure.
 *
 * One process per file: every script is written to a temporary directory as its own file
 * and all of them are passed to a single `shellcheck --format=json1` call (`runShellCheck`).
 * The CLI's sequential path instead batches the scripts of many consecutive files into one
 * asynchronous call (src/cli/shellcheck-pipeline.ts) with the helpers exported here. Each finding's
 * line and column (json1 counts code points, a tab as one column) are mapped back through
 * the script's `ScriptSource.toFileOffset` to the exact position in the build file.
 */

export interface ShellCheckFinding {
  /** The RUN instruction (or ONBUILD RUN trigger) the script belongs to. */
  node: InstructionNode;
  /** `SC2086`. */
  code: string;
  level: Severity;
  /** ShellCheck's message, unchanged. */
  message: string;
  range: Range;
  /** ShellCheck's suggested replacements in file positions, when it has any that map exactly. */
  edits: TextEdit[] | undefined;
}

export interface ShellCheckResults {
  /** False when the binary could not be run: the rule reports nothing. */
  available: boolean;
  /** A one-line explanation for stderr when the binary is missing or failed. */
  notice: string | undefined;
  findings: ShellCheckFinding[];
  /** How many ShellCheck processes were started for the file (0 or 1). */
  spawns: number;
}

export interface ShellCheckOptions {
  path: string;
  exclude: string[];
  minSeverity: Severity;
  /** Forces the dialect (`sh`, `bash`, `dash`, `ksh`); undefined: the effective shell. */
  shell: string | undefined;
  strictVariables: boolean;
  /** Milliseconds before the process is killed. */
  timeout?: number;
}

export const SHELLCHECK_DEFAULTS: ShellCheckOptions = {
  path: 'shellcheck',
  exclude: ['SC1090', 'SC1091', 'SC2187'],
  minSeverity: 'style',
  shell: undefined,
  strictVariables: false,
};

/** Milliseconds before a ShellCheck process for one build file is killed. */
export const SHELLCHECK_TIMEOUT = 60_000;

export const SHELLCHECK_INSTALL_HINT = 'install ShellCheck (Debian/Ubuntu: apt-get install shellcheck; macOS: brew install shellcheck; others: https://github.com/koalaman/shellcheck#installing)';

/** The options a rule configuration gives, with defaults for anything missing or malformed. */
export function shellCheckOptions(options: Record<string, unknown>): ShellCheckOptions {
  const severities: readonly string[] = ['error', 'warning', 'info', 'style'];
  return {
    path: typeof options.path === 'string' && options.path !== '' ? options.path : SHELLCHECK_DEFAULTS.path,
    exclude: Array.isArray(options.exclude) ? options.exclude.filter((c): c is string => typeof c === 'string') : SHELLCHECK_DEFAULTS.exclude,
    minSeverity: typeof options.minSeverity === 'string' && severities.includes(options.minSeverity) ? (options.minSeverity as Severity) : 'style',
    shell: typeof options.shell === 'string' && options.shell !== '' ? options.shell : undefined,
    strictVariables: options.strictVariables === true,
  };
}

/** A piece of the text handed to ShellCheck; `map` is absent for lines layerlint added. */
interface Segment {
  start: number;
  text: string;
  /** Segment offset → build-file offset. */
  map: ((offset: number) => number) | undefined;
  /** Findings here are dropped (text checked as a script of its own). */
  mute: boolean;
  /** The text is the value of a JSON string: replacements must be escaped; inexact maps get no fix. */
  json: { exact: boolean } | undefined;
}

export interface ShellCheckInput {
  node: InstructionNode;
  /** The dialect written in the `#!` line. */
  shell: string;
  text: string;
  segments: Segment[];
}

const PROXY_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SUPPORTED = new Set(['sh', 'bash', 'dash', 'ksh', 'ash']);

function basename(program: string): string {
  return program.slice(Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\')) + 1);
}

/** The ShellCheck dialect for a shell program, or undefined when ShellCheck cannot check it. */
export function dialectOf(program: string): string | undefined {
  const name = basename(program).replace(/\.exe$/i, '');
  if (SUPPORTED.has(name)) return name;
  if (name === 'mksh') return 'ksh';
  if (name === 'busybox') return 'sh';
  return undefined;
}

function shebangProgram(text: string): string | undefined {
  const match = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(text);
  if (!match) return undefined;
  const program = match[1] as string;
  return basename(program) === 'env' ? match[2] : program;
}

/** The shell a script runs under. */
function scriptShell(file: BuildFile, node: InstructionNode, script: RunScript, commandLineShell: string | undefined): string {
  if (script.kind === 'exec') return node.json?.strings[0]?.value ?? 'sh';
  if (script.kind === 'heredoc') {
    const fromShebang = script.source ? shebangProgram(script.source.text) : undefined;
    if (fromShebang) return fromShebang;
    if (commandLineShell) return commandLineShell;
  }
  return file.shellAt(node)[0] ?? '/bin/sh';
}

function header(file: BuildFile, node: InstructionNode, shell: string, options: ShellCheckOptions): string {
  const names = new Set<string>();
  for (const name of file.scope(node).names()) if (NAME.test(name)) names.add(name);
  for (const name of PROXY_ARGS) names.add(name);
  // One `export` for all names: ShellCheck takes about a third less time than with one `export` line per name
  // (docs/performance.md, "ShellCheck batches"); findings on this line are dropped either way.
  const declarations = [...names].map((name) => (options.strictVariables ? name : `${name}=1`));
  return `#!/bin/${shell}\nexport ${declarations.join(' ')}\n`;
}

/** The ShellCheck inputs of a build file: one per POSIX RUN script. */
export function shellCheckInputs(file: BuildFile, options: ShellCheckOptions): ShellCheckInput[] {
  const inputs: ShellCheckInput[] = [];
  for (const node of file.find('RUN')) {
    const analysis = analyzeRun(file, node);
    if (!analysis.posix) continue;
    const hasHeredocScripts = analysis.scripts.some((s) => s.kind === 'heredoc');
    const commandLine = analysis.scripts.find((s) => s.kind === 'shell');
    const lineShell = commandLine?.script.commands.map((c) => c.name?.value).find((name) => name !== undefined && isPosixShell(name));
    for (const script of analysis.scripts) {
      const source = script.source;
      if (!source) continue; // plain exec form: no shell
      // `RUN <<EOF` / `RUN bash <<EOF`: the command line only feeds the heredoc scripts checked below.
      if (script.kind === 'shell' && hasHeredocScripts) continue;
      // `RUN <<EOF` whose body is not a shell script: no command to check.
      if (script.kind === 'shell' && node.heredocs.length > 0 && script.script.commands.every((c) => c.name === undefined)) continue;
      const program = options.shell ?? scriptShell(file, node, script, lineShell);
      const dialect = options.shell ?? dialectOf(program);
      if (dialect === undefined) continue;
      const segments: Segment[] = [];
      let text = '';
      const add = (piece: string, map: Segment['map'], extra: Partial<Pick<Segment, 'mute' | 'json'>> = {}): void => {
        segments.push({ start: text.length, text: piece, map, mute: extra.mute ?? false, json: extra.json });
        text += piece;
      };
      add(header(file, node, dialect, options), undefined);
      // A script's own `#!` line is no longer the first line: keep it as a comment, same length.
      const body = source.text.startsWith('#!') ? `# ${source.text.slice(2)}` : source.text;
      const json = script.kind === 'exec' ? { exact: isExactJson(node, source.text) } : undefined;
      add(body, (offset) => source.toFileOffset(offset), { json });
      if (script.kind === 'shell') {
        // Data heredocs follow the command line, as the shell reads them.
        for (const heredoc of node.heredocs) {
          add('\n', undefined);
          if (heredoc.body) {
            const bodyStart = heredoc.body.startOffset;
            add(heredoc.body.text, (offset) => bodyStart + offset);
            if (!heredoc.body.text.endsWith('\n')) add('\n', undefined);
          }
          add(heredoc.name, undefined);
        }
      }
      if (!text.endsWith('\n')) add('\n', undefined);
      inputs.push({ node, shell: dialect, text, segments });
    }
  }
  return inputs;
}

function isExactJson(node: InstructionNode, value: string): boolean {
  return (node.json?.strings ?? []).some((s) => s.value === value && s.token.text.slice(1, -1) === value);
}

interface Json1Replacement {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  replacement: string;
}

export interface Json1Comment {
  file: string;
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
  fix: { replacements: Json1Replacement[] } | null;
}

class Locator {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly input: ShellCheckInput) {
    for (let i = 0; i < input.text.length; i++) if (input.text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** The offset in the input text of a 1-based line and 1-based code-point column. */
  offset(line: number, column: number): number | undefined {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return undefined;
    let offset = start;
    const text = this.input.text;
    for (let col = 1; col < column; col++) {
      if (offset >= text.length || text.charCodeAt(offset) === 10) break;
      const code = text.codePointAt(offset) as number;
      offset += code > 0xffff ? 2 : 1;
    }
    return offset;
  }

  segment(offset: number, isEnd: boolean): Segment | undefined {
    for (const segment of this.input.segments) {
      const end = segment.start + segment.text.length;
      if (offset > segment.start && offset < end) return segment;
      if (offset === segment.start && (!isEnd || segment.text.length === 0)) return segment;
      if (isEnd && offset === end) return segment;
    }
    return undefined;
  }

  /** Maps a script range to a file range; undefined when it starts in text layerlint added or in muted text. */
  fileOffsets(line: number, column: number, endLine: number, endColumn: number): { start: number; end: number; segment: Segment } | undefined {
    const from = this.offset(line, column);
    const to = this.offset(endLine, endColumn);
    if (from === undefined || to === undefined) return undefined;
    let segment = this.segment(from, false);
    // An insertion right after the script's last character belongs to the script, not to the line after it.
    if (to <= from && !segment?.map) segment = this.segment(from, true);
    if (!segment?.map || segment.mute) return undefined;
    const map = segment.map;
    const local = from - segment.start;
    const localEnd = Math.min(Math.max(to, from), segment.start + segment.text.length) - segment.start;
    const start = local > 0 && local === segment.text.length ? map(local - 1) + 1 : map(local);
    // The end is exclusive: map the last character and step past it, so a range never swallows a continuation.
    const end = localEnd > local ? map(localEnd - 1) + 1 : start;
    return { start, end: Math.max(end, start), segment };
  }
}

const LEVELS: Readonly<Record<string, Severity>> = { error: 'error', warning: 'warning', info: 'info', style: 'style' };

/** Turns ShellCheck's json1 output into findings positioned in the build file. */
export function mapShellCheckOutput(file: BuildFile, inputs: readonly ShellCheckInput[], comments: readonly Json1Comment[], fileNames: readonly string[]): ShellCheckFinding[] {
  const findings: ShellCheckFinding[] = [];
  const locators = inputs.map((input) => new Locator(input));
  for (const comment of comments) {
    const index = fileNames.indexOf(comment.file);
    const input = inputs[index];
    const locator = locators[index];
    if (!input || !locator) continue;
    const mapped = locator.fileOffsets(comment.line, comment.column, comment.endLine, comment.endColumn);
    // A finding about the `#!` line layerlint wrote (the shell itself, e.g. SC2187) belongs to the RUN keyword.
    const keyword = input.node.keywordToken;
    if (!mapped && comment.line !== 1) continue;
    findings.push({
      node: input.node,
      code: `SC${comment.code}`,
      level: LEVELS[comment.level] ?? 'warning',
      message: comment.message,
      range: mapped ? file.lines.range(mapped.start, mapped.end) : keyword.range,
      edits: mapped ? mapFix(file, locator, comment.fix) : undefined,
    });
  }
  return findings;
}

function mapFix(file: BuildFile, locator: Locator, fix: Json1Comment['fix']): TextEdit[] | undefined {
  if (!fix || fix.replacements.length === 0) return undefined;
  const edits: TextEdit[] = [];
  for (const replacement of fix.replacements) {
    const mapped = locator.fileOffsets(replacement.line, replacement.column, replacement.endLine, replacement.endColumn);
    if (!mapped) return undefined;
    let text = replacement.replacement;
    if (mapped.segment.json) {
      if (!mapped.segment.json.exact) return undefined;
      text = JSON.stringify(text).slice(1, -1);
    }
    // A replacement across a line (continuation) would delete the line break: no fix rather than a wrong one.
    if (file.text.slice(mapped.start, mapped.end).includes('\n')) return undefined;
    edits.push({ range: file.lines.range(mapped.start, mapped.end), text });
  }
  return edits;
}

/** The command-line options of a ShellCheck call (the script file names follow them). */
export function shellCheckArgs(options: ShellCheckOptions): string[] {
  const args = ['--norc', '--format=json1', `--severity=${options.minSeverity}`];
  if (options.shell !== undefined) args.push(`--shell=${options.shell}`);
  const exclude = options.exclude.map((code) => code.trim().replace(/^SC/i, '')).filter((code) => /^\d+$/.test(code));
  if (exclude.length > 0) args.push(`--exclude=${exclude.join(',')}`);
  return args;
}

/**
 * A key equal for two option sets exactly when one ShellCheck call can serve both: same
 * program, arguments and script headers (the CLI batches consecutive files by it).
 */
export function shellCheckOptionsKey(options: ShellCheckOptions): string {
  return JSON.stringify([options.path, shellCheckArgs(options), options.strictVariables]);
}

/** The results of a file whose ShellCheck call could not start or failed: the rule reports nothing. */
export function unavailableResults(notice: string, spawns: number): ShellCheckResults {
  return { available: false, notice, findings: [], spawns };
}

/** The notice when the program could not be started (`code`: the error's errno code, e.g. ENOENT). */
export function spawnErrorNotice(options: ShellCheckOptions, code: string | undefined, message: string): string {
  const why = code === 'ENOENT' ? `"${options.path}" was not found` : code === 'ETIMEDOUT' ? `"${options.path}" timed out` : `"${options.path}" could not be run (${message})`;
  return `shellcheck rule skipped: ${why}; ${SHELLCHECK_INSTALL_HINT}`;
}

/** ShellCheck's json1 comments, or undefined when the output is not json1 (the call failed). */
export function parseJson1(stdout: string): Json1Comment[] | undefined {
  try {
    return (JSON.parse(stdout) as { comments: Json1Comment[] }).comments;
  } catch {
    return undefined;
  }
}

/** The notice when the program ran but gave no json1 output. */
export function failedRunNotice(options: ShellCheckOptions, status: number | null, stderr: string | undefined): string {
  const detail = (stderr ?? '').trim().split('\n')[0] ?? '';
  return `shellcheck rule skipped: "${options.path}" failed (exit ${String(status)}${detail ? `: ${detail}` : ''})`;
}

/** The results of a file without POSIX RUN scripts: no process needed. */
export function noScripts(): ShellCheckResults {
  return { available: true, notice: undefined, findings: [], spawns: 0 };
}

/**
 * Runs ShellCheck once on every POSIX RUN script of the file. Never throws: a missing or
 * failing binary gives `available: false` and a notice.
 */
export function runShellCheck(file: BuildFile, options: ShellCheckOptions): ShellCheckResults {
  const inputs = shellCheckInputs(file, options);
  if (inputs.length === 0) return noScripts();
  let dir: string | undefined;
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-shellcheck-'));
    const names = inputs.map((_, i) => `run${i + 1}.sh`);
    inputs.forEach((input, i) => fs.writeFileSync(path.join(dir as string, names[i] as string), input.text));
    const result = childProcess().spawnSync(options.path, [...shellCheckArgs(options), ...names], { cwd: dir, encoding: 'utf8', timeout: options.timeout ?? SHELLCHECK_TIMEOUT, maxBuffer: 256 * 1024 * 1024, windowsHide: true });
    if (result.error) return unavailableResults(spawnErrorNotice(options, (result.error as NodeJS.ErrnoException).code, result.error.message), 1);
    const comments = parseJson1(result.stdout);
    if (!comments) return unavailableResults(failedRunNotice(options, result.status, result.stderr), 1);
    return { available: true, notice: undefined, findings: mapShellCheckOutput(file, inputs, comments, names), spawns: 1 };
  } catch (error) {
    return unavailableResults(`shellcheck rule skipped: ${error instanceof Error ? error.message : String(error)}`, 0);
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What `<program> --version` prints, or `unavailable`: part of the `--cache` key, so that
 * upgrading ShellCheck re-lints the files whose findings it may change.
 */
export function shellCheckVersion(program: string): string {
  const result = childProcess().spawnSync(program, ['--version'], { encoding: 'utf8', timeout: 10_000, windowsHide: true });
  return result.status === 0 && typeof result.stdout === 'string' ? result.stdout.trim() : 'unavailable';
}

/** Loaded on first use: runs without the shellcheck rule never load child_process (CLI cold start, docs/performance.md). */
export function childProcess(): typeof ChildProcessModule {
  return createRequire(import.meta.url)('node:child_process') as typeof ChildProcessModule;
}
