import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, fromHadolintConfig, loadConfigFile } from '../../src/config/index.js';
import { configErrorOf, tempTree } from './helpers.js';

describe('fromHadolintConfig', () => {
  it('maps every hadolint key', () => {
    const raw = {
      ignored: ['DL3008', 'SC2086'],
      override: { error: ['DL3001', 'DL3008'], warning: ['DL3042'], info: ['DL3032'], style: ['DL3015'] },
      trustedRegistries: ['docker.io', 'my-company.com:5000'],
      'label-schema': { author: 'text', url: 'url', version: 'semver' },
      'strict-labels': true,
      'failure-threshold': 'warning',
      'disable-ignore-pragma': true,
      format: 'json',
      'no-color': true,
      verbose: false,
    };
    expect(fromHadolintConfig(raw, '.hadolint.yaml')).toEqual({
      rules: { DL3001: 'error', DL3008: 'off', DL3042: 'warning', DL3032: 'info', DL3015: 'style', SC2086: 'off' },
      trustedRegistries: ['docker.io', 'my-company.com:5000'],
      labels: {
        schema: {
          author: { type: 'text', required: true },
          url: { type: 'url', required: true },
          version: { type: 'semver', required: true },
        },
        strict: true,
      },
      failureThreshold: 'warning',
      disableInlinePragmas: true,
    });
  });

  it('maps no-fail to failureThreshold none, and ignore/none thresholds', () => {
    expect(fromHadolintConfig({ 'no-fail': true, 'failure-threshold': 'error' }, 'h.yaml')).toEqual({ failureThreshold: 'none' });
    expect(fromHadolintConfig({ 'no-fail': false, 'failure-threshold': 'error' }, 'h.yaml')).toEqual({ failureThreshold: 'error' });
    expect(fromHadolintConfig({ 'failure-threshold': 'ignore' }, 'h.yaml')).toEqual({ failureThreshold: 'none' });
    expect(fromHadolintConfig({ 'failure-threshold': 'none' }, 'h.yaml')).toEqual({ failureThreshold: 'none' });
  });

  it('ignores unknown keys and empty values', () => {
    expect(fromHadolintConfig({ somethingNew: [1, 2], ignored: null, override: null }, 'h.yaml')).toEqual({});
    expect(fromHadolintConfig(null, 'h.yaml')).toEqual({});
    expect(fromHadolintConfig({ trustedRegistries: 'docker.io' }, 'h.yaml')).toEqual({ trustedRegistries: ['docker.io'] });
  });

  it('reports wrong types with the hadolint key', async () => {
    const cases: [unknown, string][] = [
      [{ ignored: { DL3008: true } }, 'ignored'],
      [{ ignored: ['DL3008', { x: 1 }] }, 'ignored[1]'],
      [{ override: ['DL3008'] }, 'override'],
      [{ override: { error: 3 } }, 'override.error'],
      [{ 'label-schema': ['author'] }, 'label-schema'],
      [{ 'label-schema': { author: 'name' } }, 'label-schema.author'],
      [{ 'strict-labels': 'yes' }, 'strict-labels'],
      [{ 'failure-threshold': 'high' }, 'failure-threshold'],
      [{ 'disable-ignore-pragma': 1 }, 'disable-ignore-pragma'],
      [{ 'no-fail': 'true' }, 'no-fail'],
      [{ trustedRegistries: 5 }, 'trustedRegistries'],
    ];
    for (const [raw, key] of cases) {
      const error = await configErrorOf(() => fromHadolintConfig(raw, '/repo/.hadolint.yaml'));
      expect(error, key).toBeInstanceOf(ConfigError);
      expect(error.key, key).toBe(key);
      expect(error.message, key).toContain('.hadolint.yaml');
      expect(error.message, key).toContain(`"${key}"`);
    }
    expect((await configErrorOf(() => fromHadolintConfig(['x'], 'h.yaml'))).message).toContain('mapping');
  });

  it('loads a .hadolint.yaml file', async () => {
    const root = tempTree({
      '.hadolint.yaml': 'ignored:\n  - DL3008\noverride:\n  error: [DL3007]\nfailure-threshold: error\nstrict-labels: false\n',
    });
    expect(await loadConfigFile(path.join(root, '.hadolint.yaml'), 'hadolint')).toEqual({
      rules: { DL3007: 'error', DL3008: 'off' },
      failureThreshold: 'error',
      labels: { strict: false },
    });
  });
});
