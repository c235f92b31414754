import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanEnv, ROOT, run, tempDir } from './snapshot.js';

interface ActionStep {
  id?: string;
  run: string;
  env?: Record<string, string>;
}

const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: ActionStep[] };
};

/** Runs the action's lint step as the runner would, with the built CLI as `layerlint` on PATH. */
function lintStep(inputs: Record<string, string>, cwd: string): { status: number | null; stdout: string; stderr: string; output: string } {
  const step = action.runs.steps.find((s) => s.id === 'lint');
  if (!step) throw new Error('action.yml has no step with id "lint"');
  const bin = tempDir('action-bin');
  fs.writeFileSync(path.join(bin, 'layerlint'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'dist/src/cli/bin.js')}" "$@"\n`, { mode: 0o755 });
  const githubOutput = path.join(bin, 'github-output');
  const env: NodeJS.ProcessEnv = { GITHUB_OUTPUT: githubOutput, GITHUB_ACTIONS: 'true', PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
  for (const [name, value] of Object.entries(step.env ?? {})) {
    const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value)?.[1];
    env[name] = input === undefined ? value : (inputs[input] ?? action.inputs[input]?.default ?? '');
  }
  const result = run('bash', ['-c', step.run], cwd, cleanEnv(env));
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: fs.existsSync(githubOutput) ? fs.readFileSync(githubOutput, 'utf8') : '' };
}

describe('GitHub action (action.yml)', () => {
  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'format', 'failure-threshold', 'config', 'sarif-file']));
  });

  it('annotates, writes SARIF and honours the failure threshold', () => {
    const dir = tempDir('action');
    fs.mkdirSync(path.join(dir, 'svc a'));
    fs.writeFileSync(path.join(dir, 'svc a', 'Dockerfile'), 'FROM ubuntu\nUSER 1000\n');
    fs.writeFileSync(path.join(dir, 'web.containerfile'), 'FROM scratch\nCOPY app /app\nUSER 1000\n');

    const ok = lintStep({ paths: '.', 'sarif-file': 'out/layerlint.sarif' }, dir);
    expect(ok.status, ok.stderr).toBe(1);
    expect(ok.stdout).toContain('::warning file=svc a/Dockerfile,line=1,col=6,');
    expect(ok.output).toBe('sarif-file=out/layerlint.sarif\n');
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'out/layerlint.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    expect(sarif.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('svc%20a/Dockerfile');

    // Several paths, separated by new lines and spaces.
    const listed = lintStep({ paths: 'web.containerfile\n  other  ', format: 'concise' }, dir);
    expect(listed.stdout).not.toContain('web.containerfile');
    expect(listed.stdout).not.toContain('svc a');
    expect(`${listed.stdout}${listed.stderr}`).toContain('other');
    const lenient = lintStep({ paths: '.', 'failure-threshold': 'error', format: 'concise' }, dir);
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toMatch(/^svc a\/Dockerfile:1:6: warning no-latest-tag/);
    expect(lenient.output).toBe('sarif-file=\n');
  });

  it('passes hostile input through the environment, never into the script', () => {
    const dir = tempDir('action-hostile');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY app /app\nUSER 1000\n');
    const result = lintStep({ paths: 'Dockerfile', config: '$(touch pwned)', format: 'concise' }, dir);
    expect(result.status).toBe(2);
    expect(fs.existsSync(path.join(dir, 'pwned'))).toBe(false);
  });
});

describe('GitLab CI template (docs/ci)', () => {
  it('reports Code Quality and JUnit from the files the job writes', () => {
    const template = parse(fs.readFileSync(path.join(ROOT, 'docs/ci/layerlint.gitlab-ci.yml'), 'utf8')) as {
      layerlint: { script: string[]; artifacts: { reports: { codequality: string; junit: string } } };
    };
    const script = template.layerlint.script.join(' ');
    expect(script).toContain(`--format gitlab=${template.layerlint.artifacts.reports.codequality}`);
    expect(script).toContain(`--format junit=${template.layerlint.artifacts.reports.junit}`);
  });
});
