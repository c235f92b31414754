import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, STARTER_CONFIG, loadConfigFile, resolveConfig, validateConfig } from '../../src/config/index.js';
import { tempTree } from './helpers.js';

describe('STARTER_CONFIG', () => {
  it('is valid against the schema', () => {
    expect(() => validateConfig(parse(STARTER_CONFIG), '.layerlint.yaml')).not.toThrow();
  });

  it('documents every top-level key', () => {
    for (const key of CONFIG_KEYS) expect(STARTER_CONFIG, key).toMatch(new RegExp(`^#? ?${key}:`, 'm'));
  });

  it('changes nothing from the defaults', async () => {
    const root = tempTree({ '.layerlint.yaml': STARTER_CONFIG, Dockerfile: '' });
    expect(await loadConfigFile(path.join(root, '.layerlint.yaml'))).toBeTypeOf('object');
    const withStarter = await resolveConfig('Dockerfile', root, { today: '2025-01-01' });
    const defaults = await resolveConfig('Dockerfile', root, { noConfig: true, today: '2025-01-01' });
    expect({ ...withStarter, source: undefined, baseDir: undefined }).toEqual({ ...defaults, source: undefined, baseDir: undefined });
  });
});
