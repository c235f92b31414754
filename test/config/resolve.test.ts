import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigError,
  ConfigLoader,
  clearDiscoveryCache,
  describeConfig,
  findingSeverity,
  normalizeSelector,
  resolveConfig,
  ruleSetting,
  type ResolvedConfig,
  type RuleIdentity,
  type RuleSetting,
} from '../../src/config/index.js';
import type { SharedSettings } from '../../src/config/types.js';
import { configErrorOf, tempTree } from './helpers.js';

beforeEach(() => {
  clearDiscoveryCache();
  const home = tempTree();
  vi.stubEnv('HOME', home);
  vi.stubEnv('XDG_CONFIG_HOME', path.join(home, 'xdg'));
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const KNOWN = new Set(['no-latest-tag', 'pinned-versions', 'dl3007', 'dl3008', 'dl3013', 'ds-0001', 'kics:9513a694', 'cis:4.1', 'shellcheck', 'sc2086']);
const isKnownSelector = (s: string): boolean => KNOWN.has(s);

function config(rules: Record<string, RuleSetting>, presets: string[] = ['recommended'], settings: Partial<SharedSettings> = {}): ResolvedConfig {
  return {
    source: undefined,
    presets,
    rules: new Map(Object.entries(rules).map(([k, v]) => [normalizeSelector(k), v])),
    ignore: [],
    plugins: [],
    failureThreshold: 'info',
    disableInlinePragmas: false,
    settings: {
      targets: [],
      buildArgs: {},
      context: undefined,
      knownVariables: [],
      today: '2025-01-01',
      trustedRegistries: [],
      labels: { schema: {}, strict: false },
      ...settings,
    },
  };
}

const pinned: RuleIdentity = {
  id: 'pinned-versions',
  codes: ['DL3008', 'DL3013', 'DL3016', 'DS-0029'],
  severity: 'warning',
  presets: ['recommended'],
  alsoKnownAs: ['kics:9513a694'],
};
const optIn: RuleIdentity = { id: 'no-inline-suppressions', codes: [], severity: 'info', presets: ['opt-in'] };
const allOnly: RuleIdentity = { id: 'shellcheck', codes: ['SC2086', 'SC2046'], severity: 'info', presets: ['all'] };
const openshift: RuleIdentity = { id: 'numeric-user', codes: [], severity: 'warning', presets: ['openshift'] };
const always: RuleIdentity = { id: 'parse-error', codes: [], severity: 'error', presets: ['always'] };
const trusted: RuleIdentity = {
  id: 'trusted-registries',
  codes: ['DL3026'],
  severity: 'error',
  presets: ['all'],
  enabledWhenConfigured: (s) => s.trustedRegistries.length > 0,
};

describe('normalizeSelector', () => {
  it('lower-cases and normalises Trivy aliases', () => {
    expect(normalizeSelector('DL3008')).toBe('dl3008');
    expect(normalizeSelector('UndefinedVar')).toBe('undefinedvar');
    expect(normalizeSelector('DS001')).toBe('ds-0001');
    expect(normalizeSelector('AVD-DS-0001')).toBe('ds-0001');
    expect(normalizeSelector('ds-0026')).toBe('ds-0026');
    expect(normalizeSelector('DS026')).toBe('ds-0026');
    expect(normalizeSelector('CKV_DOCKER_7')).toBe('ckv_docker_7');
    expect(normalizeSelector(' KICS:9513A694 ')).toBe('kics:9513a694');
    expect(normalizeSelector('CIS:4.1')).toBe('cis:4.1');
  });
});

describe('ruleSetting and findingSeverity (RULES.md §0.2)', () => {
  it('pinned-versions: off + DL3013: warning reports only DL3013', () => {
    const c = config({ 'pinned-versions': 'off', DL3013: 'warning' });
    expect(ruleSetting(c, pinned).enabled).toBe(true);
    expect(findingSeverity(c, pinned, ['DL3013'], 'warning')).toBe('warning');
    expect(findingSeverity(c, pinned, ['DL3008'], 'warning')).toBe('off');
    expect(findingSeverity(c, pinned, ['DL3016'], 'warning')).toBe('off');
  });

  it('an explicit off for the rule id wins over presets', () => {
    const c = config({ 'pinned-versions': 'off' });
    expect(ruleSetting(c, pinned).enabled).toBe(false);
    expect(ruleSetting(config({ 'pinned-versions': 'off', DL3013: 'off' }), pinned).enabled).toBe(false);
    expect(ruleSetting(config({ 'trusted-registries': 'off' }, ['recommended'], { trustedRegistries: ['docker.io'] }), trusted).enabled).toBe(false);
  });

  it('a code-level setting beats the rule-level one, which beats the preset', () => {
    const c = config({ 'pinned-versions': 'error', DL3008: 'info' });
    expect(findingSeverity(c, pinned, ['DL3008'], 'warning')).toBe('info');
    expect(findingSeverity(c, pinned, ['DL3013'], 'warning')).toBe('error');
    expect(findingSeverity(config({}), pinned, ['DL3013'], 'warning')).toBe('warning');
    expect(findingSeverity(config({ 'pinned-versions': ['style', { pip: false }] }), pinned, ['DL3013'], 'warning')).toBe('style');
  });

  it('two codes, one off → off', () => {
    const c = config({ DL3008: 'error', 'DS-0029': 'off' });
    expect(findingSeverity(c, pinned, ['DL3008', 'DS-0029'], 'warning')).toBe('off');
  });

  it('several codes with severities → the highest wins', () => {
    const c = config({ DL3008: 'info', 'DS-0029': 'error', 'pinned-versions': 'style' });
    expect(findingSeverity(c, pinned, ['DL3008', 'DS-0029'], 'warning')).toBe('error');
    expect(findingSeverity(config({ DL3008: 'style', 'DS-0029': 'info' }), pinned, ['DL3008', 'DS-0029'], 'warning')).toBe('info');
  });

  it('matches case-insensitively and through Trivy aliases', () => {
    const rule: RuleIdentity = { id: 'non-root-user', codes: ['DL3002', 'DS-0002'], severity: 'warning', presets: ['recommended'] };
    expect(findingSeverity(config({ dl3002: 'error' }), rule, ['DL3002'], 'warning')).toBe('error');
    expect(findingSeverity(config({ DS002: 'off' }), rule, ['DS-0002'], 'warning')).toBe('off');
    expect(findingSeverity(config({ 'AVD-DS-0002': 'info' }), rule, ['DS-0002'], 'warning')).toBe('info');
    expect(findingSeverity(config({ 'Non-Root-User': 'style' }), rule, ['DL3002'], 'warning')).toBe('style');
  });

  it('secondary references act as rule-level selectors', () => {
    const c = config({ 'kics:9513a694': 'off' });
    expect(ruleSetting(c, pinned).enabled).toBe(false);
    expect(findingSeverity(c, pinned, ['DL3008'], 'warning')).toBe('off');
  });

  it('presets: recommended, all, openshift, opt-in, always', () => {
    const rec = config({});
    expect(ruleSetting(rec, pinned).enabled).toBe(true);
    expect(ruleSetting(rec, allOnly).enabled).toBe(false);
    expect(ruleSetting(rec, openshift).enabled).toBe(false);
    expect(ruleSetting(rec, optIn).enabled).toBe(false);
    expect(ruleSetting(rec, always).enabled).toBe(true);
    expect(findingSeverity(rec, allOnly, ['SC2086'], 'info')).toBe('off');

    const all = config({}, ['all']);
    expect([pinned, allOnly, openshift, trusted, always].map((r) => ruleSetting(all, r).enabled)).toEqual([true, true, true, true, true]);
    expect(ruleSetting(all, optIn).enabled).toBe(false);

    const os = config({}, ['recommended', 'openshift']);
    expect(ruleSetting(os, openshift).enabled).toBe(true);
    expect(ruleSetting(os, allOnly).enabled).toBe(false);

    expect(ruleSetting(config({}, []), pinned).enabled).toBe(false);
    expect(ruleSetting(config({}, []), always).enabled).toBe(true);
  });

  it('rules outside the presets run when set to a severity, by id or by code', () => {
    expect(ruleSetting(config({ 'no-inline-suppressions': 'warning' }), optIn).enabled).toBe(true);
    expect(findingSeverity(config({ 'no-inline-suppressions': 'warning' }), optIn, [], 'info')).toBe('warning');
    const c = config({ SC2086: 'warning' });
    expect(ruleSetting(c, allOnly).enabled).toBe(true);
    expect(findingSeverity(c, allOnly, ['SC2086'], 'info')).toBe('warning');
    expect(findingSeverity(c, allOnly, ['SC2046'], 'info')).toBe('off');
    expect(ruleSetting(config({ SC2086: 'off' }), allOnly).enabled).toBe(false);
  });

  it('configured rules switch on when their data is set, in any preset', () => {
    expect(ruleSetting(config({}), trusted).enabled).toBe(false);
    const c = config({}, ['recommended'], { trustedRegistries: ['docker.io'] });
    expect(ruleSetting(c, trusted).enabled).toBe(true);
    expect(findingSeverity(c, trusted, ['DL3026'], 'error')).toBe('error');
    expect(ruleSetting(config({}, [], { trustedRegistries: ['docker.io'] }), trusted).enabled).toBe(true);
  });

  it('returns options from [severity, options] settings', () => {
    expect(ruleSetting(config({}), pinned).options).toBeUndefined();
    expect(ruleSetting(config({ 'pinned-versions': ['warning', { pip: false }] }), pinned).options).toEqual({ pip: false });
    expect(ruleSetting(config({ 'pinned-versions': ['off', { pip: false }] }), pinned)).toEqual({ enabled: false, options: { pip: false } });
  });
});

describe('resolveConfig', () => {
  it('uses defaults when there is no config', async () => {
    const root = tempTree({ 'app/Dockerfile': 'FROM a' });
    const c = await resolveConfig(path.join(root, 'app/Dockerfile'), root, {});
    expect(c.source).toBeUndefined();
    expect(c.presets).toEqual(['recommended']);
    expect(c.rules.size).toBe(0);
    expect(c.failureThreshold).toBe('info');
    expect(c.disableInlinePragmas).toBe(false);
    expect(c.settings.context).toBe(path.join(root, 'app'));
    expect(c.settings.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const now = new Date();
    expect(c.settings.today.startsWith(String(now.getFullYear()))).toBe(true);
  });

  it('resolves the nearest config file, relative context and label entries', async () => {
    const root = tempTree({
      '.layerlint.yaml': 'extends: all\n',
      'svc/.layerlint.yaml': [
        'extends: [recommended, openshift]',
        'rules: { DL3008: off, No-Latest-Tag: error, DS001: info }',
        'context: ../ctx',
        'labels:',
        '  schema:',
        '    a: url',
        '    b: { type: spdx, required: true }',
        '  strict: true',
        'buildArgs: { V: 1 }',
        'today: "2024-05-06"',
      ].join('\n'),
      'svc/api/Dockerfile': 'FROM a',
      'other/Dockerfile': 'FROM a',
    });
    const c = await resolveConfig('svc/api/Dockerfile', root, {}, { isKnownSelector });
    expect(c.source).toBe(path.join(root, 'svc/.layerlint.yaml'));
    expect(c.presets).toEqual(['recommended', 'openshift']);
    expect([...c.rules]).toEqual([
      ['dl3008', 'off'],
      ['no-latest-tag', 'error'],
      ['ds-0001', 'info'],
    ]);
    expect(c.settings.context).toBe(path.join(root, 'ctx'));
    expect(c.settings.labels).toEqual({ schema: { a: { type: 'url', required: false }, b: { type: 'spdx', required: true } }, strict: true });
    expect(c.settings.buildArgs).toEqual({ V: '1' });
    expect(c.settings.today).toBe('2024-05-06');
    expect(c.baseDir).toBe(path.join(root, 'svc'));

    const other = await resolveConfig(path.join(root, 'other/Dockerfile'), root, {});
    expect(other.source).toBe(path.join(root, '.layerlint.yaml'));
    expect(other.presets).toEqual(['all']);
  });

  it('honours .hadolint.yaml only without a layerlint config', async () => {
    const root = tempTree({
      'a/.hadolint.yaml': 'ignored: [DL3008, DL9999]\nfailure-threshold: error\ntrustedRegistries: [docker.io]\n',
      'a/Dockerfile': '',
      'b/.hadolint.yaml': 'ignored: [DL3008]\n',
      'b/.layerlint.yaml': 'failureThreshold: warning\n',
      'b/Dockerfile': '',
    });
    const a = await resolveConfig(path.join(root, 'a/Dockerfile'), root, {}, { isKnownSelector });
    expect(a.source).toBe(path.join(root, 'a/.hadolint.yaml'));
    expect([...a.rules]).toEqual([['dl3008', 'off']]);
    expect(a.warnings).toEqual([expect.stringContaining("unknown code 'DL9999'")]);
    expect(a.failureThreshold).toBe('error');
    expect(a.settings.trustedRegistries).toEqual(['docker.io']);
    const b = await resolveConfig(path.join(root, 'b/Dockerfile'), root, {});
    expect(b.source).toBe(path.join(root, 'b/.layerlint.yaml'));
    expect(b.rules.size).toBe(0);
    expect(b.failureThreshold).toBe('warning');
  });

  it('an explicit --config wins over discovery; --no-config skips both', async () => {
    const root = tempTree({
      '.layerlint.yaml': 'targets: [near]\n',
      'conf/ci.yaml': 'targets: [explicit]\ncontext: ../build\n',
      'Dockerfile': '',
    });
    const explicit = await resolveConfig('Dockerfile', root, { config: 'conf/ci.yaml' });
    expect(explicit.source).toBe(path.join(root, 'conf/ci.yaml'));
    expect(explicit.settings.targets).toEqual(['explicit']);
    expect(explicit.settings.context).toBe(path.join(root, 'build'));
    const none = await resolveConfig('Dockerfile', root, { config: 'conf/ci.yaml', noConfig: true });
    expect(none.source).toBeUndefined();
    expect(none.settings.targets).toEqual([]);
  });

  it('an explicit --config may be a package.json or a .hadolint.yaml', async () => {
    const root = tempTree({
      'p/package.json': JSON.stringify({ layerlint: { targets: ['pkg'] } }),
      'h/.hadolint.yaml': 'no-fail: true\n',
      'Dockerfile': '',
    });
    expect((await resolveConfig('Dockerfile', root, { config: 'p/package.json' })).settings.targets).toEqual(['pkg']);
    expect((await resolveConfig('Dockerfile', root, { config: 'h/.hadolint.yaml' })).failureThreshold).toBe('none');
  });

  it('a missing or unreadable explicit config is a ConfigError naming the file', async () => {
    const root = tempTree({ Dockerfile: '' });
    const error = await configErrorOf(() => resolveConfig('Dockerfile', root, { config: 'missing.yaml' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('missing.yaml');
    expect(error.message).toContain('no such file');
    fs.mkdirSync(path.join(root, 'adir'));
    const dir = await configErrorOf(() => resolveConfig('Dockerfile', root, { config: 'adir' }));
    expect(dir).toBeInstanceOf(ConfigError);
    expect(dir.message).toContain('adir');
  });

  it('applies CLI overrides on top', async () => {
    const root = tempTree({
      '.layerlint.yaml': [
        'extends: openshift',
        'rules: { DL3008: off, no-latest-tag: warning }',
        'targets: [a]',
        'buildArgs: { A: "1", B: "2" }',
        'trustedRegistries: [docker.io]',
        'knownVariables: [X]',
        'ignore: [vendor/**]',
        'failureThreshold: error',
        'today: "2020-01-01"',
      ].join('\n'),
      Dockerfile: '',
    });
    const c = await resolveConfig('Dockerfile', root, {
      presets: ['All'],
      rules: { dl3008: 'error', DL3013: 'info' },
      targets: ['b'],
      buildArgs: { B: '3' },
      trustedRegistries: ['ghcr.io'],
      knownVariables: ['Y'],
      ignore: ['tmp/**'],
      failureThreshold: 'style',
      today: '2030-12-31',
      context: 'ctx',
      disableInlinePragmas: true,
      strictLabels: true,
    });
    expect(c.presets).toEqual(['all']);
    expect([...c.rules]).toEqual([
      ['no-latest-tag', 'warning'],
      ['dl3008', 'error'],
      ['dl3013', 'info'],
    ]);
    expect(c.settings.targets).toEqual(['b']);
    expect(c.settings.buildArgs).toEqual({ A: '1', B: '3' });
    expect(c.settings.trustedRegistries).toEqual(['docker.io', 'ghcr.io']);
    expect(c.settings.knownVariables).toEqual(['X', 'Y']);
    expect(c.ignore).toEqual(['vendor/**', 'tmp/**']);
    expect(c.failureThreshold).toBe('style');
    expect(c.settings.today).toBe('2030-12-31');
    expect(c.settings.context).toBe(path.join(root, 'ctx'));
    expect(c.disableInlinePragmas).toBe(true);
    expect(c.settings.labels.strict).toBe(true);
  });

  it('reports unknown selectors through the validator, naming file and key', async () => {
    const root = tempTree({
      '.layerlint.yaml': 'rules:\n  no-latest-tag: error\n  kics:9513A694: off\n  cis:4.1: warning\n  DS001: info\n  no-such-rule: error\n',
      Dockerfile: '',
    });
    const error = await configErrorOf(() => resolveConfig('Dockerfile', root, {}, { isKnownSelector }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.key).toBe('rules.no-such-rule');
    expect(error.message).toContain('.layerlint.yaml');
    expect(error.message).toContain(`"rules.no-such-rule" names an unknown rule or code 'no-such-rule'`);

    const seen: string[] = [];
    await resolveConfig('Dockerfile', root, {}, { isKnownSelector: (s) => (seen.push(s), true) });
    expect(seen).toEqual(['no-latest-tag', 'kics:9513a694', 'cis:4.1', 'ds-0001', 'no-such-rule']);

    const cli = await configErrorOf(() => resolveConfig('Dockerfile', root, { noConfig: true, rules: { DL9999: 'off' } }, { isKnownSelector }));
    expect(cli).toBeInstanceOf(ConfigError);
    expect(cli.message).toContain("unknown rule or code 'DL9999'");
  });

  it('validates rule options through the injected validator', async () => {
    const root = tempTree({ '.layerlint.yaml': 'rules:\n  pinned-versions: [warning, { pip: 3 }]\n', Dockerfile: '' });
    const error = await configErrorOf(() =>
      resolveConfig('Dockerfile', root, {}, { validateRuleOptions: (s, o) => (s === 'pinned-versions' && typeof o['pip'] !== 'boolean' ? '"pip" must be a boolean' : undefined) }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.key).toBe('rules.pinned-versions');
    expect(error.message).toContain('"pip" must be a boolean');
  });

  it('reports bad CLI values', async () => {
    const root = tempTree({ Dockerfile: '' });
    const preset = await configErrorOf(() => resolveConfig('Dockerfile', root, { presets: ['strict'] }));
    expect(preset).toBeInstanceOf(ConfigError);
    expect(preset.message).toContain('unknown preset "strict"');
    const setting = await configErrorOf(() => resolveConfig('Dockerfile', root, { rules: { DL3008: 'loud' as RuleSetting } }));
    expect(setting.message).toContain('--rule DL3008');
    const threshold = await configErrorOf(() => resolveConfig('Dockerfile', root, { failureThreshold: 'high' as 'error' }));
    expect(threshold.message).toContain('--failure-threshold');
    const today = await configErrorOf(() => resolveConfig('Dockerfile', root, { today: '2025-13-01' }));
    expect(today).toBeInstanceOf(ConfigError);
    expect(today.message).toContain('--today');
  });

  it('uses package.json#layerlint with prefixed keys in errors', async () => {
    const root = tempTree({
      'package.json': JSON.stringify({ layerlint: { rules: { nope: 'error' } } }),
      Dockerfile: '',
    });
    const error = await configErrorOf(() => resolveConfig('Dockerfile', root, {}, { isKnownSelector }));
    expect(error.key).toBe('layerlint.rules.nope');
    expect(error.message).toContain('package.json');
  });

  it('discovers from cwd for stdin', async () => {
    const root = tempTree({ '.layerlint.yaml': 'targets: [x]\n' });
    const c = await resolveConfig(undefined, root, {});
    expect(c.settings.targets).toEqual(['x']);
    expect(c.settings.context).toBeUndefined();
  });

  it('refuses a discovered JS config under LAYERLINT_NO_CONFIG_JS', async () => {
    const root = tempTree({ 'layerlint.config.mjs': 'export default { targets: ["js"] };', Dockerfile: '' });
    expect((await resolveConfig('Dockerfile', root, {})).settings.targets).toEqual(['js']);
    vi.stubEnv('LAYERLINT_NO_CONFIG_JS', 'true');
    const error = await configErrorOf(() => resolveConfig('Dockerfile', root, {}));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('LAYERLINT_NO_CONFIG_JS');
  });
});

describe('ConfigLoader', () => {
  it('loads a config file once for many files', async () => {
    const files: Record<string, string> = { '.layerlint.yaml': 'targets: [x]\n' };
    for (let i = 0; i < 50; i++) files[`d${i % 5}/f${i}/Dockerfile`] = '';
    const root = tempTree(files);
    const read = vi.spyOn(fs, 'readFileSync');
    const loader = new ConfigLoader(root, {});
    const results = await Promise.all(Object.keys(files).slice(1).map((f) => loader.forFile(f)));
    const configReads = read.mock.calls.filter(([p]) => String(p).endsWith('.layerlint.yaml')).length;
    read.mockRestore();
    expect(configReads).toBe(1);
    expect(results.every((r) => r.settings.targets[0] === 'x')).toBe(true);
    expect(results[0]?.settings.context).toBe(path.join(root, 'd0/f0'));
  });

  it('rejects every file under an invalid config with the same ConfigError', async () => {
    const root = tempTree({ '.layerlint.yaml': 'targets: 3\n', 'a/Dockerfile': '', 'b/Dockerfile': '' });
    const loader = new ConfigLoader(root, {}, { isKnownSelector });
    await expect(loader.forFile('a/Dockerfile')).rejects.toBeInstanceOf(ConfigError);
    await expect(loader.forFile('b/Dockerfile')).rejects.toThrow(/"targets"/);
  });

  it('clear() picks up edited configs', async () => {
    const root = tempTree({ '.layerlint.yaml': 'targets: [one]\n', Dockerfile: '' });
    const loader = new ConfigLoader(root, {});
    expect((await loader.forFile('Dockerfile')).settings.targets).toEqual(['one']);
    fs.writeFileSync(path.join(root, '.layerlint.yaml'), 'targets: [two]\n');
    expect((await loader.forFile('Dockerfile')).settings.targets).toEqual(['one']);
    loader.clear();
    expect((await loader.forFile('Dockerfile')).settings.targets).toEqual(['two']);
  });
});

describe('describeConfig', () => {
  it('is a plain JSON view', async () => {
    const root = tempTree({ '.layerlint.yaml': 'rules: { DL3008: [warning, { x: 1 }] }\ntoday: "2025-01-02"\n', Dockerfile: '' });
    const c = await resolveConfig('Dockerfile', root, {});
    const view = JSON.parse(JSON.stringify(describeConfig(c))) as Record<string, unknown>;
    expect(view).toMatchObject({
      source: path.join(root, '.layerlint.yaml'),
      presets: ['recommended'],
      rules: { dl3008: ['warning', { x: 1 }] },
      failureThreshold: 'info',
      settings: { today: '2025-01-02', context: root, targets: [] },
    });
  });
});
