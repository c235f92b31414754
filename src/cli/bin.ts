#!/usr/bin/env node
// `layerlint lsp` starts the language server before the CLI (and yargs) is loaded; the CLI never loads the server.
const argv = process.argv.slice(2);
if (argv[0] === 'lsp') {
  const { startServer } = await import('../lsp/server.js');
  await startServer(argv.slice(1));
} else {
  const { runCli } = await import('./main.js');
  const code = await runCli({
    argv,
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin,
  });
  process.exitCode = code;
}

function readStdin(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}
