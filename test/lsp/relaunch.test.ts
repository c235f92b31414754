/**
 * The server runs in a child process started with larger semi-spaces (src/lsp/relaunch.ts).
 * The end-to-end tests read the process tree from /proc, so they run on Linux only.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS, shouldRelaunch, type RelaunchContext } from '../../src/lsp/relaunch.js';
import { LSP_BIN, startClient, tempWorkspace, type TestClient } from './client.js';

const base: RelaunchContext = { args: ['--stdio'], env: {}, execArgv: [], hasIpc: false };

describe('shouldRelaunch', () => {
  it('relaunches a plain start, over stdio or a socket', () => {
    expect(shouldRelaunch(base)).toBe(true);
    expect(shouldRelaunch({ ...base, args: ['--socket=7000'] })).toBe(true);
    expect(shouldRelaunch({ ...base, execArgv: ['--max-semi-space-size=64'] })).toBe(true);
  });

  it('never relaunches the child, a process with the flags, an IPC transport, help or version, or when turned off', () => {
    expect(shouldRelaunch({ ...base, env: { LAYERLINT_LSP_RELAUNCHED: '1' } })).toBe(false);
    expect(shouldRelaunch({ ...base, env: { LAYERLINT_LSP_RELAUNCH: '0' } })).toBe(false);
    expect(shouldRelaunch({ ...base, execArgv: ['--inspect', ...SERVER_NODE_FLAGS] })).toBe(false);
    expect(shouldRelaunch({ ...base, args: ['--node-ipc'] })).toBe(false);
    expect(shouldRelaunch({ ...base, hasIpc: true })).toBe(false);
    for (const flag of ['--help', '-h', '--version']) expect(shouldRelaunch({ ...base, args: [flag] })).toBe(false);
  });
});

const linux = fs.existsSync('/proc/self/task');
const clients: TestClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) if (client.child.exitCode === null) client.child.kill('SIGKILL');
});

function childrenOf(pid: number): number[] {
  const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
  return text.split(/\s+/).filter(Boolean).map(Number);
}

function commandLine(pid: number): string[] {
  return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2]?.startsWith('Z');
  } catch {
    return false;
  }
}

describe.runIf(linux)('the relaunched server', () => {
  for (const [name, args] of [
    ['layerlint lsp', undefined],
    ['layerlint-lsp', [LSP_BIN, '--stdio']],
  ] as const) {
    it(`${name} answers from one child process that has the flags`, async () => {
      const client = await startClient({ root: tempWorkspace(), ...(args ? { args: [...args] } : {}) });
      clients.push(client);
      const pid = client.child.pid as number;
      const children = childrenOf(pid).filter((child) => commandLine(child)[0] === process.execPath);
      expect(children).toHaveLength(1);
      const child = children[0] as number;
      expect(commandLine(child)).toEqual(expect.arrayContaining(SERVER_NODE_FLAGS));
      expect(commandLine(pid)).not.toEqual(expect.arrayContaining(SERVER_NODE_FLAGS));
      expect(await client.stop()).toBe(0);
      expect(alive(child)).toBe(false);
    });
  }

  it('passes a termination signal on to the server, which leaves no process behind', async () => {
    const client = await startClient({ root: tempWorkspace() });
    clients.push(client);
    const pid = client.child.pid as number;
    const [child] = childrenOf(pid);
    expect(child).toBeDefined();
    const exited = new Promise<[number | null, string | null]>((resolve) => client.child.on('exit', (code, signal) => resolve([code, signal])));
    client.child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(128 + 15);
    for (let i = 0; i < 50 && alive(child as number); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(alive(child as number)).toBe(false);
  });
});
