/**
 * End-to-end tests of the language server: each test spawns the built server over stdio and
 * speaks JSON-RPC to it like an editor would. Needs `npx tsc -p tsconfig.json` (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, DocumentDiagnosticReport, Hover, MarkupContent } from 'vscode-languageserver';
import { applyEdits, BIN, codesOf, editsFor, LSP_BIN, PUSH_CAPABILITIES, startClient, tempWorkspace, uriOf, type TestClient } from './client.js';

/** Only these two rules on, so that the expectations do not move as rules are added. */
const CONFIG = 'extends: []\nrules:\n  no-latest-tag: warning\n  minimize-run-layers: info\n';
const TEXT = 'FROM ubuntu\nRUN echo a\nRUN echo b\n';

const clients: TestClient[] = [];
async function start(...args: Parameters<typeof startClient>): Promise<TestClient> {
  const client = await startClient(...args);
  clients.push(client);
  return client;
}

beforeAll(() => {
  if (!fs.existsSync(BIN) || !fs.existsSync(LSP_BIN)) throw new Error('Build first: npx tsc -p tsconfig.json');
});

afterEach(() => {
  for (const client of clients.splice(0)) {
    if (client.child.exitCode === null) client.child.kill();
  }
});

describe('lifecycle', () => {
  it('initializes with push diagnostics, code actions and hover, and exits 0 after shutdown', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root });
    const caps = client.initializeResult.capabilities;
    expect(client.initializeResult.serverInfo?.name).toBe('layerlint');
    expect(caps.hoverProvider).toBe(true);
    expect(caps.codeActionProvider).toMatchObject({ codeActionKinds: ['quickfix', 'source.fixAll.layerlint'] });
    expect(caps.diagnosticProvider).toBeUndefined();
    expect(await client.stop()).toBe(0);
  });

  it('also starts as the layerlint-lsp bin, with no transport flag meaning stdio', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root, args: [LSP_BIN] });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    await client.open(uri, TEXT);
    const published = await client.waitForDiagnostics(uri);
    expect(codesOf(published.diagnostics)).toEqual(['no-latest-tag', 'minimize-run-layers']);
    expect(await client.stop()).toBe(0);
  });

  it('exits with 1 when the client exits without shutdown', async () => {
    const root = tempWorkspace();
    const client = await start({ root });
    const exited = new Promise((resolve) => client.child.on('exit', resolve));
    await client.connection.sendNotification('exit');
    expect(await exited).toBe(1);
  });
});

describe('push diagnostics', () => {
  it('publishes on open with the rule id, codes, docs link, exact range, severity and version', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    await client.open(uri, TEXT, 7);
    const published = await client.waitForDiagnostics(uri);
    expect(published.version).toBe(7);
    const [tag, layers] = published.diagnostics;
    expect(tag).toMatchObject({
      code: 'no-latest-tag',
      source: 'layerlint',
      severity: 2,
      range: { start: { line: 0, character: 5 }, end: { line: 0, character: 11 } },
      codeDescription: { href: expect.stringMatching(/docs\/rules\/no-latest-tag\.md$/) },
      data: { ruleId: 'no-latest-tag', codes: ['DL3006', 'DS-0001', 'CKV_DOCKER_7'] },
    });
    expect(tag?.message).toMatch(/^Image 'ubuntu' has no tag.*\(DL3006, DS-0001, CKV_DOCKER_7\)$/);
    expect(layers).toMatchObject({ code: 'minimize-run-layers', severity: 3, range: { start: { line: 2, character: 0 } }, data: { codes: ['DL3059'], fixable: true } });
    await client.stop();
  });

  it('re-lints on change, publishes only the latest version, and clears on close', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    await client.open(uri, TEXT, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    // A burst of edits, as typing produces: only the last may be published, never an older one after it.
    for (let version = 2; version <= 29; version++) {
      const text = version % 2 === 0 ? 'FROM ubuntu:24.04\nRUN echo a\n' : TEXT;
      await client.change(uri, version, text);
    }
    const last = await client.waitForDiagnostics(uri, (p) => p.version === 29);
    expect(codesOf(last.diagnostics)).toEqual(['no-latest-tag', 'minimize-run-layers']);
    await client.change(uri, 31, 'FROM ubuntu:24.04\n');
    const clean = await client.waitForDiagnostics(uri, (p) => p.version === 31);
    expect(clean.diagnostics).toEqual([]);
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    // Debounced: far fewer lints published than edits made.
    expect(versions.filter((v) => v >= 2 && v <= 29).length).toBeLessThan(10);
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, (p) => p.version === undefined);
    expect(cleared.diagnostics).toEqual([]);
    await client.stop();
  });

  it('never publishes stale results: a change during the lint of an older version wins', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    await client.open(uri, TEXT, 1);
    await client.change(uri, 2, 'FROM ubuntu:24.04\n');
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    expect(published.diagnostics).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const p of client.published) {
      if (p.version === 1) expect(client.published.indexOf(p)).toBeLessThan(client.published.indexOf(published));
    }
    expect(client.published.at(-1)?.version).toBe(2);
    await client.stop();
  });

  it('keeps publishing the latest version of a large document while it warms up between edits', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    // Every rule on: a cold lint of 1,800 lines is slow enough to start the idle warm-up (warm-up.ts).
    const client = await start({ root, settings: () => ({ preset: 'all' }) });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    const stage = (i: number): string => `FROM debian:12 AS s${i}\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\n`;
    const big = Array.from({ length: 600 }, (_, i) => stage(i)).join('');
    await client.open(uri, big, 1);
    const first = await client.waitForDiagnostics(uri, (p) => p.version === 1, 30_000);
    expect(first.diagnostics.length).toBeGreaterThan(600);
    for (let version = 2; version <= 6; version++) {
      // Idle time between keystrokes, when the warm-up lints run.
      await new Promise((resolve) => setTimeout(resolve, 60));
      await client.change(uri, version, version % 2 === 0 ? `FROM ubuntu:latest\n${big}` : big);
      const published = await client.waitForDiagnostics(uri, (p) => p.version === version, 30_000);
      const onFirstLine = published.diagnostics.filter((d) => d.range.start.line === 0).map((d) => d.code);
      if (version % 2 === 0) expect(onFirstLine).toContain('no-latest-tag');
      else expect(onFirstLine).not.toContain('no-latest-tag');
    }
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(client.logs.filter((log) => log.type === 1)).toEqual([]);
    expect(await client.stop()).toBe(0);
  });

  it('reports a broken config as one diagnostic instead of failing', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': 'rules:\n  no-such-rule: error\n' });
    const client = await start({ root });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    await client.open(uri, TEXT);
    const published = await client.waitForDiagnostics(uri);
    expect(published.diagnostics).toHaveLength(1);
    expect(published.diagnostics[0]).toMatchObject({ code: 'config-error', severity: 1, message: expect.stringContaining('no-such-rule') });
    await client.stop();
  });

  it('lints unsaved (untitled) documents with the workspace config', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root });
    await client.open('untitled:Untitled-1', 'FROM ubuntu\n');
    const published = await client.waitForDiagnostics('untitled:Untitled-1');
    expect(codesOf(published.diagnostics)).toEqual(['no-latest-tag']);
    await client.stop();
  });
});

describe('pull diagnostics', () => {
  const pullCapabilities = { ...PUSH_CAPABILITIES, textDocument: { ...PUSH_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false } }, workspace: { ...PUSH_CAPABILITIES.workspace, diagnostics: { refreshSupport: true } } };

  it('answers textDocument/diagnostic and never pushes', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root, capabilities: pullCapabilities });
    expect(client.initializeResult.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: false, workspaceDiagnostics: false });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    await client.open(uri, TEXT);
    const first = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport & { resultId: string };
    expect(first.kind).toBe('full');
    expect(codesOf((first as { items: [] }).items)).toEqual(['no-latest-tag', 'minimize-run-layers']);
    const again = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId })) as DocumentDiagnosticReport;
    expect(again).toEqual({ kind: 'unchanged', resultId: first.resultId });
    await client.change(uri, 2, 'FROM ubuntu:24.04\n');
    const changed = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId })) as DocumentDiagnosticReport;
    expect(changed).toMatchObject({ kind: 'full', items: [] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.published).toEqual([]);
    await client.stop();
  });

  it('asks the client to re-pull when a watched config file changes', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root, capabilities: pullCapabilities });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    await client.open(uri, TEXT);
    const before = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: [] };
    expect(codesOf(before.items)).toEqual(['no-latest-tag', 'minimize-run-layers']);
    fs.writeFileSync(path.join(root, '.layerlint.yaml'), 'extends: []\nrules:\n  no-latest-tag: error\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(root, '.layerlint.yaml')), type: 2 }] });
    await expect.poll(() => client.refreshes).toBe(1);
    const after = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: { code: string; severity: number }[] };
    expect(after.items.map((d) => [d.code, d.severity])).toEqual([['no-latest-tag', 1]]);
    await client.stop();
  });
});

describe('code actions', () => {
  async function actionsAt(client: TestClient, uri: string, line: number, only?: string[], character = 0): Promise<CodeAction[]> {
    const range = { start: { line, character }, end: { line, character } };
    return (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], ...(only ? { only } : {}) } })) as CodeAction[];
  }

  it('offers the quick fix, and applying its edit gives the fixed text', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    await client.open(uri, TEXT);
    await client.waitForDiagnostics(uri);
    const actions = await actionsAt(client, uri, 2, ['quickfix']);
    expect(actions.map((a) => a.title)).toEqual([
      expect.stringMatching(/./),
      'Ignore minimize-run-layers for this instruction',
      'Ignore minimize-run-layers for this file',
    ]);
    const fix = actions[0] as CodeAction;
    expect(fix).toMatchObject({ kind: 'quickfix', isPreferred: true, diagnostics: [{ code: 'minimize-run-layers' }] });
    // documentChanges carry the version the edit was computed for.
    expect(fix.edit?.documentChanges?.[0]).toMatchObject({ textDocument: { uri, version: 1 } });
    expect(applyEdits(TEXT, editsFor(fix.edit, uri))).toBe('FROM ubuntu\nRUN echo a && \\\n    echo b\n');
    await client.stop();
  });

  it('inserts ignore comments with the instruction indentation, or at the top for the file', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    const text = '# syntax=docker/dockerfile:1\nFROM ubuntu:24.04\nRUN echo a\n  RUN echo b\n';
    await client.open(uri, text);
    await client.waitForDiagnostics(uri);
    const actions = await actionsAt(client, uri, 3, undefined, 2);
    const instruction = actions.find((a) => a.title === 'Ignore minimize-run-layers for this instruction') as CodeAction;
    const ignoredHere = applyEdits(text, editsFor(instruction.edit, uri));
    expect(ignoredHere).toBe('# syntax=docker/dockerfile:1\nFROM ubuntu:24.04\nRUN echo a\n  # layerlint ignore=minimize-run-layers\n  RUN echo b\n');
    const file = actions.find((a) => a.title === 'Ignore minimize-run-layers for this file') as CodeAction;
    const ignoredFile = applyEdits(text, editsFor(file.edit, uri));
    expect(ignoredFile).toBe('# syntax=docker/dockerfile:1\n# layerlint ignore-file=minimize-run-layers\nFROM ubuntu:24.04\nRUN echo a\n  RUN echo b\n');
    // Both really silence it.
    for (const [version, edited] of [[2, ignoredHere], [3, ignoredFile]] as const) {
      await client.change(uri, version, edited);
      const published = await client.waitForDiagnostics(uri, (p) => p.version === version);
      expect(published.diagnostics).toEqual([]);
    }
    await client.stop();
  });

  it('extends an existing pragma instead of adding a second one', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    const text = '# layerlint ignore=DL3006\nFROM ubuntu\nRUN echo a\n# layerlint ignore=no-latest-tag\nRUN echo b\n';
    await client.open(uri, text);
    await client.waitForDiagnostics(uri);
    const actions = await actionsAt(client, uri, 4);
    const instruction = actions.find((a) => a.title === 'Ignore minimize-run-layers for this instruction') as CodeAction;
    expect(applyEdits(text, editsFor(instruction.edit, uri))).toBe('# layerlint ignore=DL3006\nFROM ubuntu\nRUN echo a\n# layerlint ignore=no-latest-tag,minimize-run-layers\nRUN echo b\n');
    await client.stop();
  });

  it('fixes all auto-fixable problems (source.fixAll.layerlint), resolving the edit lazily when the client can', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const text = 'FROM ubuntu\nRUN echo a\nRUN echo b\nRUN echo c\nCOPY a /x/\n';
    const expected = 'FROM ubuntu\nRUN echo a && \\\n    echo b && \\\n    echo c\nCOPY a /x/\n';
    for (const resolve of [false, true]) {
      const capabilities = resolve ? { ...PUSH_CAPABILITIES, textDocument: { ...PUSH_CAPABILITIES.textDocument, codeAction: { resolveSupport: { properties: ['edit'] } } } } : PUSH_CAPABILITIES;
      const client = await start({ root, capabilities });
      const uri = uriOf(path.join(root, 'Dockerfile'));
      await client.open(uri, text);
      let [action] = await actionsAt(client, uri, 0, ['source.fixAll']);
      expect(action).toMatchObject({ title: 'Fix all auto-fixable problems', kind: 'source.fixAll.layerlint' });
      if (resolve) {
        expect(action?.edit).toBeUndefined();
        action = (await client.connection.sendRequest('codeAction/resolve', action)) as CodeAction;
      }
      expect(applyEdits(text, editsFor(action?.edit, uri))).toBe(expected);
      // Not offered when only quick fixes are asked for.
      expect((await actionsAt(client, uri, 0, ['quickfix'])).some((a) => a.kind === 'source.fixAll.layerlint')).toBe(false);
      await client.stop();
    }
  });
});

describe('hover', () => {
  it('shows the rule documentation on a diagnostic range, and nothing elsewhere', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    await client.open(uri, TEXT);
    await client.waitForDiagnostics(uri);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } })) as Hover;
    const contents = hover.contents as MarkupContent;
    expect(contents.kind).toBe('markdown');
    expect(hover.range).toEqual({ start: { line: 0, character: 5 }, end: { line: 0, character: 11 } });
    expect(contents.value).toContain('### no-latest-tag');
    expect(contents.value).toContain('**Why is this bad?**');
    expect(contents.value).toMatch(/\*\*Example\*\*\n\n```dockerfile\n/);
    expect(contents.value).toContain('(DL3006, DS-0001, CKV_DOCKER_7)');
    expect(contents.value).toMatch(/\[Documentation for no-latest-tag\]\(https:\/\/.*no-latest-tag\.md\)/);
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
    expect(nothing).toBeNull();
    await client.stop();
  });
});

describe('configuration', () => {
  it('reloads the nearest config when the client reports a watched file change', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG, 'app/Dockerfile': TEXT });
    const client = await start({ root, capabilities: { ...PUSH_CAPABILITIES, workspace: { ...PUSH_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } } });
    const uri = uriOf(path.join(root, 'app/Dockerfile'));
    await client.open(uri, TEXT);
    expect(codesOf((await client.waitForDiagnostics(uri)).diagnostics)).toEqual(['no-latest-tag', 'minimize-run-layers']);
    await expect.poll(() => client.registrations.map((r) => r.method)).toContain('workspace/didChangeWatchedFiles');
    // A nearer config appears: it wins from now on.
    fs.writeFileSync(path.join(root, 'app/.hadolint.yaml'), 'ignored:\n  - DL3059\n');
    fs.writeFileSync(path.join(root, 'app/.layerlint.yaml'), 'extends: []\nrules:\n  minimize-run-layers: warning\n');
    const count = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(root, 'app/.layerlint.yaml')), type: 1 }] });
    const reloaded = await client.waitForDiagnostics(uri, () => client.published.length > count);
    expect(reloaded.diagnostics.map((d) => [d.code, d.severity])).toEqual([['minimize-run-layers', 2]]);
    await client.stop();
  });

  it('notices config edits by modification time when the client cannot watch files', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    await client.open(uri, TEXT, 1);
    expect(codesOf((await client.waitForDiagnostics(uri)).diagnostics)).toEqual(['no-latest-tag', 'minimize-run-layers']);
    const configPath = path.join(root, '.layerlint.yaml');
    fs.writeFileSync(configPath, 'extends: []\nrules:\n  no-latest-tag: error\n');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(configPath, later, later);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await client.change(uri, 2, TEXT);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    expect(published.diagnostics.map((d) => [d.code, d.severity])).toEqual([['no-latest-tag', 1]]);
    await client.stop();
  });

  it('applies client settings (preset, rules, enable) from workspace/configuration and re-lints on didChangeConfiguration', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    let settings: unknown = { rules: { 'no-latest-tag': 'off', DL3059: 'error' } };
    const client = await start({ root, settings: () => settings });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    await client.open(uri, TEXT);
    const first = await client.waitForDiagnostics(uri);
    expect(first.diagnostics.map((d) => [d.code, d.severity])).toEqual([['minimize-run-layers', 1]]);
    settings = { enable: false };
    let count = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const disabled = await client.waitForDiagnostics(uri, () => client.published.length > count);
    expect(disabled.diagnostics).toEqual([]);
    settings = { preset: 'recommended', rules: { 'minimize-run-layers': 'off' } };
    count = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const recommended = await client.waitForDiagnostics(uri, () => client.published.length > count);
    expect(codesOf(recommended.diagnostics)).toContain('no-latest-tag');
    expect(codesOf(recommended.diagnostics)).not.toContain('minimize-run-layers');
    await client.stop();
  });

  it('with run: onSave, lints on open and save but not on change', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root, initializationOptions: { run: 'onSave' }, capabilities: { ...PUSH_CAPABILITIES, workspace: {} } });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    await client.open(uri, TEXT, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    await client.change(uri, 2, 'FROM ubuntu:24.04\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.published.some((p) => p.version === 2)).toBe(false);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const saved = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    expect(saved.diagnostics).toEqual([]);
    await client.stop();
  });
});

const hasShellCheck = spawnSync('shellcheck', ['--version']).status === 0;

describe.skipIf(!hasShellCheck)('the shellcheck rule (run in a worker thread)', () => {
  it('publishes the in-process rules first, merges ShellCheck findings when they arrive, and keeps them on untouched lines meanwhile', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': 'extends: []\nrules:\n  shellcheck: warning\n  no-latest-tag: warning\n' });
    const client = await start({ root });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    await client.open(uri, 'FROM alpine\nRUN echo $1\n', 1);
    const complete = await client.waitForDiagnostics(uri, (p) => p.version === 1 && codesOf(p.diagnostics).includes('shellcheck'));
    expect(complete.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, (d.data as { codes: string[] }).codes])).toEqual([
      ['no-latest-tag', 0, 5, ['DL3006', 'DS-0001', 'CKV_DOCKER_7']],
      ['shellcheck', 1, 9, ['SC2086']],
    ]);
    // An edit above the RUN: the first publish of version 2 already shows the ShellCheck finding, moved down a line.
    await client.change(uri, 2, 'FROM alpine:3.20\n\nRUN echo $1\n');
    const first = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    expect(first.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['shellcheck', 2]]);
    // Editing the RUN itself: its old finding is not carried over; the new run's findings replace it.
    await client.change(uri, 3, 'FROM alpine:3.20\n\nRUN echo "$1" && cd /x\n');
    const edited = await client.waitForDiagnostics(uri, (p) => p.version === 3 && codesOf(p.diagnostics).includes('shellcheck'));
    expect(edited.diagnostics.map((d) => (d.data as { codes: string[] }).codes)).toEqual([['SC2164']]);
    expect(client.published.filter((p) => p.version === 3).every((p) => !p.diagnostics.some((d) => (d.data as { codes: string[] }).codes.includes('SC2086')))).toBe(true);
    await client.stop();
  });
});

describe('when ShellCheck runs', () => {
  it('starts it only for versions that stay current, not for every keystroke', async () => {
    const root = tempWorkspace({});
    const calls = path.join(root, 'calls.log');
    const fake = path.join(root, 'fake-shellcheck');
    fs.writeFileSync(fake, `#!/bin/sh\necho call >> '${calls}'\necho '{"comments":[]}'\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(root, '.layerlint.yaml'), `extends: []\nrules:\n  shellcheck: [warning, { path: '${fake}' }]\n`);
    const client = await start({ root });
    const uri = uriOf(path.join(root, 'Dockerfile'));
    const callCount = (): number => (fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').split('\n').filter(Boolean).length : 0);
    const waitForCalls = async (count: number): Promise<void> => {
      for (let i = 0; i < 200 && callCount() < count; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    };
    await client.open(uri, 'FROM alpine:3.20\nRUN echo $1\n', 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    await waitForCalls(1);
    expect(callCount()).toBe(1);
    // Version 2 is replaced right after its diagnostics arrive: only version 3 gets a ShellCheck run.
    await client.change(uri, 2, 'FROM alpine:3.20\nRUN echo $2\n');
    await client.waitForDiagnostics(uri, (p) => p.version === 2);
    await client.change(uri, 3, 'FROM alpine:3.20\nRUN echo $3\n');
    await client.waitForDiagnostics(uri, (p) => p.version === 3);
    await waitForCalls(2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(callCount()).toBe(2);
    await client.stop();
  });
});

describe('robustness', () => {
  it('survives malformed requests and unknown documents, and writes nothing but protocol to stdout', async () => {
    const root = tempWorkspace({ '.layerlint.yaml': CONFIG });
    const client = await start({ root });
    await expect(client.connection.sendRequest('textDocument/hover', { nonsense: true })).resolves.toBeNull();
    await expect(client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: 'file:///nowhere' }, range: null, context: {} })).resolves.toEqual([]);
    await expect(client.connection.sendRequest('layerlint/unknown', {})).rejects.toThrow();
    const uri = uriOf(path.join(root, 'Dockerfile'));
    // Binary and hostile text: diagnostics, not a crash.
    await client.open(uri, 'FROM \0\x01\x02\nRUN <<EOF\n');
    const published = await client.waitForDiagnostics(uri);
    expect(codesOf(published.diagnostics)).toEqual(['parse-error']);
    await client.change(uri, 2, `FROM ubuntu:24.04\nRUN ${'x'.repeat(70_000)}\n`);
    await client.waitForDiagnostics(uri, (p) => p.version === 2);
    // Still answering.
    await client.change(uri, 3, TEXT);
    expect(codesOf((await client.waitForDiagnostics(uri, (p) => p.version === 3)).diagnostics)).toEqual(['no-latest-tag', 'minimize-run-layers']);
    expect(await client.stop()).toBe(0);
  });
});
