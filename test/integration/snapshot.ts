import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The environment for child processes: this process's, without the `npm_*` variables `npm test`
 * exports and without `GIT_*` variables (a surrounding git hook), so the tools behave as on a
 * developer's machine.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|GIT_)/i.test(key) || key === 'PRE_COMMIT' || key === 'GITHUB_ACTIONS') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Runs and throws with the output when the command fails. */
export function mustRun(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): string {
  const result = run(command, args, cwd, env);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${String(result.status ?? result.error)}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

export function hasCommand(command: string): boolean {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return result.status === 0;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `layerlint-${prefix}-`));
}

/**
 * A copy of this checkout's working tree (tracked and untracked files, minus ignored ones:
 * no node_modules, no dist) in a temporary directory, so packaging tests see exactly the
 * current sources and never write into the checkout. Outside a git checkout everything but
 * node_modules, dist and .git is copied.
 */
export function snapshotWorkingTree(): string {
  const dir = tempDir('snapshot');
  const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT);
  const files =
    listed.status === 0
      ? listed.stdout.split('\0').filter((file) => file !== '')
      : fs
          .readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
          .filter((file) => !/^(node_modules|dist|\.git)(\/|\\|$)/.test(file));
  for (const file of files) {
    const from = path.join(ROOT, file);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(from);
    } catch {
      continue; // deleted in the working tree but still in the index
    }
    if (!stat.isFile()) continue;
    const to = path.join(dir, file);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  }
  return dir;
}

/** Makes `dir` a git repository with everything committed. */
export function commitAll(dir: string, message = 'snapshot'): void {
  const git = ['-c', 'user.email=test@example.invalid', '-c', 'user.name=layerlint tests', '-c', 'commit.gpgsign=false'];
  if (!fs.existsSync(path.join(dir, '.git'))) mustRun('git', ['init', '-q'], dir);
  mustRun('git', ['add', '-A'], dir);
  mustRun('git', [...git, 'commit', '-q', '--allow-empty', '-m', message], dir);
}
