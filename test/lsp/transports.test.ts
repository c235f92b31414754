/** The other transports VS Code-style clients launch the server with: --node-ipc and --socket=<port>. */
import { fork, spawn } from 'node:child_process';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, SocketMessageReader, SocketMessageWriter, type MessageConnection } from 'vscode-languageserver/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver';
import { BIN, tempWorkspace, uriOf } from './client.js';

async function exercise(connection: MessageConnection, root: string): Promise<void> {
  const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
  connection.listen();
  const init = (await connection.sendRequest('initialize', { processId: null, rootUri: uriOf(root), capabilities: {} })) as InitializeResult;
  expect(init.serverInfo?.name).toBe('layerlint');
  await connection.sendNotification('initialized', {});
  const uri = uriOf(`${root}/Dockerfile`);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM ubuntu\n' } });
  expect((await published).diagnostics.map((d) => d.code)).toEqual(['no-latest-tag']);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
}

describe('transports', () => {
  const config = { '.layerlint.yaml': 'extends: []\nrules:\n  no-latest-tag: warning\n' };

  it('--node-ipc', async () => {
    const root = tempWorkspace(config);
    const child = fork(BIN, ['lsp', '--node-ipc'], { cwd: root, silent: true });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await exercise(createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child)), root);
    expect(await exited).toBe(0);
  });

  it('--socket=<port>', async () => {
    const root = tempWorkspace(config);
    const server = net.createServer();
    const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const child = spawn(process.execPath, [BIN, 'lsp', `--socket=${port}`], { cwd: root, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const socket = await accepted;
    await exercise(createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket)), root);
    expect(await exited).toBe(0);
    server.close();
  });

  it('rejects an unknown option with usage on stderr', async () => {
    const child = spawn(process.execPath, [BIN, 'lsp', '--bogus'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown option --bogus');
  });
});
