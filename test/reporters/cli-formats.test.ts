import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, project } from '../cli/run.js';

const BAD = 'FROM ubuntu\nUSER app\n';

describe('format selection on the command line', () => {
  it('defaults to GitHub workflow commands under GitHub Actions, unless a format is given or pre-commit runs it', async () => {
    const dir = project({ Dockerfile: BAD });
    const actions = await cli(['Dockerfile'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(actions.stdout).toMatch(/^::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=12,title=no-latest-tag/);
    expect(actions.code).toBe(1);
    const json = await cli(['--format', 'json', 'Dockerfile'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(JSON.parse(json.stdout)).toHaveLength(1);
    const hook = await cli(['Dockerfile'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', PRE_COMMIT: '1' } });
    expect(hook.stdout).toMatch(/^Dockerfile:1:6: warning no-latest-tag/);
  });

  it('writes several formats at once: one to standard output, the others to files', async () => {
    const dir = project({ Dockerfile: BAD });
    const run = await cli(['--format', 'concise', '--format', 'sarif=out/results.sarif', '--format', 'junit=junit.xml', 'Dockerfile'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Dockerfile:1:6: warning no-latest-tag/);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'out/results.sarif'), 'utf8')) as { runs: Array<{ results: unknown[] }> };
    expect(sarif.runs[0]?.results).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'junit.xml'), 'utf8')).toContain('<failure message="Image');
  });

  it('prints a summary line on stderr when every report goes to a file', async () => {
    const dir = project({ Dockerfile: BAD });
    const single = await cli(['--format', 'gitlab', '--output-file', 'gl-code-quality.json', 'Dockerfile'], { cwd: dir });
    expect(single.stdout).toBe('');
    expect(single.stderr).toMatch(/^1 problem \(0 errors, 1 warning, 0 info, 0 style\)[^\n]*\n$/);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'gl-code-quality.json'), 'utf8'))[0].check_name).toBe('no-latest-tag');
    const filed = await cli(['--format', 'checkstyle=cs.xml', 'Dockerfile'], { cwd: dir });
    expect(filed.stdout).toBe('');
    expect(filed.stderr).toMatch(/^1 problem /);
    expect(fs.readFileSync(path.join(dir, 'cs.xml'), 'utf8')).toContain('source="layerlint.no-latest-tag"');
  });

  it('rejects two formats for standard output and empty file names', async () => {
    const dir = project({ Dockerfile: BAD });
    const two = await cli(['--format', 'json', '--format', 'sarif', 'Dockerfile'], { cwd: dir });
    expect(two.code).toBe(2);
    expect(two.stderr).toBe('layerlint: only one format can go to standard output; write the others to files with --format NAME=FILE (e.g. --format sarif=results.sarif)\n');
    expect((await cli(['--format', 'sarif=', 'Dockerfile'], { cwd: dir })).code).toBe(2);
    expect((await cli(['--format', 'sarif=x.sarif', '--output-file', 'y', 'Dockerfile'], { cwd: dir })).code).toBe(2);
    expect((await cli(['--format', 'xml=out.xml', 'Dockerfile'], { cwd: dir })).stderr).toContain("Unknown format 'xml'");
    expect(fs.existsSync(path.join(dir, 'x.sarif'))).toBe(false);
  });

  it("accepts hadolint's spellings: tty, gitlab_codeclimate, gnu, -t, ignore, --no-fail", async () => {
    const dir = project({ Dockerfile: BAD });
    expect((await cli(['--format', 'tty', 'Dockerfile'], { cwd: dir })).stdout).toContain('warning[no-latest-tag]');
    expect(JSON.parse((await cli(['--format', 'gitlab_codeclimate', 'Dockerfile'], { cwd: dir })).stdout)[0].check_name).toBe('no-latest-tag');
    expect((await cli(['-f', 'gnu', 'Dockerfile'], { cwd: dir })).stdout).toBe("Dockerfile:1.6-1.11: warning: Image 'ubuntu' has no tag and resolves to 'latest'; pin a specific version [no-latest-tag: DL3006, DS-0001, CKV_DOCKER_7]\n");
    expect((await cli(['-t', 'error', 'Dockerfile'], { cwd: dir })).code).toBe(0);
    expect((await cli(['-t', 'warning', 'Dockerfile'], { cwd: dir })).code).toBe(1);
    expect((await cli(['--failure-threshold', 'ignore', 'Dockerfile'], { cwd: dir })).code).toBe(0);
    expect((await cli(['--no-fail', 'Dockerfile'], { cwd: dir })).code).toBe(0);
  });

  it('never colours machine formats or files, even with --color', async () => {
    const dir = project({ Dockerfile: BAD });
    const run = await cli(['--color', '--format', 'github', '--format', 'stylish=report.txt', 'Dockerfile'], { cwd: dir, tty: true });
    // eslint-disable-next-line no-control-regex
    expect(run.stdout).not.toMatch(/\x1b\[/);
    // eslint-disable-next-line no-control-regex
    expect(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8')).not.toMatch(/\x1b\[/);
  });
});
