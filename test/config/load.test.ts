import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfigFile, validateConfig } from '../../src/config/index.js';
import { configErrorOf, tempTree } from './helpers.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

const SAMPLE = {
  extends: ['recommended', 'openshift'],
  rules: { 'no-latest-tag': 'error', DL3008: 'off', 'pinned-versions': ['warning', { pip: false }] },
  ignore: ['vendor/**'],
  trustedRegistries: ['docker.io'],
  labels: { schema: { 'org.opencontainers.image.source': 'url' }, strict: true },
  failureThreshold: 'warning',
  targets: ['app'],
  buildArgs: { VERSION: '1.0' },
  context: '..',
  knownVariables: ['JAVA_HOME'],
  today: '2025-06-01',
  disableInlinePragmas: true,
};

describe('loadConfigFile: each file kind', () => {
  it('reads .layerlint.yaml and .layerlint.yml', async () => {
    const yaml = `extends: [recommended, openshift]
rules:
  no-latest-tag: error
  DL3008: off
  pinned-versions: [warning, { pip: false }]
ignore: [vendor/**]
trustedRegistries: [docker.io]
labels:
  schema:
    org.opencontainers.image.source: url
  strict: true
failureThreshold: warning
targets: [app]
buildArgs: { VERSION: "1.0" }
context: ..
knownVariables: [JAVA_HOME]
today: "2025-06-01"
disableInlinePragmas: true
`;
    const root = tempTree({ '.layerlint.yaml': yaml, '.layerlint.yml': yaml });
    expect(await loadConfigFile(path.join(root, '.layerlint.yaml'), 'layerlint')).toEqual(SAMPLE);
    expect(await loadConfigFile(path.join(root, '.layerlint.yml'), 'layerlint')).toEqual(SAMPLE);
  });

  it('reads .layerlint.json (with a $schema key and a BOM)', async () => {
    const root = tempTree({ '.layerlint.json': '\uFEFF' + JSON.stringify({ $schema: 'https://x', ...SAMPLE }) });
    expect(await loadConfigFile(path.join(root, '.layerlint.json'), 'layerlint')).toEqual(SAMPLE);
  });

  it('imports layerlint.config.js and layerlint.config.mjs', async () => {
    const root = tempTree({
      'package.json': JSON.stringify({ type: 'module' }),
      'layerlint.config.js': `export default ${JSON.stringify(SAMPLE)};`,
      'm/layerlint.config.mjs': `export default ${JSON.stringify(SAMPLE)};`,
    });
    expect(await loadConfigFile(path.join(root, 'layerlint.config.js'), 'layerlint')).toEqual(SAMPLE);
    expect(await loadConfigFile(path.join(root, 'm/layerlint.config.mjs'), 'layerlint')).toEqual(SAMPLE);
  });

  it('reads package.json#layerlint', async () => {
    const root = tempTree({ 'package.json': JSON.stringify({ name: 'x', layerlint: SAMPLE }) });
    expect(await loadConfigFile(path.join(root, 'package.json'), 'package.json')).toEqual(SAMPLE);
  });

  it('treats an empty YAML file as an empty config', async () => {
    const root = tempTree({ '.layerlint.yaml': '# nothing yet\n' });
    expect(await loadConfigFile(path.join(root, '.layerlint.yaml'))).toEqual({});
  });

  it('treats keys left empty in YAML as not set', async () => {
    const root = tempTree({ '.layerlint.yaml': 'rules:\n#  DL3008: off\nignore:\nlabels:\n  schema:\n' });
    expect(await loadConfigFile(path.join(root, '.layerlint.yaml'))).toEqual({ labels: {} });
  });

  it('stringifies numeric build-arg values', async () => {
    const root = tempTree({ '.layerlint.yaml': 'buildArgs:\n  NODE_VERSION: 20\n  DEBUG: true\n' });
    expect(await loadConfigFile(path.join(root, '.layerlint.yaml'))).toEqual({ buildArgs: { NODE_VERSION: '20', DEBUG: 'true' } });
  });

  it('infers the kind from the name when not given', async () => {
    const root = tempTree({ 'package.json': JSON.stringify({ layerlint: { targets: ['a'] } }), 'ci/.hadolint.yaml': 'no-fail: true' });
    expect(await loadConfigFile(path.join(root, 'package.json'))).toEqual({ targets: ['a'] });
    expect(await loadConfigFile(path.join(root, 'ci/.hadolint.yaml'))).toEqual({ failureThreshold: 'none' });
  });
});

describe('loadConfigFile: JS configs', () => {
  it('refuses JS configs when LAYERLINT_NO_CONFIG_JS is set', async () => {
    const root = tempTree({ 'layerlint.config.mjs': 'export default {};' });
    const file = path.join(root, 'layerlint.config.mjs');
    vi.stubEnv('LAYERLINT_NO_CONFIG_JS', '1');
    const error = await configErrorOf(() => loadConfigFile(file, 'layerlint'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('layerlint.config.mjs');
    expect(error.message).toContain('LAYERLINT_NO_CONFIG_JS');
    expect(error.message).not.toContain('\n');

    vi.stubEnv('LAYERLINT_NO_CONFIG_JS', '0');
    await expect(loadConfigFile(file, 'layerlint')).resolves.toEqual({});
    vi.stubEnv('LAYERLINT_NO_CONFIG_JS', '');
    await expect(loadConfigFile(file, 'layerlint')).resolves.toEqual({});
  });

  it('requires a default-exported object', async () => {
    const root = tempTree({
      'none.mjs': 'export const rules = {};',
      'array.mjs': 'export default [];',
      'throws.mjs': 'throw new Error("boom");',
    });
    for (const [name, text] of [
      ['none.mjs', 'default-export'],
      ['array.mjs', 'must be a config object'],
      ['throws.mjs', 'boom'],
    ] as const) {
      const error = await configErrorOf(() => loadConfigFile(path.join(root, name), 'layerlint'));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toContain(name);
      expect(error.message).toContain(text);
    }
  });

  it('validates what a JS config exports', async () => {
    const root = tempTree({ 'layerlint.config.mjs': 'export default { targets: "app" };' });
    const error = await configErrorOf(() => loadConfigFile(path.join(root, 'layerlint.config.mjs'), 'layerlint'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.key).toBe('targets');
  });
});

describe('loadConfigFile: errors', () => {
  async function errorFor(name: string, text: string) {
    const root = tempTree({ [name]: text });
    const error = await configErrorOf(() => loadConfigFile(path.join(root, name)));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(name);
    expect(error.message).not.toContain('\n');
    return error as ConfigError;
  }

  it('reports YAML syntax errors with the line', async () => {
    const error = await errorFor('.layerlint.yaml', 'extends: recommended\nrules:\n  DL3008: [off\nignore: []\n');
    expect(error.message).toMatch(/YAML syntax error at line \d+/);
    const dup = await errorFor('.layerlint.yaml', 'targets: [a]\ntargets: [b]\n');
    expect(dup.message).toMatch(/at line 2/);
    expect(dup.message).toMatch(/unique/);
  });

  it('reports JSON syntax errors with the line', async () => {
    const error = await errorFor('.layerlint.json', '{\n  "targets": ["a"],\n}\n');
    expect(error.message).toMatch(/JSON syntax error at line 3/);
    const pkg = await errorFor('package.json', '{\n "layerlint": {\n');
    expect(pkg.message).toMatch(/JSON syntax error/);
  });

  it('names file and key for a wrong type of every top-level key', async () => {
    const cases: Record<string, [unknown, RegExp]> = {
      extends: [42, /preset/],
      rules: [['DL3008'], /object/],
      ignore: ['vendor/**', /list of glob/],
      plugins: [{}, /list/],
      trustedRegistries: ['docker.io', /list/],
      labels: ['x', /object/],
      failureThreshold: ['high', /must be one of error, warning, info, style, none \(got "high"\)/],
      targets: [1, /list of stage names/],
      buildArgs: [['A=1'], /object/],
      context: [true, /path/],
      knownVariables: ['HOME', /list/],
      today: ['tomorrow', /YYYY-MM-DD/],
      disableInlinePragmas: ['yes', /true or false \(got "yes"\)/],
    };
    for (const [key, [value, expected]] of Object.entries(cases)) {
      const error = await errorFor('.layerlint.json', JSON.stringify({ [key]: value }));
      expect(error.key, key).toBe(key);
      expect(error.message, key).toContain(`"${key}"`);
      expect(error.message, key).toMatch(expected);
    }
  });

  it('matches the documented message format', async () => {
    const root = tempTree({ '.layerlint.yaml': 'failureThreshold: high\n' });
    const error = await configErrorOf(() => loadConfigFile(path.join(root, '.layerlint.yaml')));
    expect(error.message).toMatch(
      /^Invalid config .*\.layerlint\.yaml: "failureThreshold" must be one of error, warning, info, style, none \(got "high"\)$/,
    );
  });

  it('reports nested wrong types with a precise key', async () => {
    expect((await errorFor('.layerlint.json', JSON.stringify({ targets: ['a', 3] }))).key).toBe('targets[1]');
    const strict = await errorFor('.layerlint.yaml', 'labels:\n  strict: maybe\n');
    expect(strict.key).toBe('labels.strict');
    expect(strict.message).toContain('"labels.strict" must be true or false');
    const label = await errorFor('.layerlint.yaml', 'labels:\n  schema:\n    org.example.x: colour\n');
    expect(label.key).toBe('labels.schema.org.example.x');
    expect(label.message).toContain('label type');
    const regex = await errorFor('.layerlint.yaml', 'labels:\n  schema:\n    v: "regex:(["\n');
    expect(regex.key).toBe('labels.schema.v');
    expect(regex.message).toContain('regular expression');
    const arg = await errorFor('.layerlint.yaml', 'buildArgs:\n  A: [1]\n');
    expect(arg.key).toBe('buildArgs.A');
    const date = await errorFor('.layerlint.yaml', 'today: "2025-02-30"\n');
    expect(date.key).toBe('today');
  });

  it('reports an unknown top-level key', async () => {
    const error = await errorFor('.layerlint.yaml', 'rulez:\n  DL3008: off\n');
    expect(error.key).toBe('rulez');
    expect(error.message).toContain(`"rulez" is not a known key (did you mean "rules"?)`);
    expect(error.message).toContain('rules');
    const nested = await errorFor('.layerlint.yaml', 'labels:\n  strictness: true\n');
    expect(nested.key).toBe('labels.strictness');
  });

  it('reports a bad rule setting', async () => {
    for (const setting of ['fatal', '[warning, {}, extra]', '[loud]', '[warning, 3]', '{ level: warning }', '3']) {
      const error = await errorFor('.layerlint.yaml', `rules:\n  no-latest-tag: ${setting}\n`);
      expect(error.key, setting).toBe('rules.no-latest-tag');
      expect(error.message, setting).toContain('"rules.no-latest-tag" must be off, error, warning, info, style or [severity, {options}]');
    }
  });

  it('reports an unknown preset', async () => {
    const single = await errorFor('.layerlint.yaml', 'extends: strict\n');
    expect(single.key).toBe('extends');
    expect(single.message).toContain('unknown preset "strict"');
    const list = await errorFor('.layerlint.yaml', 'extends: [recommended, strict]\n');
    expect(list.key).toBe('extends[1]');
    expect(list.message).toContain('recommended, all, openshift');
  });

  it('prefixes keys with "layerlint" inside package.json', async () => {
    const error = await errorFor('package.json', JSON.stringify({ layerlint: { targets: 'x' } }));
    expect(error.key).toBe('layerlint.targets');
    const missing = await errorFor('package.json', JSON.stringify({ name: 'x' }));
    expect(missing.key).toBe('layerlint');
  });

  it('reports a missing or unreadable file', async () => {
    const root = tempTree();
    const missing = path.join(root, 'nope.yaml');
    const error = await configErrorOf(() => loadConfigFile(missing));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('nope.yaml');
    expect(error.message).toContain('no such file');
    const dir = path.join(root, 'dir.yaml');
    fs.mkdirSync(dir);
    expect((await configErrorOf(() => loadConfigFile(dir))).message).toContain('directory');
  });

  it('rejects a config that is not an object', async () => {
    const error = await errorFor('.layerlint.yaml', '- a\n- b\n');
    expect(error.message).toContain('must be an object');
  });
});

describe('validateConfig', () => {
  it('accepts label entries in both forms', () => {
    expect(
      validateConfig({ labels: { schema: { a: 'text', b: { type: 'spdx', required: true }, c: 'regex:^v\\d+$' } } }, 'x.yaml'),
    ).toEqual({ labels: { schema: { a: 'text', b: { type: 'spdx', required: true }, c: 'regex:^v\\d+$' } } });
  });
});
