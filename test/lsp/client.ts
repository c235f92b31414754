/**
 * A minimal LSP client for the end-to-end tests: spawns the built server (`node
 * dist/src/cli/bin.js lsp --stdio`) and speaks JSON-RPC to it over its stdio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver/node';
import type {
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'dist/src/cli/bin.js');
export const LSP_BIN = path.join(ROOT, 'dist/src/lsp/bin.js');

export interface ClientOptions {
  /** The workspace folder. */
  root: string;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Answers to `workspace/configuration` (the `layerlint` section). */
  settings?: () => unknown;
  /** The command to start the server with (default: the CLI's `lsp --stdio`). */
  args?: string[];
}

export interface TestClient {
  connection: MessageConnection;
  child: ChildProcess;
  initializeResult: InitializeResult;
  /** Every publishDiagnostics notification received, in order. */
  published: PublishDiagnosticsParams[];
  logs: { type: number; message: string }[];
  registrations: { method: string; registerOptions?: unknown }[];
  refreshes: number;
  stderr: () => string;
  /** Resolves with the first publish for `uri` (received from now on, or already) matching `accept`. */
  waitForDiagnostics(uri: string, accept?: (params: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string, version?: number): Promise<void>;
  change(uri: string, version: number, text: string): Promise<void>;
  close(uri: string): Promise<void>;
  /** shutdown + exit; resolves with the process exit code. */
  stop(): Promise<number | null>;
}

/** Full capabilities of an editor that takes pushed diagnostics. */
export const PUSH_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    synchronization: { didSave: true },
  },
};

export function tempWorkspace(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-lsp-')));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** What a real editor test runs in: a workspace with two rules on and one finding for each. */
export interface EditorRun {
  root: string;
  /** Where the editor script writes what it received, as JSON. */
  out: string;
  /** The environment for the editor: the server command, the file to open and the output path. */
  env: NodeJS.ProcessEnv;
}

export function editorRun(): EditorRun {
  const root = tempWorkspace({
    '.layerlint.yaml': 'extends: []\nrules:\n  no-latest-tag: warning\n  minimize-run-layers: info\n',
    'Dockerfile': 'FROM ubuntu\nRUN echo a\nRUN echo b\n',
  });
  const out = path.join(root, 'result.json');
  const env = {
    PATH: process.env.PATH,
    HOME: root,
    LAYERLINT_CMD: JSON.stringify([process.execPath, BIN, 'lsp', '--stdio']),
    LAYERLINT_FILE: path.join(root, 'Dockerfile'),
    LAYERLINT_OUT: out,
  };
  return { root, out, env };
}

export function uriOf(filePath: string): string {
  return pathToFileURL(filePath).href;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 0, text), edits);
}

/** The edits a workspace edit makes to one document (`changes` or `documentChanges`). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (edit === undefined) return [];
  const out: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) out.push(...(change.edits as TextEdit[]));
  }
  return out;
}

export function codesOf(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

export async function startClient(options: ClientOptions): Promise<TestClient> {
  const child = spawn(process.execPath, options.args ?? [BIN, 'lsp', '--stdio'], {
    cwd: options.root,
    env: { PATH: process.env.PATH, HOME: options.root },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout as NodeJS.ReadableStream), new StreamMessageWriter(child.stdin as NodeJS.WritableStream));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const logs: { type: number; message: string }[] = [];
  const registrations: { method: string; registerOptions?: unknown }[] = [];
  const client = { refreshes: 0 } as { refreshes: number };

  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.accept(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  connection.onNotification('window/logMessage', (params: { type: number; message: string }) => logs.push(params));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.settings?.() ?? {}));
  connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
    registrations.push(...params.registrations);
    return null;
  });
  connection.onRequest('workspace/diagnostic/refresh', () => {
    client.refreshes++;
    return null;
  });
  connection.listen();

  const initializeResult = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uriOf(options.root),
    workspaceFolders: [{ uri: uriOf(options.root), name: 'test' }],
    capabilities: options.capabilities ?? PUSH_CAPABILITIES,
    initializationOptions: options.initializationOptions,
  })) as InitializeResult;
  await connection.sendNotification('initialized', {});

  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    connection,
    child,
    initializeResult,
    published,
    logs,
    registrations,
    get refreshes() {
      return client.refreshes;
    },
    stderr: () => stderr,
    waitForDiagnostics(uri, accept = () => true, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; got ${JSON.stringify(published.filter((p) => p.uri === uri).map((p) => [p.version, codesOf(p.diagnostics)]))}\n${stderr}`)), timeoutMs);
        waiters.push({
          uri,
          accept,
          resolve: (params) => {
            clearTimeout(timer);
            resolve(params);
          },
        });
      });
    },
    async open(uri, text, version = 1) {
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
    },
    async change(uri, version, text) {
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async close(uri) {
      await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
