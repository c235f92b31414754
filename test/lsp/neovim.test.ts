/**
 * Headless Neovim as a real LSP client (the Debian `neovim` package; `.ci/run` installs it):
 * starts the built server, opens a Dockerfile and reads back the diagnostics Neovim received.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editorRun } from './client.js';

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasNvim) console.warn('Skipping the Neovim LSP test: `nvim` is not installed (apt-get install neovim).');

describe.skipIf(!hasNvim)('Neovim (headless) as the client', () => {
  it('receives the diagnostics, a hover and code actions from the server', () => {
    const { root, out, env } = editorRun();
    const script = path.resolve(import.meta.dirname, 'nvim/diagnostics.lua');
    const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${script}`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 50_000,
      env: {
        ...env,
        XDG_CONFIG_HOME: path.join(root, '.config'),
        XDG_DATA_HOME: path.join(root, '.data'),
        XDG_STATE_HOME: path.join(root, '.state'),
        XDG_CACHE_HOME: path.join(root, '.cache'),
      },
    });
    expect(fs.existsSync(out), `nvim wrote no result (status ${run.status}): ${run.stderr}${run.stdout}`).toBe(true);
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      error?: string;
      received: boolean;
      diagnostics: { lnum: number; col: number; end_lnum: number; end_col: number; severity: number; message: string; source: string; code: string }[];
      hover: string | null;
      actions: string[];
    };
    expect(result.error).toBeUndefined();
    expect(result.received).toBe(true);
    expect(result.diagnostics.map((d) => [d.code, d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.source])).toEqual([
      ['no-latest-tag', 0, 5, 0, 11, 2, 'layerlint'],
      ['minimize-run-layers', 2, 0, 2, 3, 3, 'layerlint'],
    ]);
    expect(result.diagnostics[0]?.message).toContain('DL3006');
    expect(result.hover).toContain('### no-latest-tag');
    expect(result.actions).toContain('Ignore minimize-run-layers for this instruction');
    expect(result.actions).toContain('Fix all auto-fixable problems');
  }, 60_000);
});
