import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANY_SECRET_PREFIX, findSecretValues, SECRET_VALUE_PATTERNS, URL_CREDENTIALS, urlCredentialMatches } from '../../src/model/secrets.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus/files');

/** The matches of the pattern itself, as the scan reports them. */
function byPattern(text: string): { start: number; end: number; value: string }[] {
  const matches: { start: number; end: number; value: string }[] = [];
  URL_CREDENTIALS.lastIndex = 0;
  for (let match = URL_CREDENTIALS.exec(text); match; match = URL_CREDENTIALS.exec(text)) {
    matches.push({ start: match.index, end: match.index + match[0].length, value: match.groups?.['value'] ?? '' });
  }
  return matches;
}

// Pieces that exercise scheme boundaries, the 31-character scheme limit, user and password classes.
const PIECES = ['://', ':', '@', '/', 'a', 'https', 'git+ssh', 'a.b-c', 'x'.repeat(30), 'y'.repeat(32), '_', '9', 'user', 'p4ss:w0rd', ' ', '\n', "'", '"', '`', '$T', 'host.io', '.', '-', '+'];

describe('urlCredentialMatches', () => {
  it('finds exactly what URL_CREDENTIALS finds, in the same order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        expect(urlCredentialMatches(text)).toEqual(byPattern(text));
      }),
      { numRuns: 4000 },
    );
  });

  it('agrees with the pattern on known cases', () => {
    for (const text of [
      'git clone https://deploy:s3cr3tP4ss@git.example.com/app.git',
      'a+https://u:p@h and ftp://x:y@z',
      `${'s'.repeat(40)}://u:p@h`,
      ` a${'x'.repeat(30)}://u:p@h`,
      ` a${'x'.repeat(31)}://u:p@h`,
      '_http://u:p@h',
      'http://u:p@h://v:q@i',
      'no credentials here',
    ]) {
      expect(urlCredentialMatches(text)).toEqual(byPattern(text));
    }
    expect(urlCredentialMatches('git clone https://deploy:s3cr3tP4ss@git.example.com/app.git')).toEqual([{ start: 10, end: 37, value: 's3cr3tP4ss' }]);
    // A scheme may have 31 characters, not 32.
    expect(urlCredentialMatches(` a${'x'.repeat(30)}://u:p@h`)).toHaveLength(1);
    expect(urlCredentialMatches(` a${'x'.repeat(31)}://u:p@h`)).toHaveLength(0);
  });

  it.skipIf(!fs.existsSync(CORPUS))('agrees with the pattern on every corpus file', () => {
    for (const name of fs.readdirSync(CORPUS)) {
      const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
      expect(urlCredentialMatches(text), name).toEqual(byPattern(text));
    }
  });
});

describe('SECRET_VALUE_PATTERNS', () => {
  it('each pattern starts with its prefix, so a text without any prefix has no match', () => {
    for (const { regex, prefix } of SECRET_VALUE_PATTERNS) {
      expect(regex.source.replace(/^\\b/, '').startsWith(prefix.source), regex.source).toBe(true);
    }
  });

  it('ANY_SECRET_PREFIX matches exactly where some pattern\'s prefix matches', () => {
    // Every prefix alternative, pieces of them, and their neighbours in the alphabet.
    const pieces = [
      '-----BEGIN ', '-----BEGIN', '-', ' ', 'AKIA', 'ASIA', 'ABIA', 'ACCA', 'AIza', 'A', 'KIA', 'Iz', 'ACC', 'g', 'h', 'ghp_', 'gho_', 'ghu_',
      'ghs_', 'ghr_', 'ghx_', 'gh', '_', 'github_pat_', 'github_pat', 'glpat-', 'glpat', 'xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-',
      'xoxc-', 'xox', 'https://hooks.slack.com/services/', 'https://hooks.slack.com/', 'npm_', 'npm', 'pypi-AgEIcHlwaS5vcmc', 'pypi-',
      'sk_live_', 'rk_live_', 'pk_live_', 'k_live_', 'eyJ', 'ey', 'J',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 6 }), (chosen) => {
        const text = chosen.join('');
        expect(ANY_SECRET_PREFIX.test(text), text).toBe(SECRET_VALUE_PATTERNS.some(({ prefix }) => prefix.test(text)));
      }),
      { numRuns: 4000 },
    );
  });

  it('finds a token of every kind', () => {
    const tokens = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'AKIAABCDEFGHIJKLMNOP',
      `ghp_${'a1'.repeat(18)}`,
      `github_pat_${'a1'.repeat(11)}`,
      `glpat-${'a1'.repeat(10)}`,
      'xoxb-0123456789',
      'https://hooks.slack.com/services/T0000/B0000',
      `npm_${'a1'.repeat(18)}`,
      `pypi-AgEIcHlwaS5vcmc${'a1'.repeat(25)}`,
      `sk_live_${'a1'.repeat(12)}`,
      `AIza${'a1'.repeat(17)}a`,
      'eyJhbGciOiJI.eyJzdWIiOiIx.SflKxwRJSMeK',
    ];
    expect(tokens.map((token) => findSecretValues(`RUN echo ${token}\n`).map((match) => match.kind))).toEqual(
      SECRET_VALUE_PATTERNS.map((pattern) => [pattern.kind]),
    );
  });
});
