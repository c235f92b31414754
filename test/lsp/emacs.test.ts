/**
 * Emacs with eglot as a real LSP client (Debian's `emacs-nox`, `elpa-eglot` and
 * `elpa-dockerfile-mode`; `.ci/run` installs them): the eglot setup from docs/editors.md starts
 * the built server, and the test reads back the diagnostics flymake received.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editorRun } from './client.js';

const SCRIPT = path.resolve(import.meta.dirname, 'emacs/eglot-diagnostics.el');
const PROBE = `(progn (require 'package) (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa") (package-initialize) (princ (if (and (locate-library "eglot") (locate-library "dockerfile-mode")) "ready" "missing")))`;
const probe = spawnSync('emacs', ['--batch', '-Q', '--eval', PROBE], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: '/nonexistent' } });
const hasEglot = probe.status === 0 && probe.stdout.includes('ready');
if (!hasEglot) console.warn('Skipping the Emacs LSP test: emacs with eglot and dockerfile-mode is not installed (apt-get install emacs-nox elpa-eglot elpa-dockerfile-mode).');

interface EmacsResult {
  error?: string;
  server: boolean;
  diagnostics: { line: number; col: number; endLine: number; endCol: number; type: string; text: string }[];
}

describe.skipIf(!hasEglot)('Emacs (batch, eglot) as the client', () => {
  it('receives the diagnostics with their exact ranges, severities and codes', () => {
    const { root, out, env } = editorRun();
    const run = spawnSync('emacs', ['--batch', '-Q', '-l', SCRIPT], {
      cwd: root,
      encoding: 'utf8',
      timeout: 50_000,
      env,
    });
    expect(fs.existsSync(out), `emacs wrote no result (status ${String(run.status)}): ${run.stderr}${run.stdout}`).toBe(true);
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as EmacsResult;
    expect(result.error).toBeUndefined();
    expect(result.server).toBe(true);
    expect(result.diagnostics.map((d) => [d.line, d.col, d.endLine, d.endCol, d.type])).toEqual([
      [0, 5, 0, 11, 'eglot-warning'],
      [2, 0, 2, 3, 'eglot-note'],
    ]);
    expect(result.diagnostics[0]?.text).toContain('[no-latest-tag]');
    expect(result.diagnostics[0]?.text).toContain('DL3006');
    expect(result.diagnostics[1]?.text).toContain('[minimize-run-layers]');
    expect(run.status).toBe(0);
  }, 60_000);
});
