import { describe, expect, it } from 'vitest';
import { cli, project } from './run.js';

const PLUGIN = `export const rules = [{
  meta: {
    id: 'acme/no-internal-mirror', codes: [], severity: 'error', category: 'security', presets: ['recommended'],
    description: 'An image from the old internal mirror', rationale: 'The mirror is gone.', fixable: undefined,
    options: { schema: { type: 'object', properties: { host: { type: 'string' } }, additionalProperties: false }, defaults: { host: 'mirror.acme.internal' }, docs: { host: 'The mirror host.' } },
    examples: { invalid: [], valid: [] },
  },
  check(context) {
    for (const stage of context.file.stages) {
      if (stage.base.registry === context.options.host) context.report({ message: 'Use the new registry', range: stage.base.token.range });
    }
  },
}];
`;

function withPlugin(config: string, dockerfile = 'FROM mirror.acme.internal/base/app:1\nUSER 65532\n') {
  return project({
    'node_modules/layerlint-plugin-acme/package.json': JSON.stringify({ name: 'layerlint-plugin-acme', type: 'module', main: 'index.js' }),
    'node_modules/layerlint-plugin-acme/index.js': PLUGIN,
    '.layerlint.yaml': config,
    Dockerfile: dockerfile,
  });
}

const ids = (stdout: string) => JSON.parse(stdout)[0].diagnostics.map((d: { ruleId: string }) => d.ruleId);

describe('plugins', () => {
  it('loads rule packs named in the config, resolved from the config file directory', async () => {
    const dir = withPlugin('plugins: [layerlint-plugin-acme]\n');
    const run = await cli(['--format', 'json', 'Dockerfile'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(ids(run.stdout)).toContain('acme/no-internal-mirror');
  });

  it('configures plugin rules by id, with options validated by their schema', async () => {
    const off = await cli(['--format', 'json', 'Dockerfile'], { cwd: withPlugin('plugins: [layerlint-plugin-acme]\nrules:\n  acme/no-internal-mirror: off\n') });
    expect(ids(off.stdout)).not.toContain('acme/no-internal-mirror');
    const bad = await cli(['Dockerfile'], { cwd: withPlugin('plugins: [layerlint-plugin-acme]\nrules:\n  acme/no-internal-mirror: [error, { port: 1 }]\n') });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/rules\.acme\/no-internal-mirror.*invalid options/);
  });

  it('loads nothing that the config does not name, and reports unknown plugin rules and missing plugins', async () => {
    const none = await cli(['--format', 'json', 'Dockerfile'], { cwd: withPlugin('rules: {}\n') });
    expect(ids(none.stdout)).not.toContain('acme/no-internal-mirror');
    const unknown = await cli(['Dockerfile'], { cwd: withPlugin('rules:\n  acme/no-internal-mirror: error\n') });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown rule or code 'acme/no-internal-mirror'");
    const missing = await cli(['Dockerfile'], { cwd: withPlugin('plugins: [layerlint-plugin-nope]\n') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot find plugin 'layerlint-plugin-nope'");
  });
});
