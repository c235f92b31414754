import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFixes } from '../../src/engine/fixer.js';
import { BuildFile } from '../../src/model/build-file.js';
import { runShellCheck, shellCheckInputs, SHELLCHECK_DEFAULTS } from '../../src/engine/shellcheck.js';
import type { RuleSetting } from '../../src/config/types.js';
import { cli } from '../cli/run.js';
import { lint, lintRule, registry, where } from '../helpers.js';

const hasShellCheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' }).status === 0;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-shellcheck-test-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function withOptions(options: Record<string, unknown>): Record<string, RuleSetting> {
  return { shellcheck: ['warning', options] };
}

/** Findings as `where code severity`; with options the configured level (warning) applies to every finding. */
const brief = (text: string, options?: Record<string, unknown>) =>
  lintRule('shellcheck', text, options ? { rules: withOptions(options) } : {}).map((f) => `${where(f)} ${f.codes.join(',')} ${f.severity}`);

describe('shellcheck inputs (no binary needed)', () => {
  it('collects every POSIX RUN script: shell form, heredoc script, exec-form sh -c, ONBUILD RUN', () => {
    const file = new BuildFile(
      'FROM alpine:3.20\nARG DIR=/app\nENV MODE=prod\nRUN echo "$DIR"\nRUN <<EOF\necho hi\nEOF\nRUN ["sh", "-c", "echo $MODE"]\nRUN ["echo", "plain exec"]\nONBUILD RUN echo onbuild\nRUN python3 <<EOF\nprint(1)\nEOF\n',
    );
    const inputs = shellCheckInputs(file, SHELLCHECK_DEFAULTS);
    expect(inputs.map((i) => i.text.split('\n').filter((l) => !l.startsWith('export ')).join('|'))).toEqual([
      '#!/bin/sh|echo "$DIR"|',
      '#!/bin/sh|echo hi|',
      '#!/bin/sh|echo $MODE|',
      '#!/bin/sh|echo onbuild|',
      // A data heredoc follows its command line, as the shell reads it.
      '#!/bin/sh|python3 <<EOF|print(1)|EOF|',
    ]);
    // ARG/ENV in scope and the proxy ARGs are declared with a placeholder value.
    // One `export` line after the `#!` line declares them all.
    const declared = (text: string | undefined) => text?.split('\n')[1]?.split(' ') ?? [];
    expect(declared(inputs[0]?.text)).toEqual(expect.arrayContaining(['export', 'DIR=1', 'MODE=1', 'HTTP_PROXY=1']));
    expect(declared(shellCheckInputs(file, { ...SHELLCHECK_DEFAULTS, strictVariables: true })[0]?.text)).toEqual(expect.arrayContaining(['export', 'DIR', 'HTTP_PROXY']));
  });

  it('uses the effective shell for the #! line and skips PowerShell, cmd and non-shell heredocs', () => {
    const file = new BuildFile(
      'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo a\nRUN <<EOF\n#!/bin/sh\necho b\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n' +
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\nSHELL ["powershell", "-Command"]\nRUN Write-Host $env:PATH\n',
    );
    const inputs = shellCheckInputs(file, SHELLCHECK_DEFAULTS);
    expect(inputs.map((i) => [i.shell, i.text.split('\n').at(-2)])).toEqual([
      ['bash', 'echo a'],
      ['sh', 'echo b'],
    ]);
    // The script's own shebang stays a comment of the same length, so positions do not move.
    expect(inputs[1]?.text).toContain('\n# /bin/sh\necho b\n');
  });

  it('the binary missing: no findings, available false, a notice that says how to install it', () => {
    const file = new BuildFile('FROM alpine:3.20\nRUN echo $X\n');
    const results = runShellCheck(file, { ...SHELLCHECK_DEFAULTS, path: path.join(scratch, 'no-such-shellcheck') });
    expect(results.available).toBe(false);
    expect(results.findings).toEqual([]);
    expect(results.notice).toMatch(/not found.*apt-get install shellcheck/);
  });

  it('a file without POSIX RUN scripts starts no process', () => {
    const file = new BuildFile('FROM alpine:3.20\nCOPY a /a\nRUN ["echo", "x"]\n');
    expect(runShellCheck(file, SHELLCHECK_DEFAULTS).spawns).toBe(0);
  });

  it('without the binary the rule reports nothing and the CLI prints one notice per run', async () => {
    const missing = path.join(scratch, 'missing-shellcheck');
    expect(lintRule('shellcheck', 'FROM alpine:3.20\nRUN echo $X\n', { rules: withOptions({ path: missing }) })).toEqual([]);
    const dir = fs.mkdtempSync(path.join(scratch, 'project-'));
    fs.writeFileSync(path.join(dir, '.layerlint.yaml'), `rules:\n  shellcheck: [warning, { path: ${JSON.stringify(missing)} }]\n`);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN echo $X\n');
    fs.writeFileSync(path.join(dir, 'Containerfile'), 'FROM alpine:3.20\nRUN echo $Y\n');
    const run = await cli(['--preset', 'all', '--format', 'json', 'Dockerfile', 'Containerfile'], { cwd: dir });
    const notices = run.stderr.split('\n').filter((line) => line.includes('shellcheck'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^layerlint: shellcheck rule skipped: .* was not found; install ShellCheck/);
    expect(run.stdout).not.toContain('SC2086');
  });

  it('--explain shellcheck (and --explain SC2086) says how to install ShellCheck', async () => {
    for (const name of ['shellcheck', 'SC2086']) {
      const run = await cli(['--explain', name]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('apt-get install shellcheck');
      expect(run.stdout).toContain('brew install shellcheck');
    }
    expect(registry.resolve('SC1234').map((r) => r.meta.id)).toEqual(['shellcheck']);
  });
});

describe.skipIf(!hasShellCheck)('shellcheck rule (with the binary)', () => {
  it('reports an unquoted variable at its exact position, across a continuation', () => {
    const text = 'FROM alpine:3.20\nRUN mkdir -p /out && \\\n    cp $SRC \\\n\t$DEST /out\n';
    const findings = lintRule('shellcheck', text);
    expect(findings.map((f) => `${where(f)} ${f.codes.join(',')} ${f.severity} ${f.message}`)).toEqual([
      '3:8-3:12 SC2086 info Double quote to prevent globbing and word splitting.',
      '4:2-4:7 SC2086 info Double quote to prevent globbing and word splitting.',
    ]);
  });

  it('reports inside a heredoc script (tabs count as one column) and after a replaced shebang', () => {
    const text = 'FROM alpine:3.20\nRUN <<EOF\n#!/bin/sh\nset -e\n\t\techo $name\nEOF\n';
    expect(brief(text)).toEqual(['5:8-5:13 SC2154 warning', '5:8-5:13 SC2086 info']);
  });

  it('reports in exec-form sh -c, ONBUILD RUN, and a data heredoc command line', () => {
    const text = 'FROM alpine:3.20\nRUN ["sh", "-c", "echo $z"]\nONBUILD RUN echo `date`\nRUN cat <<EOF > /etc/x && echo $q\nvalue\nEOF\n';
    expect(brief(text)).toEqual([
      '2:24-2:26 SC2154 warning',
      '2:24-2:26 SC2086 info',
      '3:18-3:24 SC2046 warning',
      '3:18-3:24 SC2005 style',
      '3:18-3:24 SC2006 style',
      '4:32-4:34 SC2154 warning',
      '4:32-4:34 SC2086 info',
    ]);
  });

  it('declares ARG/ENV names with a placeholder value; strictVariables makes quoting warnings apply', () => {
    const text = 'FROM alpine:3.20\nARG VERSION=1.0\nENV PREFIX=/usr\nRUN echo $VERSION $PREFIX $HTTP_PROXY\n';
    expect(brief(text)).toEqual([]);
    expect(brief(text, { strictVariables: true })).toEqual(['4:10-4:18 SC2086 warning', '4:19-4:26 SC2086 warning', '4:27-4:38 SC2086 warning']);
  });

  it('uses the effective shell: bashisms are fine under SHELL bash, reported under /bin/sh', () => {
    const sh = 'FROM debian:12\nRUN if [[ -f /x ]]; then echo y; fi\n';
    expect(brief(sh)).toEqual(['2:8-2:19 SC3010 warning']);
    expect(brief('FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN if [[ -f /x ]]; then echo y; fi\n')).toEqual([]);
    expect(brief('FROM debian:12\n# hadolint shell=bash\nRUN if [[ -f /x ]]; then echo y; fi\n')).toEqual([]);
    expect(brief(sh, { shell: 'bash' })).toEqual([]);
  });

  it('skips PowerShell and cmd', () => {
    expect(brief('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo %PATH% $X\n')).toEqual([]);
    expect(brief('FROM alpine:3.20\nSHELL ["pwsh", "-Command"]\nRUN Write-Host $X\n')).toEqual([]);
  });

  it('# hadolint ignore=SC2086 and # layerlint ignore=shellcheck silence findings; config turns codes off', () => {
    const base = 'FROM alpine:3.20\nRUN echo $x\n';
    expect(brief(base)).toEqual(['2:10-2:12 SC2154 warning', '2:10-2:12 SC2086 info']);
    expect(brief('FROM alpine:3.20\n# hadolint ignore=SC2086\nRUN echo $x\n')).toEqual(['3:10-3:12 SC2154 warning']);
    expect(brief('FROM alpine:3.20\n# layerlint ignore=shellcheck\nRUN echo $x\n')).toEqual([]);
    expect(lintRule('shellcheck', base, { rules: { SC2154: 'off' } }).map((f) => f.codes[0])).toEqual(['SC2086']);
  });

  it('options exclude and minSeverity filter findings; SC2187 is excluded by default', () => {
    const base = 'FROM alpine:3.20\nRUN echo $x\n';
    expect(brief(base, { exclude: ['SC2154'] })).toEqual(['2:10-2:12 SC2086 warning']);
    expect(brief(base, { minSeverity: 'warning' })).toEqual(['2:10-2:12 SC2154 warning']);
    expect(brief('FROM alpine:3.20\nSHELL ["/bin/ash", "-c"]\nRUN echo hi\n')).toEqual([]);
    expect(brief('FROM alpine:3.20\nSHELL ["/bin/ash", "-c"]\nRUN echo hi\n', { exclude: [] }).map((f) => f.split(' ')[1])).toEqual(['SC2187']);
  });

  it('offers ShellCheck replacements as an unsafe fix; the fixed file re-lints without the finding', () => {
    const text = 'FROM alpine:3.20\nARG TAG\nRUN echo `date` && \\\n    cat ["/etc/$TAG"] | tee $FILE\n';
    const findings = lintRule('shellcheck', text);
    const backticks = findings.find((f) => f.codes[0] === 'SC2006');
    expect(backticks?.fix?.safe).toBe(false);
    const fixed = runFixes(text, {
      unsafe: true,
      categories: undefined,
      categoryOf: (id) => registry.get(id)?.meta.category,
      lint: (candidate) => lint(candidate).filter((f) => f.ruleId === 'shellcheck'),
    });
    expect(fixed.text).toBe('FROM alpine:3.20\nARG TAG\nRUN echo $(date) && \\\n    cat ["/etc/$TAG"] | tee "$FILE"\n');
    expect(lintRule('shellcheck', fixed.text).map((f) => f.codes[0])).not.toContain('SC2006');
  });

  it('JSON-escapes replacements inside an exec-form script', () => {
    const text = 'FROM alpine:3.20\nRUN ["sh", "-c", "echo $z"]\n';
    const sc2086 = lintRule('shellcheck', text).find((f) => f.codes[0] === 'SC2086');
    expect(sc2086?.fix?.edits.map((e) => e.text)).toEqual(['\\"', '\\"']);
  });

  it('a file with ten RUN instructions spawns ShellCheck once', () => {
    const log = path.join(scratch, 'spawns.log');
    const wrapper = path.join(scratch, 'shellcheck-wrapper.sh');
    fs.writeFileSync(wrapper, `#!/bin/sh\necho "$@" >> '${log}'\nexec shellcheck "$@"\n`, { mode: 0o755 });
    const runs = Array.from({ length: 10 }, (_, i) => `RUN echo $v${i}\n`).join('');
    const findings = lintRule('shellcheck', `FROM alpine:3.20\n${runs}`, { rules: withOptions({ path: wrapper }) });
    const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/--format=json1 .*run1\.sh .*run10\.sh$/);
    expect(findings.filter((f) => f.codes[0] === 'SC2086').map((f) => f.range.start.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
