import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_FILE_NAMES, clearDiscoveryCache, findConfigFile } from '../../src/config/index.js';
import { tempTree } from './helpers.js';

let home: string;

beforeEach(() => {
  clearDiscoveryCache();
  home = tempTree();
  vi.stubEnv('HOME', home);
  vi.stubEnv('XDG_CONFIG_HOME', path.join(home, 'xdg'));
});

afterEach(() => {
  vi.unstubAllEnvs();
  clearDiscoveryCache();
});

describe('findConfigFile', () => {
  it('finds each config file name', () => {
    for (const name of CONFIG_FILE_NAMES) {
      clearDiscoveryCache();
      const root = tempTree({ [name]: name.endsWith('json') ? '{}' : name.endsWith('js') ? 'export default {}' : '' });
      expect(findConfigFile(root)).toEqual({ path: path.join(root, name), kind: 'layerlint' });
    }
  });

  it('prefers names in CONFIG_FILE_NAMES order within one directory', () => {
    const root = tempTree({ '.layerlint.json': '{}', '.layerlint.yml': '', 'layerlint.config.mjs': 'export default {}' });
    expect(findConfigFile(root)?.path).toBe(path.join(root, '.layerlint.yml'));
  });

  it('walks upwards and the nearest config wins', () => {
    const root = tempTree({
      '.layerlint.yaml': '',
      'services/api/.layerlint.json': '{}',
      'services/api/deep/x/Dockerfile': 'FROM a',
      'services/web/Dockerfile': 'FROM a',
    });
    expect(findConfigFile(path.join(root, 'services/api/deep/x'))?.path).toBe(path.join(root, 'services/api/.layerlint.json'));
    expect(findConfigFile(path.join(root, 'services/web'))?.path).toBe(path.join(root, '.layerlint.yaml'));
  });

  it('uses package.json only when it has a "layerlint" key', () => {
    const root = tempTree({
      'package.json': JSON.stringify({ name: 'x', layerlint: { extends: 'all' } }),
      'app/package.json': JSON.stringify({ name: 'app' }),
      'broken/package.json': '{ not json',
      'app/sub/.keep': '',
    });
    expect(findConfigFile(path.join(root, 'app/sub'))).toEqual({ path: path.join(root, 'package.json'), kind: 'package.json' });
    expect(findConfigFile(path.join(root, 'broken'))?.kind).toBe('package.json');
  });

  it('a layerlint file beats package.json in the same directory', () => {
    const root = tempTree({ 'package.json': JSON.stringify({ layerlint: {} }), '.layerlint.yaml': '' });
    expect(findConfigFile(root)?.path).toBe(path.join(root, '.layerlint.yaml'));
  });

  it('uses .hadolint.yaml only when no layerlint config exists anywhere up the tree', () => {
    const root = tempTree({ '.layerlint.yaml': '', 'svc/.hadolint.yaml': 'ignored: [DL3008]', 'svc/Dockerfile': '' });
    expect(findConfigFile(path.join(root, 'svc'))?.path).toBe(path.join(root, '.layerlint.yaml'));

    clearDiscoveryCache();
    const bare = tempTree({ '.hadolint.yml': '', 'svc/.hadolint.yaml': '', 'svc/deep/.keep': '' });
    expect(findConfigFile(path.join(bare, 'svc/deep'))).toEqual({ path: path.join(bare, 'svc/.hadolint.yaml'), kind: 'hadolint' });
    expect(findConfigFile(bare)).toEqual({ path: path.join(bare, '.hadolint.yml'), kind: 'hadolint' });
  });

  it("falls back to hadolint's user-level config, XDG first", () => {
    const root = tempTree({ 'svc/.keep': '' });
    expect(findConfigFile(path.join(root, 'svc'))).toBeUndefined();

    fs.mkdirSync(path.join(home, '.config'), { recursive: true });
    fs.writeFileSync(path.join(home, '.config', 'hadolint.yaml'), '');
    clearDiscoveryCache();
    expect(findConfigFile(path.join(root, 'svc'))).toEqual({ path: path.join(home, '.config', 'hadolint.yaml'), kind: 'hadolint' });

    fs.mkdirSync(path.join(home, 'xdg'), { recursive: true });
    fs.writeFileSync(path.join(home, 'xdg', 'hadolint.yaml'), '');
    clearDiscoveryCache();
    expect(findConfigFile(path.join(root, 'svc'))?.path).toBe(path.join(home, 'xdg', 'hadolint.yaml'));

    // A layerlint config anywhere up the tree still wins over the user-level hadolint config.
    fs.writeFileSync(path.join(root, '.layerlint.yaml'), '');
    clearDiscoveryCache();
    expect(findConfigFile(path.join(root, 'svc'))?.path).toBe(path.join(root, '.layerlint.yaml'));
  });

  it('caches per directory until cleared', () => {
    const root = tempTree({ 'a/b/.keep': '' });
    expect(findConfigFile(path.join(root, 'a/b'))).toBeUndefined();
    fs.writeFileSync(path.join(root, 'a', '.layerlint.yaml'), '');
    expect(findConfigFile(path.join(root, 'a/b'))).toBeUndefined();
    clearDiscoveryCache();
    expect(findConfigFile(path.join(root, 'a/b'))?.path).toBe(path.join(root, 'a', '.layerlint.yaml'));
  });

  it('ignores a directory named like a config file', () => {
    const root = tempTree({ '.layerlint.yaml/.keep': '', '.layerlint.json': '{}' });
    expect(findConfigFile(root)?.path).toBe(path.join(root, '.layerlint.json'));
  });
});
