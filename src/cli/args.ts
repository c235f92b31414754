import type { Category, Severity } from '../engine/types.js';

export interface CliArguments {
  paths: string[];
  format: string[];
  outputFile: string | undefined;
  config: string | undefined;
  noConfig: boolean;
  preset: string[] | undefined;
  rule: string[];
  ignore: string[];
  fix: boolean;
  fixUnsafe: boolean;
  fixDryRun: boolean;
  fixType: Category[] | undefined;
  failureThreshold: Severity | 'none' | undefined;
  maxWarnings: number | undefined;
  noFail: boolean;
  quiet: boolean;
  color: boolean | undefined;
  listRules: boolean;
  explain: string | undefined;
  printConfig: string | undefined;
  init: boolean;
  stdinFilename: string | undefined;
  reportUnusedIgnores: boolean;
  target: string[];
  buildArg: string[];
  trustedRegistry: string[];
  strictLabels: boolean | undefined;
  today: string | undefined;
  cache: boolean;
  cacheLocation: string | undefined;
}

/** A command-line mistake: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const SEVERITY_CHOICES = ['error', 'warning', 'info', 'style', 'none'];
const CATEGORY_CHOICES = ['security', 'reproducibility', 'correctness', 'size', 'maintainability', 'style'];

export const USAGE = `Usage: layerlint [options] [paths..]

Lints Dockerfiles and Containerfiles. Paths may be files, directories (searched for build
files, honouring .gitignore), globs, or - for standard input. With no paths, the build files
under the current directory are linted.

       layerlint lsp --stdio | --node-ipc | --socket=<port>

Starts the language server (also installed as layerlint-lsp).`;

function list(value: unknown): string[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** yargs names an unknown `--foo-bar` twice (`foo-bar, fooBar`); name it once, as written. */
function tidyFailure(message: string): string {
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (!unknown) return message;
  const names = (unknown[1] as string).split(', ');
  const written = names.filter((name) => !names.some((other) => other !== name && other.includes('-') && other.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()) === name));
  return `Unknown ${written.length === 1 ? 'option' : 'options'}: ${written.map((name) => (name.length === 1 ? `-${name}` : `--${name}`)).join(', ')}`;
}

/** yargs-parser's test for a number (it turns such positionals into numbers: `1.50` becomes `1.5`). */
function looksLikeNumber(arg: string): boolean {
  if (/^0x[0-9a-f]+$/i.test(arg)) return true;
  if (/^0[^.]/.test(arg)) return false;
  return /^[-]?(?:\d+(?:\.\d*)?|\.\d+)(e[-+]?\d+)?$/.test(arg);
}

/**
 * The commonest command line (pre-commit's): only paths, no option. Nothing for yargs to do, so
 * it is not even loaded (it costs a cold start more than linting a file; docs/performance.md).
 * Anything else goes through yargs, including `-`, number-like words and `help` (yargs shows
 * the help for a last positional `help`).
 */
function onlyPaths(argv: readonly string[]): CliArguments | undefined {
  if (!argv.every((arg) => arg !== '' && arg !== 'help' && !arg.startsWith('-') && !looksLikeNumber(arg))) return undefined;
  return {
    paths: [...argv],
    format: [],
    outputFile: undefined,
    config: undefined,
    noConfig: false,
    preset: undefined,
    rule: [],
    ignore: [],
    fix: false,
    fixUnsafe: false,
    fixDryRun: false,
    fixType: undefined,
    failureThreshold: undefined,
    maxWarnings: undefined,
    noFail: false,
    quiet: false,
    color: undefined,
    listRules: false,
    explain: undefined,
    printConfig: undefined,
    init: false,
    stdinFilename: undefined,
    reportUnusedIgnores: false,
    target: [],
    buildArg: [],
    trustedRegistry: [],
    strictLabels: undefined,
    today: undefined,
    cache: false,
    cacheLocation: undefined,
  };
}

/** Parses argv; throws UsageError for unknown flags and bad values (never exits the process). */
export async function parseArguments(argv: readonly string[]): Promise<CliArguments | 'help' | 'version'> {
  return onlyPaths(argv) ?? parseWithYargs(argv);
}

/** parseArguments without the shortcut for plain paths (exported for the test that they agree). */
export async function parseWithYargs(argv: readonly string[]): Promise<CliArguments | 'help' | 'version'> {
  const { default: yargs } = await import('yargs');
  let failure: string | undefined;
  const parser = yargs([...argv])
    .scriptName('layerlint')
    .usage(USAGE)
    .parserConfiguration({ 'boolean-negation': true, 'camel-case-expansion': true, 'strip-aliased': true })
    .option('format', {
      alias: 'f',
      type: 'string',
      requiresArg: true,
      description:
        'Output format: stylish (alias tty), concise, json, sarif, github, gitlab (alias gitlab_codeclimate), checkstyle, junit, gnu. ' +
        'Repeat as --format NAME=FILE to also write other formats to files (default: github under GitHub Actions, stylish on a terminal, concise otherwise)',
    })
    .option('output-file', { alias: 'o', type: 'string', requiresArg: true, description: 'Write the report to a file; the terminal gets a one-line summary' })
    .option('config', { alias: 'c', type: 'string', description: 'Use this config file instead of the nearest one; --no-config uses none (defaults and flags only)' })
    .option('preset', { type: 'string', requiresArg: true, description: 'Presets to use instead of the config\'s extends: recommended, all, openshift' })
    .option('rule', { type: 'string', requiresArg: true, description: 'Set a rule or code: --rule no-latest-tag=off, --rule DL3008=error' })
    .option('ignore', { type: 'string', requiresArg: true, description: 'Turn rules or codes off (hadolint\'s --ignore): --ignore DL3008' })
    .option('fix', { type: 'boolean', description: 'Apply safe fixes and write the files' })
    .option('fix-unsafe', { type: 'boolean', description: 'With --fix: also apply unsafe fixes' })
    .option('fix-dry-run', { type: 'boolean', description: 'Print the fixes as a unified diff instead of writing them' })
    .option('fix-type', { type: 'string', requiresArg: true, description: `Only fix rules of these categories: ${CATEGORY_CHOICES.join(', ')}` })
    .option('failure-threshold', { alias: 't', type: 'string', description: 'Exit 1 only for findings at or above: error, warning, info, style, none (or ignore) (default: info)' })
    .option('max-warnings', { type: 'number', description: 'Exit 1 when there are more warnings than this' })
    .option('fail', { type: 'boolean', hidden: true })
    .option('exit-zero', { type: 'boolean', description: 'Exit 0 whatever was found (also --no-fail, as in hadolint)' })
    .option('quiet', { alias: 'q', type: 'boolean', description: 'Report errors only' })
    .option('color', { type: 'boolean', description: 'Force colour on (--color) or off (--no-color)' })
    .option('list-rules', { type: 'boolean', description: 'List every rule with its codes, severity and presets' })
    .option('explain', { type: 'string', description: 'Show the documentation of a rule (by id or peer code)' })
    .option('print-config', { type: 'string', description: 'Print the configuration that applies to a file' })
    .option('init', { type: 'boolean', description: 'Write a commented starter .layerlint.yaml in the current directory' })
    .option('stdin-filename', { type: 'string', description: 'The path to report (and find config for) when reading standard input' })
    .option('report-unused-ignores', { type: 'boolean', description: 'Report suppression pragmas that silenced nothing' })
    .option('target', { type: 'string', requiresArg: true, description: 'The stages built as images (default: the last stage)' })
    .option('build-arg', { type: 'string', requiresArg: true, description: 'Lint as if built with --build-arg NAME=value' })
    .option('trusted-registry', { type: 'string', requiresArg: true, description: 'A registry base images may come from (enables trusted-registries)' })
    .option('strict-labels', { type: 'boolean', description: 'Report labels that are not in the label schema' })
    .option('today', { type: 'string', description: 'The date end-of-life checks compare against (YYYY-MM-DD)' })
    .option('cache', { type: 'boolean', description: 'Only lint files that changed since the last --cache run (content, config and version)' })
    .option('cache-location', { type: 'string', requiresArg: true, description: 'The cache file, or a directory for it (default: .layerlintcache)' })
    .help('help')
    .alias('help', 'h')
    .version(false)
    .option('version', { alias: 'v', type: 'boolean', description: 'Show the version' })
    .strictOptions()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      failure = tidyFailure(message ?? error?.message ?? 'Invalid arguments');
    });
  let parsed: Record<string, unknown>;
  let helpShown = false;
  try {
    parsed = (await parser.parseAsync([...argv], {}, (_error: unknown, _argv: unknown, output: string) => {
      if (output) {
        helpShown = true;
        process.stdout.write(`${output}\n`);
      }
    })) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(failure ?? (error instanceof Error ? error.message : String(error)));
  }
  if (failure !== undefined) throw new UsageError(failure);
  if (helpShown || parsed.help === true) return 'help';
  if (parsed.version === true) return 'version';

  // hadolint spells "never fail" as `ignore` as well as `none`.
  const threshold = parsed.failureThreshold === 'ignore' ? 'none' : (parsed.failureThreshold as string | undefined);
  if (threshold !== undefined && !SEVERITY_CHOICES.includes(threshold)) {
    throw new UsageError(`--failure-threshold must be one of ${SEVERITY_CHOICES.join(', ')} (got "${threshold}")`);
  }
  const fixType = parsed.fixType === undefined ? undefined : list(parsed.fixType);
  for (const category of fixType ?? []) {
    if (!CATEGORY_CHOICES.includes(category)) throw new UsageError(`--fix-type must be one of ${CATEGORY_CHOICES.join(', ')} (got "${category}")`);
  }
  const maxWarnings = parsed.maxWarnings as number | undefined;
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    throw new UsageError(`--max-warnings must be a whole number of 0 or more (got "${String(maxWarnings)}")`);
  }
  const config = typeof parsed.config === 'string' ? parsed.config : undefined;
  return {
    paths: ((parsed._ as unknown[]) ?? []).map(String),
    format: list(parsed.format),
    outputFile: parsed.outputFile as string | undefined,
    config,
    noConfig: parsed.config === false,
    preset: parsed.preset === undefined ? undefined : list(parsed.preset),
    rule: list(parsed.rule),
    ignore: list(parsed.ignore),
    fix: parsed.fix === true || parsed.fixUnsafe === true,
    fixUnsafe: parsed.fixUnsafe === true,
    fixDryRun: parsed.fixDryRun === true,
    fixType: fixType as Category[] | undefined,
    failureThreshold: threshold as Severity | 'none' | undefined,
    maxWarnings,
    noFail: parsed.fail === false || parsed.exitZero === true,
    quiet: parsed.quiet === true,
    color: parsed.color as boolean | undefined,
    listRules: parsed.listRules === true,
    explain: parsed.explain as string | undefined,
    printConfig: parsed.printConfig as string | undefined,
    init: parsed.init === true,
    stdinFilename: parsed.stdinFilename as string | undefined,
    reportUnusedIgnores: parsed.reportUnusedIgnores === true,
    target: list(parsed.target),
    buildArg: parsed.buildArg === undefined ? [] : (Array.isArray(parsed.buildArg) ? parsed.buildArg : [parsed.buildArg]).map(String),
    trustedRegistry: list(parsed.trustedRegistry),
    strictLabels: parsed.strictLabels as boolean | undefined,
    today: parsed.today as string | undefined,
    cache: parsed.cache === true,
    cacheLocation: parsed.cacheLocation as string | undefined,
  };
}
