import { spawn } from 'node:child_process';

/**
 * V8 flags the language server runs under. A lint of a large document allocates ~13 MB; with
 * V8's default young generation (16 MB semi-spaces) nearly every lint ends in a scavenge that
 * copies the model being linted (~8 ms on a 2,000-line file). With 64 MB semi-spaces most lints
 * finish between scavenges: the median change-to-diagnostics latency of bench/lsp.js drops by
 * about 6 ms (docs/performance.md). V8 sizes the young generation only when a process starts, so
 * the server is started in a child process with these flags, and the first process only waits.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64', '--min-semi-space-size=64'];

/** Set in the child, so it never relaunches again. */
const RELAUNCHED_ENV = 'LAYERLINT_LSP_RELAUNCHED';

export interface RelaunchContext {
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** The Node flags of this process (`process.execArgv`). */
  execArgv: readonly string[];
  /** Whether this process has an IPC channel (`process.send`), which a child cannot take over. */
  hasIpc: boolean;
}

/** Whether to start the server in a child process with SERVER_NODE_FLAGS instead of in this one. */
export function shouldRelaunch(context: RelaunchContext): boolean {
  if (context.env[RELAUNCHED_ENV] === '1' || context.env.LAYERLINT_LSP_RELAUNCH === '0') return false;
  if (context.hasIpc || context.args.some((arg) => arg === '--node-ipc' || arg === '--help' || arg === '-h' || arg === '--version')) return false;
  return !SERVER_NODE_FLAGS.every((flag) => context.execArgv.includes(flag));
}

/**
 * Runs `script args` in a child Node process with SERVER_NODE_FLAGS, sharing this process's
 * stdin, stdout and stderr, and resolves with its exit code; undefined when the child could not
 * be started (the caller then runs the server itself).
 */
export function relaunch(script: string, args: readonly string[]): Promise<number | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, ...SERVER_NODE_FLAGS, script, ...args], {
      stdio: 'inherit',
      env: { ...process.env, [RELAUNCHED_ENV]: '1' },
    });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    const signals: NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, forward);
    // Only a child that never started: a failed kill() also emits 'error'.
    child.on('error', () => {
      if (child.pid === undefined) resolve(undefined);
    });
    child.on('exit', (code, signal) => {
      for (const name of signals) process.off(name, forward);
      resolve(code ?? (signal === null ? 1 : 128 + signalNumber(signal)));
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return numbers[signal] ?? 0;
}

/**
 * Starts the language server for `serverArgs`: in a child process with SERVER_NODE_FLAGS (running
 * `script` with `scriptArgs`, which lead to the same server) when shouldRelaunch says so, else here.
 */
export async function launchServer(script: string, scriptArgs: readonly string[], serverArgs: readonly string[]): Promise<void> {
  if (shouldRelaunch({ args: serverArgs, env: process.env, execArgv: process.execArgv, hasIpc: process.send !== undefined })) {
    const code = await relaunch(script, scriptArgs);
    if (code !== undefined) {
      process.exitCode = code;
      return;
    }
  }
  const { startServer } = await import('./server.js');
  await startServer(serverArgs);
}
