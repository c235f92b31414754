import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, commitAll, hasCommand, run, snapshotWorkingTree, tempDir } from './snapshot.js';

const available = hasCommand('pre-commit');
const title = available ? 'pre-commit hook (pre-commit try-repo)' : 'pre-commit hook — SKIPPED: `pre-commit` is not installed (.ci/run installs it with apt-get)';

/**
 * The `layerlint` hook of .pre-commit-hooks.yaml, installed the way pre-commit installs any
 * `language: node` hook (npm install in a clone of the repository, `npm pack`, a global install
 * of the tarball) and run on a throwaway repository. The hook repository is a committed copy of
 * this checkout's working tree: try-repo would otherwise see only committed and modified files,
 * never new ones.
 */
describe.skipIf(!available)(title, () => {
  it('fails with layerlint findings on a bad build file and passes once it is fixed', () => {
    const hookRepo = snapshotWorkingTree();
    commitAll(hookRepo);

    const project = tempDir('pre-commit-project');
    fs.writeFileSync(path.join(project, 'Dockerfile'), 'FROM ubuntu\nUSER 1000\n');
    fs.writeFileSync(path.join(project, 'api.containerfile'), 'FROM debian\nUSER 1000\n');
    fs.writeFileSync(path.join(project, 'README.md'), 'FROM ubuntu\n');
    commitAll(project, 'bad build files');

    const env = cleanEnv({ PRE_COMMIT_HOME: tempDir('pre-commit-home'), PRE_COMMIT_COLOR: 'never' });
    const tryRepo = () => run('pre-commit', ['try-repo', hookRepo, 'layerlint', '--all-files', '--color', 'never'], project, env);

    const failing = tryRepo();
    const output = `${failing.stdout}${failing.stderr}`;
    expect(failing.status, output).toBe(1);
    expect(output).toMatch(/layerlint\.+Failed/);
    expect(output).toContain("Dockerfile:1:6: warning no-latest-tag Image 'ubuntu' has no tag");
    // *.containerfile names, which identify's `dockerfile` tag misses, are linted too; README.md is not.
    expect(output).toContain('api.containerfile:1:6: warning no-latest-tag');
    expect(output).not.toContain('README.md');

    fs.writeFileSync(path.join(project, 'Dockerfile'), 'FROM scratch\nCOPY app /app\nUSER 1000\n');
    fs.writeFileSync(path.join(project, 'api.containerfile'), 'FROM scratch\nCOPY api /api\nUSER 1000\n');
    commitAll(project, 'fixed');
    const passing = tryRepo();
    expect(passing.status, `${passing.stdout}${passing.stderr}`).toBe(0);
    expect(passing.stdout).toMatch(/layerlint\.+Passed/);
  }, 600_000);
});
