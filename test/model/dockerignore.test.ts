import { describe, expect, it } from 'vitest';
import { cleanPath, IgnoreMatcher } from '../../src/model/dockerignore.js';

describe('IgnoreMatcher', () => {
  it('matches BuildKit-style: rooted patterns, parents, ** and exceptions', () => {
    const m = new IgnoreMatcher(['node_modules', '*.log', '**/*.tmp', 'build/', '!build/keep', '/abs']);
    expect(m.excludes('node_modules/a/b.js')).toBe(true);
    expect(m.excludes('app.log')).toBe(true);
    expect(m.excludes('sub/app.log')).toBe(false);
    expect(m.excludes('a/b/c.tmp')).toBe(true);
    expect(m.excludes('build/x')).toBe(true);
    expect(m.excludes('build/keep')).toBe(false);
    expect(m.excludes('abs')).toBe(true);
    expect(m.excludes('src/main.go')).toBe(false);
    expect(m.hasExceptions).toBe(true);
    expect(new IgnoreMatcher(['**']).excludesEverything).toBe(true);
  });
  it('cleans paths like path.Clean', () => {
    expect(cleanPath('./a//b/../c/')).toBe('a/c');
    expect(cleanPath('/')).toBe('');
  });
});
