#!/usr/bin/env node
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Main from './main.js';
import { loadBundle } from './load-bundle.js';
import { applyV8Flags, tuneV8ForRun } from './v8-flags.js';

type MainModule = typeof Main;

// `layerlint lsp` starts the language server before the CLI (and yargs) is loaded; the CLI never loads the server.
const argv = process.argv.slice(2);
if (argv[0] === 'lsp') {
  const { launchServer } = await import('../lsp/relaunch.js');
  await launchServer(fileURLToPath(import.meta.url), argv, argv.slice(1));
} else {
  // For a short-lived run only: the long-lived server gains more from inlining than it loses warming up.
  applyV8Flags();
  // A reader that stops early (`layerlint . | head`) closes the pipe: stop quietly instead of
  // failing with an unhandled EPIPE; the report is incomplete, so the run counts as an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(2);
  });
  const bundle = fileURLToPath(new URL('./main.bundle.cjs', import.meta.url));
  const { runCli } = bundled(bundle) ? (loadBundle(bundle, fileURLToPath(new URL('./main.bundle.cache', import.meta.url))).exports as unknown as MainModule) : ((await import('./main.js')) as MainModule);
  const code = await runCli({
    argv,
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin,
    beforeLint: tuneV8ForRun,
  });
  process.exitCode = code;
}

/**
 * The one-file bundle of the CLI (scripts/bundle.mjs) starts much faster than ~250 modules; it
 * is used only when it is at least as new as the compiled main.js, so a stale bundle is never run.
 * It runs with the V8 code cache written next to it at build time when that is valid (load-bundle.ts).
 */
function bundled(bundle: string): boolean {
  try {
    return fs.statSync(bundle).mtimeMs >= fs.statSync(new URL('./main.js', import.meta.url)).mtimeMs;
  } catch {
    return false;
  }
}

function readStdin(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}
