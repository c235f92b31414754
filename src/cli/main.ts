import fs from 'node:fs';
import path from 'node:path';
import { describeConfig, ruleSetting, type CliOverrides } from '../config/resolve.js';
import { isConfigError } from '../config/errors.js';
import { STARTER_CONFIG } from '../config/init.js';
import type { ResolvedConfig, RuleSetting } from '../config/types.js';
import { lintBytes } from '../engine/lint.js';
import { shellCheckOptions, shellCheckVersion } from '../engine/shellcheck.js';
import { decodeBuildFile } from '../engine/decode.js';
import { RuleRegistry } from '../engine/registry.js';
import { runFixes } from '../engine/fixer.js';
import { SEVERITY_RANK, type FileResult, type Finding, type Severity } from '../engine/types.js';
import { loadReporter, MACHINE_FORMATS, reporterName } from '../reporters/index.js';
import type { Reporter } from '../reporters/types.js';
import { summarize, summaryLine } from '../reporters/summary.js';
import { BUILTIN_RULES } from '../../rules/index.js';
import { parseArguments, UsageError, type CliArguments } from './args.js';
import { decideColor } from './color.js';
import { discoverFiles, displayPath } from './discover.js';
import { explainRule, listRules } from './info.js';
import { unifiedDiff } from './diff.js';
import { writeFileAtomic } from './write.js';
import { VERSION } from '../version.js';
import { cacheFilePath, configHash, LintCache, sha256 } from './cache.js';
import { STREAMED_FORMATS, StreamingReport } from './stream.js';
import { createLintSetup, describeReadError, isIgnored, lintOptionsFor, readRegularFile } from './lint-file.js';
import { lintInWorkers, useWorkers } from './parallel.js';
import { ShellCheckPipeline, shellCheckProcesses, type Prefetched } from './shellcheck-pipeline.js';

export { describeReadError } from './lint-file.js';

/** Formats that print or fingerprint the file's text (code frames, SARIF and GitLab fingerprints). */
const SOURCE_FORMATS: ReadonlySet<string> = new Set(['stylish', 'sarif', 'gitlab']);

export interface CliIO {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  readStdin: () => Promise<Buffer>;
  /**
   * Told how many files each thread is about to lint, before the first is linted: bin.js tunes
   * V8 for the run's length (v8-flags.ts). Library callers leave it out.
   */
  beforeLint?: (filesPerThread: number) => void;
}

/** Runs the command line; returns the exit code (0 clean, 1 findings, 2 usage/config/internal). */
export async function runCli(io: CliIO): Promise<number> {
  try {
    return await run(io);
  } catch (error) {
    if (error instanceof UsageError || isConfigError(error)) {
      io.stderr.write(`layerlint: ${error.message}\n`);
      return 2;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`layerlint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (io.env.LAYERLINT_DEBUG) io.stderr.write(`${detail}\n`);
    return 2;
  }
}

function parseRuleFlag(flag: string): [string, RuleSetting] {
  const match = /^\s*([^=:\s]+)\s*[=:]\s*(\S+)\s*$/.exec(flag);
  if (!match) throw new UsageError(`--rule expects SELECTOR=SEVERITY, e.g. --rule no-latest-tag=off (got "${flag}")`);
  return [match[1] as string, match[2] as RuleSetting];
}

function parseBuildArg(flag: string): [string, string] {
  const equals = flag.indexOf('=');
  if (equals <= 0) throw new UsageError(`--build-arg expects NAME=value (got "${flag}")`);
  return [flag.slice(0, equals), flag.slice(equals + 1)];
}

function overridesFrom(args: CliArguments): CliOverrides {
  const rules: Record<string, RuleSetting> = {};
  for (const code of args.ignore) rules[code] = 'off';
  for (const flag of args.rule) {
    const [selector, setting] = parseRuleFlag(flag);
    rules[selector] = setting;
  }
  const overrides: CliOverrides = {
    noConfig: args.noConfig,
    rules,
    buildArgs: Object.fromEntries(args.buildArg.map(parseBuildArg)),
    trustedRegistries: args.trustedRegistry,
  };
  if (args.config !== undefined) overrides.config = args.config;
  if (args.preset !== undefined) overrides.presets = args.preset;
  if (args.failureThreshold !== undefined) overrides.failureThreshold = args.failureThreshold;
  if (args.target.length > 0) overrides.targets = args.target;
  if (args.strictLabels !== undefined) overrides.strictLabels = args.strictLabels;
  if (args.today !== undefined) overrides.today = args.today;
  return overrides;
}

function defaultFormat(io: CliIO): string {
  if (io.env.PRE_COMMIT === '1') return 'concise';
  if (io.env.GITHUB_ACTIONS === 'true') return 'github';
  return io.stdout.isTTY ? 'stylish' : 'concise';
}

/** One requested output: a format and where it goes (undefined: standard output). */
interface OutputTarget {
  format: string;
  file: string | undefined;
}

/**
 * `--format NAME[=FILE]` (repeatable) and `--output-file`: at most one format goes to standard
 * output (or to `--output-file`); the others need a file. No `--format` at all means the
 * default format for the environment.
 */
function outputTargets(args: CliArguments, io: CliIO): OutputTarget[] {
  const requested = args.format.length > 0 ? args.format : [defaultFormat(io)];
  const targets = requested.map((spec): OutputTarget => {
    const equals = spec.indexOf('=');
    const name = equals < 0 ? spec : spec.slice(0, equals);
    const file = equals < 0 ? undefined : spec.slice(equals + 1);
    if (file === '') throw new UsageError(`--format ${spec}: give a file name after '=' (e.g. --format sarif=results.sarif)`);
    return { format: reporterName(name) ?? name, file };
  });
  const unfiled = targets.filter((target) => target.file === undefined);
  if (unfiled.length > 1) {
    throw new UsageError(`only one format can go to ${args.outputFile === undefined ? 'standard output' : '--output-file'}; write the others to files with --format NAME=FILE (e.g. --format sarif=results.sarif)`);
  }
  if (args.outputFile !== undefined) {
    const [first] = unfiled;
    if (first) first.file = args.outputFile;
    else throw new UsageError('--output-file needs a format without =FILE to write (e.g. --format json --output-file out.json)');
  }
  return targets;
}

async function run(io: CliIO): Promise<number> {
  const args = await parseArguments(io.argv);
  if (args === 'help') return 0;
  if (args === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const registry = new RuleRegistry(BUILTIN_RULES);
  const targets = outputTargets(args, io);
  const formatName = targets.find((target) => target.file === undefined)?.format ?? (targets[0] as OutputTarget).format;
  const machine = MACHINE_FORMATS.has(formatName);
  const color = decideColor({ flag: args.color, env: io.env, isTTY: io.stdout.isTTY === true && args.outputFile === undefined, machineFormat: machine });

  if (args.listRules) {
    io.stdout.write(listRules(registry, formatName === 'json' ? 'json' : 'text', color));
    return 0;
  }
  if (args.explain !== undefined) {
    const text = explainRule(registry, args.explain);
    if (text === undefined) throw new UsageError(`--explain: no rule or code named "${args.explain}" (see --list-rules)`);
    io.stdout.write(text);
    return 0;
  }
  if (args.init) {
    const target = path.join(io.cwd, '.layerlint.yaml');
    if (fs.existsSync(target)) throw new UsageError(`--init: ${displayPath(target, io.cwd)} already exists; not overwriting it`);
    fs.writeFileSync(target, STARTER_CONFIG);
    io.stdout.write(`Wrote ${displayPath(target, io.cwd)}\n`);
    return 0;
  }

  const overrides = overridesFrom(args);
  const setup = createLintSetup(io.cwd, overrides, registry);
  const { loader } = setup;

  if (args.printConfig !== undefined) {
    const config = await loader.forFile(path.resolve(io.cwd, args.printConfig));
    io.stdout.write(`${JSON.stringify(describeConfig(config), null, 2)}\n`);
    return 0;
  }

  const reporters = new Map<string, Reporter>();
  const keepSource = targets.some((target) => SOURCE_FORMATS.has(target.format));
  for (const target of targets) {
    if (reporters.has(target.format)) continue;
    const reporter = await loadReporter(target.format).catch((error: unknown) => {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    });
    reporters.set(target.format, reporter);
  }

  const inputs = args.paths.length > 0 ? args.paths : ['.'];
  const stdinRequested = inputs.includes('-');
  const discovery = await discoverFiles(inputs.filter((input) => input !== '-'), io.cwd);
  for (const warning of discovery.warnings) io.stderr.write(`layerlint: ${warning}\n`);
  for (const missing of discovery.missing) io.stderr.write(`layerlint: no files match "${missing}"\n`);
  if (discovery.missing.length > 0 && discovery.files.length === 0 && !stdinRequested) return 2;

  const results: FileResult[] = [];
  // One json or concise report to standard output is written as the files are linted (in chunks)
  // and nothing else is kept, so memory does not grow with the number of files (see stream.ts).
  const only = targets.length === 1 ? targets[0] : undefined;
  const streaming =
    only && only.file === undefined && STREAMED_FORMATS.has(only.format) && !stdinRequested && !args.fixDryRun
      ? new StreamingReport(only.format, reporters.get(only.format) as Reporter, { color, cwd: io.cwd, rules: registry.rules }, args.quiet, (text) => io.stdout.write(text))
      : undefined;
  const record = (result: FileResult, threshold: Severity | 'none'): void => {
    if (streaming) return streaming.add(result, threshold);
    thresholds.set(result, threshold);
    results.push(result);
  };
  const thresholds = new Map<FileResult, Severity | 'none'>();
  let internalFailure = false;
  const notices = new Set<string>();
  const categoryOf = (ruleId: string) => registry.get(ruleId)?.meta.category;

  // --cache: files whose bytes, configuration and layerlint version are unchanged are not linted
  // again. Fixing, standard input and files whose lint had an internal error or a notice are not cached.
  // Asked once per run and program: `--version` of each external tool the configs run.
  const toolVersions = new Map<string, string>();
  const cache = args.cache && !args.fix && !args.fixDryRun ? LintCache.load(cacheFilePath(args.cacheLocation, io.cwd), VERSION) : undefined;

  // Printed once per run, not once per file (e.g. the shellcheck binary is missing).
  const reportNotices = (list: readonly string[]): void => {
    for (const notice of list) {
      if (notices.has(notice)) continue;
      notices.add(notice);
      io.stderr.write(`layerlint: ${notice}\n`);
    }
  };
  const reportFailures = (displayName: string, failures: readonly { ruleId: string; message: string }[]): void => {
    for (const failure of failures) {
      internalFailure = true;
      io.stderr.write(`layerlint: internal error: rule ${failure.ruleId} failed on ${displayName}: ${failure.message}\n`);
    }
  };

  // `ahead`: the file's lint options resolved by the ShellCheck pipeline (with its model and ShellCheck results).
  const lintOne = async (displayName: string, absolute: string | undefined, bytes: Buffer | undefined, readError: string | undefined, isStdin: boolean, ahead?: Prefetched['lint']): Promise<void> => {
    const config = await loader.forFile(absolute);
    for (const warning of config.warnings ?? []) io.stderr.write(`layerlint: ${warning}\n`);
    if (absolute && !isStdin && isIgnored(config.ignore, config.baseDir ?? io.cwd, absolute)) return;
    if (bytes === undefined) {
      io.stderr.write(`layerlint: cannot read ${displayName}: ${readError ?? 'unknown error'}\n`);
      const failed: FileResult = { filePath: displayName, source: undefined, findings: [ioError(readError ?? 'unknown error')] };
      record(failed, config.failureThreshold);
      return;
    }
    const { settings, options } = ahead ?? (await lintOptionsFor(setup, config, absolute, isStdin, args.reportUnusedIgnores));
    const cacheKey = cache && absolute !== undefined && !isStdin ? { path: absolute, content: sha256(bytes), config: configHash([settings, args.reportUnusedIgnores, externalToolVersions(settings, toolVersions)], VERSION) } : undefined;
    const cached = cacheKey && cache?.get(cacheKey.path, cacheKey.content, cacheKey.config);
    if (cached) {
      const decoded = keepSource ? decodeBuildFile(bytes) : undefined;
      const hit: FileResult = { filePath: displayName, source: decoded?.ok ? decoded.text : undefined, findings: cached };
      record(hit, config.failureThreshold);
      return;
    }
    const output = lintBytes(bytes, options);
    if (cacheKey && output.ruleFailures.length === 0 && (output.notices ?? []).length === 0) cache?.set(cacheKey.path, cacheKey.content, cacheKey.config, output.findings);
    reportNotices(output.notices ?? []);
    reportFailures(displayName, output.ruleFailures.map((failure) => ({ ruleId: failure.ruleId, message: failure.error instanceof Error ? failure.error.message : String(failure.error) })));
    let findings = output.findings;
    // Only reporters that quote the text keep it: a large run holds no file's text it does not print.
    const result: FileResult = { filePath: displayName, source: keepSource || isStdin ? output.text : undefined, findings };
    if ((args.fix || args.fixDryRun) && output.text !== undefined && output.decoded.ok) {
      const text = output.text;
      const fixed = runFixes(text, {
        unsafe: args.fixUnsafe,
        categories: args.fixType ? new Set(args.fixType) : undefined,
        categoryOf,
        lint: (candidate) => lintBytes(Buffer.from(candidate, 'utf8'), options).findings,
      });
      for (const dropped of fixed.rejected) io.stderr.write(`layerlint: ${displayName}:${dropped.line + 1}: dropped the ${dropped.ruleId} fix${dropped.description === undefined ? '' : ` (${dropped.description})`}: ${dropped.reason}\n`);
      // Standard input comes back whole (with its UTF-8 BOM), fixed or not.
      if (isStdin) result.fixedSource = (output.decoded.bom === 'utf-8' ? '\ufeff' : '') + fixed.text;
      if (fixed.text !== text) {
        if (args.fixDryRun) io.stdout.write(unifiedDiff(displayName, text, fixed.text));
        else if (absolute && !isStdin) writeFileAtomic(absolute, encodeLike(fixed.text, output.decoded.bom));
        findings = fixed.findings;
        result.findings = findings;
        result.source = fixed.text;
      }
    }
    record(result, config.failureThreshold);
  };

  if (stdinRequested) {
    const absolute = args.stdinFilename === undefined ? undefined : path.resolve(io.cwd, args.stdinFilename);
    const display = args.stdinFilename === undefined ? '<stdin>' : displayPath(absolute as string, io.cwd);
    let bytes: Buffer | undefined;
    let readError: string | undefined;
    try {
      bytes = await io.readStdin();
    } catch (error) {
      readError = describeReadError(error);
    }
    await lintOne(display, absolute, bytes, readError, true);
  }
  // Many files: worker threads lint them, results come back in discovery order (parallel.ts).
  const workers = useWorkers(discovery.files.length, io.env, { sequential: stdinRequested || args.fix || args.fixDryRun || args.cache });
  io.beforeLint?.(discovery.files.length / Math.max(1, workers));
  // Otherwise one file after another; with the shellcheck rule, ShellCheck runs in batches of
  // files ahead, in processes alongside (shellcheck-pipeline.ts). Fixing, the cache and standard
  // input keep the synchronous path.
  const sequential = workers > 1 ? [] : discovery.files;
  const processes = shellCheckProcesses(io.env);
  const pipelined = processes > 0 && sequential.length > 1 && !stdinRequested && !args.fix && !args.fixDryRun && !cache;
  const pipeline = pipelined ? new ShellCheckPipeline(sequential, setup, io.cwd, { reportUnusedIgnores: args.reportUnusedIgnores, processes }) : undefined;
  try {
    if (workers > 1) {
      await lintInWorkers(discovery.files, workers, { cwd: io.cwd, overrides, reportUnusedIgnores: args.reportUnusedIgnores, keepSource }, (file, outcome) => {
        for (const warning of outcome.warnings) io.stderr.write(`layerlint: ${warning}\n`);
        if (outcome.kind === 'error') throw outcome.usage ? new UsageError(outcome.message) : new Error(outcome.message);
        if (outcome.kind === 'ignored') return;
        if (outcome.kind === 'unreadable') {
          io.stderr.write(`layerlint: cannot read ${file.display}: ${outcome.readError}\n`);
          record({ filePath: file.display, source: undefined, findings: [ioError(outcome.readError)] }, outcome.threshold);
          return;
        }
        reportNotices(outcome.notices);
        reportFailures(file.display, outcome.failures);
        record({ filePath: file.display, source: outcome.source, findings: outcome.findings }, outcome.threshold);
      });
    }
    for (const [index, file] of sequential.entries()) {
      if (pipeline) {
        const ahead = await pipeline.take(index);
        await lintOne(file.display, file.absolute, ahead.bytes, ahead.readError, false, ahead.lint);
        continue;
      }
      let bytes: Buffer | undefined;
      let readError: string | undefined;
      try {
        bytes = readRegularFile(file.absolute);
      } catch (error) {
        readError = describeReadError(error);
      }
      await lintOne(file.display, file.absolute, bytes, readError, false);
    }
  } finally {
    pipeline?.close();
    // A run that stops early (a config error further on) still shows the files reported so far.
    streaming?.flush();
  }

  const cacheError = cache?.save();
  if (cacheError !== undefined) io.stderr.write(`layerlint: cannot write the cache ${displayPath((cache as LintCache).file, io.cwd)}: ${cacheError}\n`);

  if (streaming) {
    streaming.end();
    return streaming.exitCode(args.noFail, args.maxWarnings, internalFailure);
  }

  if (args.fix && stdinRequested && !args.fixDryRun) {
    const stdinResult = results[0];
    io.stdout.write(stdinResult?.fixedSource ?? stdinResult?.source ?? '');
    return exitCode(results, thresholds, args, internalFailure);
  }

  const shown = args.quiet ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : results;
  let toStdout = false;
  for (const target of targets) {
    const reporter = reporters.get(target.format) as Reporter;
    const toFile = target.file !== undefined;
    const report = reporter(shown, { color: toFile ? false : color, cwd: io.cwd, rules: registry.rules });
    if (target.file !== undefined) {
      const file = path.resolve(io.cwd, target.file);
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        writeFileAtomic(file, report);
      } catch (error) {
        io.stderr.write(`layerlint: cannot write the ${target.format} report to ${target.file}: ${error instanceof Error ? error.message : String(error)}\n`);
        internalFailure = true;
      }
    } else {
      toStdout = true;
      if (!(args.fixDryRun && !MACHINE_FORMATS.has(target.format) && report.trim() === '')) io.stdout.write(report);
    }
  }
  // Every report went to a file: the terminal still learns the outcome (on stderr, so stdout stays empty).
  if (!toStdout) io.stderr.write(`${summaryLine(summarize(shown), false, { icon: false })}\n`);
  return exitCode(results, thresholds, args, internalFailure);
}

/** Each file is judged against the failure threshold of its own config. */
function exitCode(results: FileResult[], thresholds: ReadonlyMap<FileResult, Severity | 'none'>, args: CliArguments, internalFailure: boolean): number {
  if (internalFailure || results.some((result) => result.findings.some((f) => f.ruleId === 'io-error'))) return 2;
  if (args.noFail) return 0;
  const failing = results.some((result) => {
    const threshold = thresholds.get(result) ?? 'info';
    return threshold !== 'none' && result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]);
  });
  const warnings = results.flatMap((r) => r.findings).filter((f) => f.severity === 'warning').length;
  const tooManyWarnings = args.maxWarnings !== undefined && warnings > args.maxWarnings;
  return failing || tooManyWarnings ? 1 : 0;
}

function ioError(reason: string): Finding {
  const at = { line: 0, character: 0 };
  return { ruleId: 'io-error', codes: [], severity: 'error', message: `Cannot read file: ${reason}`, range: { start: at, end: at }, fix: undefined, related: [] };
}

function encodeLike(text: string, bom: 'utf-8' | 'utf-16le' | 'utf-16be' | undefined): Buffer {
  if (bom === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (bom === 'utf-16be') {
    const le = Buffer.from(text, 'utf16le');
    for (let i = 0; i + 1 < le.length; i += 2) {
      const a = le[i] as number;
      le[i] = le[i + 1] as number;
      le[i + 1] = a;
    }
    return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
  }
  const body = Buffer.from(text, 'utf8');
  return bom === 'utf-8' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** The versions of the external programs a config runs (ShellCheck): a new version can change findings. */
function externalToolVersions(config: ResolvedConfig, known: Map<string, string>): string[] {
  const rule = BUILTIN_RULES.find((each) => each.meta.id === 'shellcheck');
  if (rule === undefined) return [];
  const setting = ruleSetting(config, rule.meta);
  if (!setting.enabled) return [];
  const program = shellCheckOptions(setting.options ?? {}).path;
  let version = known.get(program);
  if (version === undefined) {
    version = shellCheckVersion(program);
    known.set(program, version);
  }
  return [version];
}
