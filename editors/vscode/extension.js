// A minimal VS Code extension: starts `layerlint lsp --stdio` for Dockerfiles and Containerfiles.
// The server does the rest (diagnostics, quick fixes, fix all, hover, config reload).
// VS Code loads extensions as CommonJS.
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

/** The configured executable, else the workspace's local install, else `layerlint` on the PATH. */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration('layerlint').get('path');
  if (configured) return configured;
  const bin = process.platform === 'win32' ? 'layerlint.cmd' : 'layerlint';
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = path.join(folder.uri.fsPath, 'node_modules', '.bin', bin);
    if (fs.existsSync(local)) return local;
  }
  return bin;
}

async function activate(context) {
  const command = serverCommand();
  const executable = { command, args: ['lsp', '--stdio'], options: { shell: process.platform === 'win32' } };
  client = new LanguageClient(
    'layerlint',
    'layerlint',
    { run: executable, debug: executable },
    {
      documentSelector: [
        { scheme: 'file', language: 'dockerfile' },
        { scheme: 'untitled', language: 'dockerfile' },
        { scheme: 'file', pattern: '**/{Containerfile,Containerfile.*,*.containerfile,*.Containerfile}' },
      ],
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
