import { describe, expect, it } from 'vitest';
import { loadReporter, REPORTER_NAMES } from '../../src/reporters/index.js';
import { concise } from '../../src/reporters/concise.js';
import { json } from '../../src/reporters/json.js';
import { stylish } from '../../src/reporters/stylish.js';

describe('loadReporter', () => {
  it('loads every listed format', async () => {
    expect(REPORTER_NAMES).toEqual(['stylish', 'concise', 'json', 'sarif', 'github', 'gitlab', 'checkstyle', 'junit', 'gnu']);
    for (const name of REPORTER_NAMES) expect(typeof (await loadReporter(name))).toBe('function');
    expect(await loadReporter('tty')).toBe(stylish);
    expect(await loadReporter('stylish')).toBe(stylish);
    expect(await loadReporter('concise')).toBe(concise);
    expect(await loadReporter('json')).toBe(json);
  });

  it('rejects unknown names, listing the known ones', async () => {
    await expect(loadReporter('xml')).rejects.toThrow("Unknown format 'xml'; expected one of: stylish, concise, json, sarif, github, gitlab, checkstyle, junit, gnu");
    await expect(loadReporter('toString')).rejects.toThrow(/^Unknown format/);
    await expect(loadReporter('JSON')).rejects.toThrow(/^Unknown format/);
  });
});
