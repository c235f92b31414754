/**
 * Configuration safety: a JavaScript config runs code, so CI on untrusted pull requests can
 * turn JS configs off (`--no-config`, `LAYERLINT_NO_CONFIG_JS=1`); a YAML config cannot run
 * anything; random config objects only ever raise ConfigError (see the fuzz campaign).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, spawnCli } from '../cli/run.js';

const MARKER = 'layerlint-config-ran';
const EVIL_JS = `import fs from 'node:fs';\nfs.writeFileSync(new URL('./${MARKER}', import.meta.url), 'ran');\nexport default { rules: {} };\n`;
const ARGS = ['--format', 'json', '--rule', 'shellcheck=off', 'Dockerfile'];

describe('JavaScript configs', () => {
  it('run when discovered (the documented default)', () => {
    const dir = project({ 'layerlint.config.js': EVIL_JS, Dockerfile: 'FROM alpine:3.19\n', 'package.json': '{"type":"module"}' });
    const run = spawnCli(ARGS, { cwd: dir });
    expect([0, 1]).toContain(run.code);
    expect(fs.existsSync(path.join(dir, MARKER))).toBe(true);
  });

  it('--no-config skips them: the code never runs', () => {
    const dir = project({ 'layerlint.config.js': EVIL_JS, Dockerfile: 'FROM alpine:3.19\n', 'package.json': '{"type":"module"}' });
    const run = spawnCli(['--no-config', ...ARGS], { cwd: dir });
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).toBe('');
    expect(fs.existsSync(path.join(dir, MARKER))).toBe(false);
  });

  it('LAYERLINT_NO_CONFIG_JS=1 refuses to execute them: one-line message, exit 2, the code never runs', () => {
    const dir = project({ 'layerlint.config.mjs': EVIL_JS, Dockerfile: 'FROM alpine:3.19\n' });
    const run = spawnCli(ARGS, { cwd: dir, env: { LAYERLINT_NO_CONFIG_JS: '1' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^layerlint: Refusing to load JavaScript config layerlint\.config\.mjs: LAYERLINT_NO_CONFIG_JS is set[^\n]*\n$/);
    expect(fs.existsSync(path.join(dir, MARKER))).toBe(false);
  });

  it('LAYERLINT_NO_CONFIG_JS=1 also covers an explicit --config file.js', () => {
    const dir = project({ 'cfg.mjs': EVIL_JS, Dockerfile: 'FROM alpine:3.19\n' });
    const run = spawnCli(['--config', 'cfg.mjs', ...ARGS], { cwd: dir, env: { LAYERLINT_NO_CONFIG_JS: '1' } });
    expect(run.code).toBe(2);
    expect(fs.existsSync(path.join(dir, MARKER))).toBe(false);
  });

  it('LAYERLINT_NO_CONFIG_JS=1 leaves YAML configs working', () => {
    const dir = project({ '.layerlint.yaml': 'rules:\n  no-latest-tag: off\n', Dockerfile: 'FROM alpine:latest\n' });
    const run = spawnCli(ARGS, { cwd: dir, env: { LAYERLINT_NO_CONFIG_JS: '1' } });
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).toBe('');
  });
});

describe('YAML configs cannot execute anything', () => {
  for (const tag of ['!!js/function "function () { require(\'fs\').writeFileSync(\'pwned\', \'x\') }"', '!!js/undefined ""', '!<tag:yaml.org,2002:js/function> "() => 1"', '!!python/object/apply:os.system ["touch pwned"]']) {
    it(`a ${tag.split(' ')[0]} tag is rejected or inert`, () => {
      const dir = project({ '.layerlint.yaml': `rules:\n  no-latest-tag: ${tag}\n`, Dockerfile: 'FROM alpine:3.19\n' });
      const run = spawnCli(ARGS, { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^layerlint: Invalid config \.layerlint\.yaml/);
      expect(fs.existsSync(path.join(dir, 'pwned'))).toBe(false);
    });
  }

  it('a billion-laughs alias bomb is refused, not expanded', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const dir = project({ '.layerlint.yaml': `${lines.join('\n')}\n`, Dockerfile: 'FROM alpine:3.19\n' });
    const run = spawnCli(ARGS, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
