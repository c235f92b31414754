/**
 * The layerlint language server: diagnostics as you type (pushed, or pulled where the client
 * supports it), quick fixes, "fix all", "ignore" actions and rule docs on hover, on the same
 * engine and configuration as the command line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import ignore from 'ignore';
import {
  CodeActionKind,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigLoader, ruleSetting } from '../config/resolve.js';
import { CONFIG_FILE_NAMES, HADOLINT_FILE_NAMES } from '../config/discover.js';
import type { ResolvedConfig } from '../config/types.js';
import { ruleOptionsProblem } from '../engine/active-rules.js';
import { runFixes } from '../engine/fixer.js';
import { compareFindings, lintText } from '../engine/lint.js';
import { RuleRegistry } from '../engine/registry.js';
import type { Finding } from '../engine/types.js';
import type { BuildFile } from '../model/build-file.js';
import { BUILTIN_RULES } from '../../rules/index.js';
import { VERSION } from '../version.js';
import { FIX_ALL_KIND, kindRequested, minimalEdit, quickFixes } from './actions.js';
import { configProblemDiagnostic, rangesIntersect, toDiagnostic } from './diagnostics.js';
import { ruleHoverMarkdown, ruleHoverPlainText } from './hover.js';
import { DEFAULT_SETTINGS, overridesFor, overridesKey, parseSettings, type ClientSettings } from './settings.js';
import { carryOver, ShellCheckRunner } from './shellcheck.js';
import { IdleWarmUp } from './warm-up.js';
import type { ShellCheckReply } from './shellcheck-worker.js';

/**
 * Debounce after a change (ms). A change after a quiet spell (an isolated keystroke) is linted
 * at once; one that follows another within this time waits for it, so a burst is linted once,
 * at its end. Changes that arrive while a lint runs queue up and are all applied before the next
 * lint starts, so only the latest version is linted. Documents whose last lint was slow wait
 * longer, so that fast typing in a huge file does not keep the server busy linting versions
 * about to be replaced.
 */
const DEBOUNCE_MS = 10;
const SLOW_LINT_MS = 250;
const SLOW_DEBOUNCE_MS = 200;

/** How long to wait before linting after a change, given the time since the previous change and the last lint's duration. */
export function changeDebounceMs(sincePreviousChangeMs: number, lastLintMs: number): number {
  if (lastLintMs > SLOW_LINT_MS) return SLOW_DEBOUNCE_MS;
  return sincePreviousChangeMs < DEBOUNCE_MS ? DEBOUNCE_MS : 0;
}

/** How long a version must stay current before its ShellCheck run starts (ms); ShellCheck itself takes far longer. */
const SHELLCHECK_DELAY_MS = 100;
/** Without watched-file notifications, config files are re-checked at most this often (ms). */
const CONFIG_CHECK_INTERVAL_MS = 1000;
const CONFIG_NAMES = [...CONFIG_FILE_NAMES, ...HADOLINT_FILE_NAMES, 'package.json'];

/** The outcome of linting one version of a document. */
interface LintResult {
  version: number;
  /** Config and settings generation it was computed under. */
  generation: number;
  text: string;
  /** Every finding: the in-process rules' plus the shellcheck rule's (or, while it runs, carried over). */
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** The findings of the rules run in-process (all but shellcheck). */
  base: Finding[];
  /** The shellcheck rule runs in a worker: off for this config, still running, or merged in. */
  shellcheck: 'off' | 'pending' | 'done';
  model: BuildFile | undefined;
  config: ResolvedConfig | undefined;
  settings: ClientSettings;
}

interface DocumentState {
  /** Incremented by every schedule, so an older pending lint knows it is stale. */
  ticket: number;
  timer: NodeJS.Timeout | undefined;
  lastDurationMs: number;
  /** When the last change arrived (performance.now()), to tell a burst from an isolated edit. */
  lastChangeAt: number;
  latest: LintResult | undefined;
  /** For `run: onSave`: the result computed when the document was opened or last saved. */
  saved: LintResult | undefined;
  /** The version whose rule failures were last logged, to log each failure once. */
  loggedFailures: string;
  /** The last version whose diagnostics were pushed. */
  publishedVersion: number | undefined;
}

type Trigger = 'open' | 'change' | 'save' | 'config';

interface Capabilities {
  pull: boolean;
  refresh: boolean;
  configuration: boolean;
  watchedFiles: boolean;
  configurationRegistration: boolean;
  relatedInformation: boolean;
  markdown: boolean;
  documentChanges: boolean;
  resolveEdit: boolean;
}

function readCapabilities(caps: ClientCapabilities): Capabilities {
  const hoverFormats = caps.textDocument?.hover?.contentFormat;
  return {
    pull: caps.textDocument?.diagnostic !== undefined,
    refresh: caps.workspace?.diagnostics?.refreshSupport === true,
    configuration: caps.workspace?.configuration === true,
    watchedFiles: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    configurationRegistration: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    relatedInformation: caps.textDocument?.publishDiagnostics?.relatedInformation === true,
    markdown: hoverFormats === undefined || hoverFormats.includes(MarkupKind.Markdown),
    documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
    resolveEdit: caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
  };
}

function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Config `ignore` patterns are matched like .gitignore lines, relative to the config's directory. */
function isIgnored(config: ResolvedConfig, cwd: string, absolute: string): boolean {
  if (config.ignore.length === 0) return false;
  const relative = path.relative(config.baseDir ?? cwd, absolute).split(path.sep).join('/');
  if (relative === '' || relative.startsWith('..')) return false;
  return ignore().add(config.ignore).ignores(relative);
}

/** A stat fingerprint of every config file that could apply to files in `dir`. */
function configSignature(dir: string): string {
  const parts: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    for (const name of CONFIG_NAMES) {
      try {
        const stat = fs.statSync(path.join(current, name));
        parts.push(`${current}/${name}:${stat.mtimeMs}:${stat.size}`);
      } catch {
        // Absent: nothing to fingerprint.
      }
    }
    if (path.dirname(current) === current) break;
  }
  return parts.join('|');
}

export interface ServerOptions {
  /** Warm V8 up on slow documents while idle (warm-up.ts); LAYERLINT_LSP_WARM_UP=0 turns it off. */
  warmUp?: boolean;
}

/** Wires the server's handlers to a connection and starts listening. */
export function createServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  /** Every rule: validates config selectors and options, names rules for docs and hover. */
  const fullRegistry = new RuleRegistry(BUILTIN_RULES);
  /** The rules linted in-process: all but `shellcheck`, which runs in a worker (see shellcheck.ts). */
  const shellcheckRule = BUILTIN_RULES.find((rule) => rule.meta.id === 'shellcheck');
  const registry = shellcheckRule === undefined ? fullRegistry : new RuleRegistry(BUILTIN_RULES.filter((rule) => rule !== shellcheckRule));
  const notices = new Set<string>();
  const states = new Map<string, DocumentState>();
  const loaders = new Map<string, ConfigLoader>();
  const settingsCache = new Map<string, Promise<ClientSettings>>();
  const signatures = new Map<string, { checkedAt: number; signature: string }>();
  let caps: Capabilities = readCapabilities({});
  let cwd = process.cwd();
  let globalSettings: ClientSettings = DEFAULT_SETTINGS;
  /** Bumped whenever configuration or settings change: cached results are then stale. */
  let generation = 0;
  let shuttingDown = false;

  const log = {
    error: (message: string): void => {
      try {
        connection.console.error(message);
      } catch {
        process.stderr.write(`${message}\n`);
      }
    },
    info: (message: string): void => {
      try {
        connection.console.info(message);
      } catch {
        process.stderr.write(`${message}\n`);
      }
    },
  };

  const shellcheck = new ShellCheckRunner((message) => log.error(message));
  const warmUp = options.warmUp === false ? undefined : new IdleWarmUp();

  /** After publishing a slow document's result, let the idle server warm up on it. */
  function offerWarmUp(result: LintResult, state: DocumentState): void {
    const config = result.config;
    if (warmUp === undefined || config === undefined || shuttingDown) return;
    warmUp.offer(result.model, state.lastDurationMs, (text) => lintText(text, { config, registry }));
  }

  /** Runs a handler; an exception is logged and answered with `fallback`, never fatal. */
  function guard<A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      try {
        return await handler(...args);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        log.error(`layerlint: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };
  }

  function stateOf(uri: string): DocumentState {
    let state = states.get(uri);
    if (state === undefined) {
      state = { ticket: 0, timer: undefined, lastDurationMs: 0, lastChangeAt: -Infinity, latest: undefined, saved: undefined, loggedFailures: '', publishedVersion: undefined };
      states.set(uri, state);
    }
    return state;
  }

  function loaderFor(settings: ClientSettings): ConfigLoader {
    const key = overridesKey(settings);
    let loader = loaders.get(key);
    if (loader === undefined) {
      loader = new ConfigLoader(cwd, overridesFor(settings), {
        isKnownSelector: (selector) => fullRegistry.isKnownSelector(selector),
        validateRuleOptions: (selector, options) => {
          const [rule] = fullRegistry.resolve(selector);
          return rule ? ruleOptionsProblem(rule, options) : undefined;
        },
      });
      loaders.set(key, loader);
    }
    return loader;
  }

  function configChanged(reason: string): void {
    for (const loader of loaders.values()) loader.clear();
    loaders.clear();
    signatures.clear();
    generation++;
    log.info(`layerlint: ${reason}; reloading configuration`);
    revalidateAll();
  }

  /** Without watched-file notifications: notices edited, added or removed config files by stat. */
  function checkConfigFiles(filePath: string | undefined): void {
    if (caps.watchedFiles) return;
    const dir = filePath === undefined ? cwd : path.dirname(filePath);
    const now = Date.now();
    const known = signatures.get(dir);
    if (known !== undefined && now - known.checkedAt < CONFIG_CHECK_INTERVAL_MS) return;
    const signature = configSignature(dir);
    if (known !== undefined && known.signature !== signature) {
      for (const loader of loaders.values()) loader.clear();
      loaders.clear();
      signatures.clear();
      generation++;
    }
    signatures.set(dir, { checkedAt: now, signature });
  }

  function settingsFor(uri: string): Promise<ClientSettings> {
    if (!caps.configuration) return Promise.resolve(globalSettings);
    let pending = settingsCache.get(uri);
    if (pending === undefined) {
      pending = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'layerlint' })
        .then((raw: unknown) => {
          const problems: string[] = [];
          const settings = parseSettings(raw, globalSettings, problems);
          for (const problem of problems) log.error(`layerlint: ${problem}`);
          return settings;
        })
        .catch((error: unknown) => {
          log.error(`layerlint: could not read the client settings: ${describe(error)}`);
          return globalSettings;
        });
      settingsCache.set(uri, pending);
    }
    return pending;
  }

  /** Lints the document's current text (config first; the text is read after every await). */
  async function lintDocument(uri: string): Promise<LintResult | undefined> {
    const settings = await settingsFor(uri);
    const filePath = filePathOf(uri);
    checkConfigFiles(filePath);
    const gen = generation;
    let config: ResolvedConfig | undefined;
    let configProblem: string | undefined;
    if (settings.enable) {
      try {
        config = await loaderFor(settings).forFile(filePath);
      } catch (error) {
        configProblem = `layerlint: ${describe(error)}`;
      }
    }
    const document = documents.get(uri);
    if (document === undefined) return undefined;
    // Config changed while loading: the caller's latest-wins check or a re-run picks it up.
    if (generation !== gen) return undefined;
    const text = document.getText();
    const empty = { version: document.version, generation: gen, text, settings, model: undefined, config, findings: [], base: [], shellcheck: 'off' as const };
    if (!settings.enable) return { ...empty, diagnostics: [] };
    if (config === undefined) {
      log.error(configProblem ?? 'layerlint: no configuration');
      return { ...empty, diagnostics: [configProblemDiagnostic(configProblem ?? 'layerlint: no configuration')] };
    }
    for (const warning of config.warnings ?? []) log.info(`layerlint: ${warning}`);
    if (filePath !== undefined && isIgnored(config, cwd, filePath)) return { ...empty, diagnostics: [] };
    const state = stateOf(uri);
    const started = performance.now();
    const output = lintText(text, { config, registry });
    state.lastDurationMs = performance.now() - started;
    const failureKey = `${document.version}|${output.ruleFailures.map((f) => f.ruleId).join(',')}`;
    if (output.ruleFailures.length > 0 && state.loggedFailures !== failureKey) {
      state.loggedFailures = failureKey;
      for (const failure of output.ruleFailures) {
        const detail = failure.error instanceof Error ? (failure.error.stack ?? failure.error.message) : String(failure.error);
        log.error(`layerlint: internal error: rule ${failure.ruleId} failed on ${uri}: ${detail}`);
      }
    }
    const result: LintResult = { ...empty, findings: output.findings, base: output.findings, diagnostics: [], model: output.model };
    if (shellcheckRule !== undefined && output.model !== undefined && ruleSetting(config, shellcheckRule.meta).enabled) {
      // Until the worker answers, keep the previous shellcheck findings on lines this edit did not touch.
      const previous = state.latest;
      const carried = previous === undefined ? [] : carryOver(previous.text, previous.findings.filter((f) => f.ruleId === 'shellcheck'), text);
      result.findings = [...output.findings, ...carried].sort(compareFindings);
      result.shellcheck = 'pending';
      // Started once the edit has settled and this result is published: a ShellCheck run per
      // keystroke would compete with the lint and delivery of the next one for the CPU.
      setTimeout(() => {
        const current = states.get(uri);
        const superseded = current?.latest !== result || documents.get(uri)?.version !== result.version;
        if (current?.saved !== result && superseded) return;
        void shellcheck.run(uri, text, config).then((reply) => applyShellCheck(uri, result, reply));
      }, SHELLCHECK_DELAY_MS);
    }
    result.diagnostics = diagnosticsFor(uri, result.findings);
    return result;
  }

  function diagnosticsFor(uri: string, findings: Finding[]): Diagnostic[] {
    const options = { uri, relatedInformation: caps.relatedInformation, documented: (id: string) => fullRegistry.get(id) !== undefined };
    return findings.map((finding) => toDiagnostic(finding, options));
  }

  /** Merges the worker's shellcheck findings into their result and shows them if it is still current. */
  function applyShellCheck(uri: string, result: LintResult, reply: ShellCheckReply | undefined): void {
    if (reply === undefined) return;
    for (const notice of reply.notices) {
      if (notices.has(notice)) continue;
      notices.add(notice);
      log.info(`layerlint: ${notice}`);
    }
    if (reply.failure !== undefined) log.error(`layerlint: internal error: rule shellcheck failed on ${uri}: ${reply.failure}`);
    result.findings = [...result.base, ...reply.findings].sort(compareFindings);
    result.diagnostics = diagnosticsFor(uri, result.findings);
    result.shellcheck = 'done';
    const state = states.get(uri);
    if (state === undefined || (state.latest !== result && state.saved !== result)) return;
    const document = documents.get(uri);
    if (document === undefined || document.version !== result.version || result.generation !== generation) return;
    if (caps.pull) {
      if (caps.refresh) connection.languages.diagnostics.refresh().catch((error: unknown) => log.error(`layerlint: diagnostics refresh failed: ${describe(error)}`));
    } else if (state.publishedVersion === result.version) {
      connection.sendDiagnostics({ uri, version: result.version, diagnostics: result.diagnostics }).catch((error: unknown) => log.error(`layerlint: publishing diagnostics failed: ${describe(error)}`));
    }
  }

  /** The result for the document's current version, linting only when the cached one is stale. */
  async function currentResult(uri: string): Promise<LintResult | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const document = documents.get(uri);
      if (document === undefined) return undefined;
      const state = stateOf(uri);
      const latest = state.latest;
      if (latest !== undefined && latest.version === document.version && latest.generation === generation) return latest;
      const result = await lintDocument(uri);
      if (result === undefined) continue;
      if (state.latest === undefined || result.version >= state.latest.version) state.latest = result;
      if (documents.get(uri)?.version === result.version && result.generation === generation) return result;
    }
    return stateOf(uri).latest;
  }

  // --- Push diagnostics ------------------------------------------------------------------------

  function schedule(uri: string, trigger: Trigger): void {
    if (shuttingDown) return;
    warmUp?.pause();
    const state = stateOf(uri);
    const ticket = ++state.ticket;
    if (state.timer !== undefined) clearTimeout(state.timer);
    const delay = trigger === 'change' ? changeDelay(state) : 0;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void guard('validate', undefined, () => validate(uri, ticket, trigger))();
    }, delay);
  }

  function changeDelay(state: DocumentState): number {
    const now = performance.now();
    const delay = changeDebounceMs(now - state.lastChangeAt, state.lastDurationMs);
    state.lastChangeAt = now;
    return delay;
  }

  async function validate(uri: string, ticket: number, trigger: Trigger): Promise<void> {
    const state = stateOf(uri);
    const settings = await settingsFor(uri);
    if (trigger === 'change' && settings.run === 'onSave') return;
    const result = await currentResult(uri);
    if (result === undefined) return;
    if (trigger !== 'change') state.saved = result;
    // The latest version wins: publish only if no newer change, close or reload happened meanwhile.
    if (state.ticket !== ticket || states.get(uri) !== state) return;
    const document = documents.get(uri);
    if (document === undefined || document.version !== result.version || result.generation !== generation) return;
    state.publishedVersion = result.version;
    await connection.sendDiagnostics({ uri, version: result.version, diagnostics: result.diagnostics });
    if (state.ticket === ticket && state.timer === undefined) offerWarmUp(result, state);
  }

  function revalidateAll(): void {
    settingsCache.clear();
    if (caps.pull) {
      for (const state of states.values()) state.saved = undefined;
      if (caps.refresh) connection.languages.diagnostics.refresh().catch((error: unknown) => log.error(`layerlint: diagnostics refresh failed: ${describe(error)}`));
      return;
    }
    for (const document of documents.all()) schedule(document.uri, 'config');
  }

  // --- Lifecycle -------------------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    caps = readCapabilities(params.capabilities);
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const folderPath = folder === undefined || folder === null ? undefined : filePathOf(folder);
    if (folderPath !== undefined) cwd = folderPath;
    else if (params.rootPath) cwd = params.rootPath;
    const problems: string[] = [];
    globalSettings = parseSettings(params.initializationOptions, DEFAULT_SETTINGS, problems);
    for (const problem of problems) log.error(`layerlint: ${problem}`);
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
      },
      serverInfo: { name: 'layerlint', version: VERSION },
    };
    if (caps.pull) result.capabilities.diagnosticProvider = { identifier: 'layerlint', interFileDependencies: false, workspaceDiagnostics: false };
    return result;
  });

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      if (caps.configurationRegistration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'layerlint' });
      if (caps.watchedFiles) {
        const names = `{${CONFIG_NAMES.join(',')}}`;
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${names}` }] });
      }
    }),
  );

  connection.onShutdown(() => {
    shuttingDown = true;
    warmUp?.pause();
    shellcheck.dispose();
    for (const state of states.values()) if (state.timer !== undefined) clearTimeout(state.timer);
  });

  // --- Documents -------------------------------------------------------------------------------

  // TextDocuments reports an open as a change too: the open schedules the first lint itself.
  const justOpened = new Set<string>();
  documents.onDidOpen((event) => {
    if (caps.pull) return;
    justOpened.add(event.document.uri);
    schedule(event.document.uri, 'open');
  });
  documents.onDidChangeContent((event) => {
    if (justOpened.delete(event.document.uri) || caps.pull) return;
    schedule(event.document.uri, 'change');
  });
  documents.onDidSave(
    guard('didSave', undefined, async (event) => {
      const uri = event.document.uri;
      const settings = await settingsFor(uri);
      if (settings.run !== 'onSave') return;
      if (!caps.pull) schedule(uri, 'save');
      else {
        stateOf(uri).saved = undefined;
        if (caps.refresh) await connection.languages.diagnostics.refresh();
      }
    }),
  );
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const state = states.get(uri);
    if (state?.timer !== undefined) clearTimeout(state.timer);
    states.delete(uri);
    settingsCache.delete(uri);
    if (!caps.pull) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  });

  // --- Pull diagnostics ------------------------------------------------------------------------

  connection.languages.diagnostics.on(
    guard('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport, async (params, token) => {
      const uri = params.textDocument.uri;
      if (documents.get(uri) === undefined) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      warmUp?.pause();
      const settings = await settingsFor(uri);
      const state = stateOf(uri);
      let result: LintResult | undefined;
      if (settings.run === 'onSave') {
        if (state.saved === undefined || state.saved.generation !== generation) state.saved = await currentResult(uri);
        result = state.saved;
      } else result = await currentResult(uri);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed', { retriggerRequest: true });
      if (result === undefined) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      offerWarmUp(result, state);
      const resultId = `${result.generation}:${result.version}:${result.shellcheck}`;
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: result.diagnostics };
    }),
  );

  // --- Configuration ---------------------------------------------------------------------------

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, (params) => {
      const raw: unknown = params.settings;
      if (raw !== null && raw !== undefined && typeof raw === 'object' && Object.keys(raw).length > 0) {
        const problems: string[] = [];
        globalSettings = parseSettings(raw, DEFAULT_SETTINGS, problems);
        for (const problem of problems) log.error(`layerlint: ${problem}`);
      }
      generation++;
      revalidateAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, (params) => {
      const names = new Set<string>(CONFIG_NAMES);
      const relevant = params.changes.filter((change) => names.has(path.posix.basename(change.uri)));
      if (relevant.length > 0) configChanged(`${path.posix.basename(relevant[0]?.uri ?? '')} changed`);
    }),
  );

  // --- Code actions ----------------------------------------------------------------------------

  function workspaceEdit(uri: string, version: number, edits: TextEdit[]): WorkspaceEdit {
    if (caps.documentChanges) return { documentChanges: [{ textDocument: { uri, version }, edits }] };
    return { changes: { [uri]: edits } };
  }

  function fixAllEdits(result: LintResult): TextEdit[] {
    const config = result.config;
    if (config === undefined || !result.findings.some((f) => f.fix !== undefined && f.fix.safe && f.fix.edits.length > 0)) return [];
    const fixed = runFixes(result.text, {
      unsafe: false,
      categoryOf: (ruleId) => fullRegistry.get(ruleId)?.meta.category,
      lint: (text) => lintText(text, { config, registry }).findings,
    });
    const edit = minimalEdit(result.text, fixed.text);
    return edit === undefined ? [] : [edit];
  }

  connection.onCodeAction(
    guard('textDocument/codeAction', [] as CodeAction[], async (params) => {
      const uri = params.textDocument.uri;
      const result = await currentResult(uri);
      if (result === undefined || result.config === undefined) return [];
      const entries = result.findings
        .map((finding, i) => ({ finding, diagnostic: result.diagnostics[i] as Diagnostic }))
        .filter(({ finding }) => rangesIntersect(finding.range, params.range));
      const edit = (edits: TextEdit[]): WorkspaceEdit => workspaceEdit(uri, result.version, edits);
      const actions = quickFixes({ model: result.model, entries, edit, only: params.context.only });
      const fixable = result.findings.some((f) => f.fix !== undefined && f.fix.safe && f.fix.edits.length > 0);
      if (fixable && kindRequested(params.context.only, FIX_ALL_KIND)) {
        const action: CodeAction = { title: 'Fix all auto-fixable problems', kind: FIX_ALL_KIND };
        if (caps.resolveEdit) action.data = { uri, version: result.version };
        else action.edit = workspaceEdit(uri, result.version, fixAllEdits(result));
        actions.push(action);
      }
      return actions;
    }),
  );

  connection.onCodeActionResolve(
    guard('codeAction/resolve', undefined as unknown as CodeAction, async (action: CodeAction) => {
      const data = action.data as { uri?: unknown; version?: unknown } | undefined;
      if (action.kind !== FIX_ALL_KIND || typeof data?.uri !== 'string') return action;
      const result = await currentResult(data.uri);
      if (result === undefined || result.version !== data.version) {
        throw new ResponseError(LSPErrorCodes.ContentModified, 'The document changed; request the code actions again');
      }
      return { ...action, edit: workspaceEdit(data.uri, result.version, fixAllEdits(result)) };
    }),
  );

  // --- Hover -----------------------------------------------------------------------------------

  connection.onHover(
    guard('textDocument/hover', null as Hover | null, async (params) => {
      const result = await currentResult(params.textDocument.uri);
      if (result === undefined) return null;
      const at = { start: params.position, end: params.position };
      const hits = result.findings.filter((finding) => rangesIntersect(finding.range, at));
      if (hits.length === 0) return null;
      const parts: string[] = [];
      const shown = new Set<string>();
      for (const finding of hits) {
        const rule = fullRegistry.get(finding.ruleId);
        const codes = finding.codes.length > 0 ? ` (${finding.codes.join(', ')})` : '';
        if (caps.markdown) parts.push(`**${finding.message.replace(/[\\`*_[\]<>]/g, '\\$&')}**${codes}`);
        else parts.push(`${finding.message}${codes}`);
        if (rule !== undefined && !shown.has(rule.meta.id)) {
          shown.add(rule.meta.id);
          parts.push(caps.markdown ? ruleHoverMarkdown(rule) : ruleHoverPlainText(rule));
        }
      }
      return {
        contents: { kind: caps.markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: parts.join(caps.markdown ? '\n\n---\n\n' : '\n\n') },
        range: (hits[0] as Finding).range,
      };
    }),
  );

  documents.listen(connection);
  connection.listen();
}

export interface StartOptions {
  /** Where usage and errors go before the connection exists (default: stderr). */
  stderr?: { write(text: string): unknown };
}

export const LSP_USAGE = `Usage: layerlint lsp [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]

Starts the layerlint language server. With no transport option it speaks over stdio.`;

/** Starts the language server on the transport the arguments name (stdio by default). */
export async function startServer(argv: readonly string[], options: StartOptions = {}): Promise<void> {
  const stderr = options.stderr ?? process.stderr;
  if (argv.includes('--help') || argv.includes('-h')) {
    stderr.write(`${LSP_USAGE}\n`);
    return;
  }
  if (argv.includes('--version')) {
    stderr.write(`${VERSION}\n`);
    return;
  }
  // Nothing but protocol messages may reach stdout: console output goes to stderr.
  const toStderr = (...args: unknown[]): void => {
    process.stderr.write(`${format(...args)}\n`);
  };
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  console.warn = toStderr;
  console.trace = toStderr;

  let port: number | undefined;
  let pipe: string | undefined;
  let ipc = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--node-ipc') ipc = true;
    else if (arg === '--socket' || arg === '--port') port = Number(argv[++i]);
    else if (arg.startsWith('--socket=') || arg.startsWith('--port=')) port = Number(arg.slice(arg.indexOf('=') + 1));
    else if (arg === '--pipe') pipe = argv[++i];
    else if (arg.startsWith('--pipe=')) pipe = arg.slice('--pipe='.length);
    else if (arg === '--stdio' || arg.startsWith('--clientProcessId')) continue;
    else {
      stderr.write(`layerlint lsp: unknown option ${arg}\n${LSP_USAGE}\n`);
      process.exitCode = 2;
      return;
    }
  }
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    stderr.write(`layerlint lsp: --socket expects a port number\n`);
    process.exitCode = 2;
    return;
  }

  process.on('uncaughtException', (error) => toStderr(`layerlint lsp: uncaught exception: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => toStderr(`layerlint lsp: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

  const node = await import('vscode-languageserver/node');
  let connection: Connection;
  if (ipc) {
    if (process.send === undefined) {
      stderr.write('layerlint lsp: --node-ipc needs an IPC channel (start the server with fork)\n');
      process.exitCode = 2;
      return;
    }
    connection = node.createConnection(new node.IPCMessageReader(process), new node.IPCMessageWriter(process));
  } else if (port !== undefined) {
    const [reader, writer] = node.createServerSocketTransport(port);
    connection = node.createConnection(reader, writer);
  } else if (pipe !== undefined) {
    const [reader, writer] = node.createServerPipeTransport(pipe);
    connection = node.createConnection(reader, writer);
  } else {
    connection = node.createConnection(process.stdin, process.stdout);
  }
  createServer(connection, { warmUp: process.env.LAYERLINT_LSP_WARM_UP !== '0' });
}
