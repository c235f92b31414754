/**
 * Every regular expression in src/ and rules/ is checked for catastrophic backtracking with
 * recheck (https://makenowjust-labs.github.io/recheck/). Patterns without an unbounded
 * quantifier cannot backtrack super-linearly and are skipped; results are cached per pattern
 * in test/reliability/recheck-results.json (committed) so that only new or changed patterns cost time.
 *
 * A pattern recheck reports as vulnerable (exponential or polynomial) fails the test unless it
 * is in ACCEPTED with a reason, and then the attack string recheck built (about 55,000
 * characters, near BuildKit's 65,535-byte line limit) must still run in under 100 ms. A
 * `new RegExp(...)` whose pattern is not a constant is "dynamic": it must be in
 * DYNAMIC_REVIEWED, which says where its pattern comes from and why that is safe.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSync } from 'recheck';
import { collectRegexSites, sourceFiles, type RegexSite } from './regex-sites.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CACHE = path.join(import.meta.dirname, 'recheck-results.json');
const RECHECK_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'recheck', 'package.json'), 'utf8')) as { version: string }).version;

/** Patterns recheck flags that are safe in practice, with the reason (checked against the attack). */
const ACCEPTED: Record<string, string> = {
  // Bounded repetition ({20,255}, {10,255}, {8,4096}): at most linear times the bound.
  '\\bglpat-[A-Za-z0-9_-]{20,255}(?![A-Za-z0-9_-])': 'bounded repetition',
  '\\bxox[abposr]-[A-Za-z0-9-]{10,255}(?![A-Za-z0-9-])': 'bounded repetition',
  '\\beyJ[A-Za-z0-9_-]{8,4096}\\.eyJ[A-Za-z0-9_-]{8,4096}\\.[A-Za-z0-9_-]{8,4096}': 'bounded repetition',
  "\\b[A-Za-z][A-Za-z0-9+.-]{0,30}:\\/\\/[^\\s:/@'\"`]{1,256}:(?<value>[^\\s/@'\"`]{1,256})@[^\\s/@'\"`]": 'bounded repetition (recheck times out on it)',
  '\\bread\\s+(?:-[A-Za-z]+\\s+(?:\\S+\\s+)?){0,8}([A-Za-z_][A-Za-z0-9_]*(?:\\s+[A-Za-z_][A-Za-z0-9_]*)*)': 'at most 8 options, names unambiguous: a failing start rescans a bounded number of words',
  '(?:AllowInsecureRepositories|AllowUnauthenticated)\\s+"?(?:true|1|yes)\\b': 'no nested or adjacent overlapping quantifiers; recheck times out building the case-insensitive automaton',
};

/** Dynamic constructions, by file and pattern expression: where the pattern comes from. */
const DYNAMIC_REVIEWED: Record<string, string> = {
  'rules/no-hardcoded-secrets.ts source': "the user's own allowValues option (config is trusted; format: 'regex' makes an invalid one a config error)",
  'src/model/secrets.ts extra.regex': "the user's own extraPatterns option (config is trusted)",
  "src/model/secrets.ts SECRET_VALUE_PATTERNS.map((pattern) => pattern.prefix.source).join('|')": 'an alternation of the fixed prefixes of SECRET_VALUE_PATTERNS (literals and single character classes, no quantifiers)',
  'src/config/load.ts type.slice(\'regex:\'.length)': "a label schema's regex:, from the user's config, compiled only to validate it",
  'src/model/labels.ts `^(?:${pattern})$`': "a label schema's regex:, from the user's config (trusted)",
  'rules/no-secret-file-copy.ts `\\\\$\\\\{?${name}\\\\b`': 'name is one of a fixed list of variable names',
  "src/model/base-image-env.ts `^${full.replace(/[.+^${}()|[\\]\\\\]/g, '\\\\$&').replace(/\\*/g, '.*')}$`": 'built from the built-in image table: escaped literals and .* (at most a few per pattern, matched against short image names)',
  'src/model/dockerignore.ts `^${source}$`': '.dockerignore globs: [^/]* and (?:.*/)? segments; matched against paths of the build context (short); see the glob tests in test/reliability/hostile-inputs.test.ts',
  'src/model/variables.ts regex.source': 'globToRegExp output (see below)',
  "src/model/variables.ts whole ? `^${source}$` : source": 'shell patterns of ${VAR#glob} in the build file: [\\s\\S]* per *, matched against variable values; the lint time guard covers long values (test/reliability/hostile-inputs.test.ts)',
  'src/shell/package-managers/common.ts `^${source}$`': 'rule option globs (trusted config) matched against package names',
  'src/engine/active-rules.ts source': "compiles a format: 'regex' option value only to validate it (never executed on input)",
};

interface CacheEntry {
  status: string;
  attack?: string;
  complexity?: string;
}

function loadCache(): Record<string, CacheEntry> {
  try {
    const data = JSON.parse(fs.readFileSync(CACHE, 'utf8')) as { version: string; entries: Record<string, CacheEntry> };
    return data.version === RECHECK_VERSION ? data.entries : {};
  } catch {
    return {};
  }
}

/** Whether a pattern has a quantifier without an upper bound (`*`, `+`, `{n,}`) outside a class or escape. */
export function hasUnboundedQuantifier(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '*' || c === '+') return true;
    else if (c === '{' && /^\{\d+,\}/.test(pattern.slice(i))) return true;
  }
  return false;
}

const sites: RegexSite[] = sourceFiles([path.join(ROOT, 'src'), path.join(ROOT, 'rules')]).flatMap((file) => collectRegexSites(file, path.relative(ROOT, file).split(path.sep).join('/')));

describe('regular-expression safety', () => {
  it('finds the regular expressions of the code base', () => {
    expect(sites.length).toBeGreaterThan(300);
    expect(sites.some((site) => site.file.startsWith('rules/'))).toBe(true);
  });

  it('every dynamically built RegExp has a reviewed source', () => {
    const unreviewed = sites.filter((site) => site.pattern === undefined && DYNAMIC_REVIEWED[`${site.file} ${site.expression}`] === undefined).map((site) => `${site.file}:${site.line} new RegExp(${site.expression})`);
    expect(unreviewed, 'review these dynamic regular expressions and add them to DYNAMIC_REVIEWED').toEqual([]);
  });

  it('no regular expression is vulnerable to catastrophic backtracking (recheck)', () => {
    const cache = loadCache();
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const site of sites) {
      if (site.pattern === undefined || !hasUnboundedQuantifier(site.pattern)) continue;
      const flags = (site.flags ?? '').replace(/g/g, '');
      const key = `${flags}/${site.pattern}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let entry = cache[key];
      if (entry === undefined) {
        const result = checkSync(site.pattern, flags, { timeout: 10_000 });
        entry =
          result.status === 'vulnerable'
            ? { status: 'vulnerable', attack: result.attack.string, complexity: result.complexity.type }
            : { status: result.status };
        if (result.status !== 'unknown') cache[key] = entry;
      }
      if (entry.status === 'safe') continue;
      const reason = ACCEPTED[site.pattern];
      if (reason === undefined) {
        problems.push(`${site.file}:${site.line} /${site.pattern}/${site.flags ?? ''} is ${entry.status}${entry.complexity ? ` (${entry.complexity})` : ''}`);
        continue;
      }
      if (entry.attack !== undefined) {
        const regex = new RegExp(site.pattern, site.flags?.replace(/g/g, '') ?? '');
        const started = performance.now();
        regex.test(entry.attack);
        const ms = performance.now() - started;
        if (ms > 100) problems.push(`${site.file}:${site.line} /${site.pattern}/ is accepted (${reason}) but its attack takes ${Math.round(ms)} ms`);
      }
    }
    fs.mkdirSync(path.dirname(CACHE), { recursive: true });
    const sorted = Object.fromEntries(Object.entries(cache).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    fs.writeFileSync(CACHE, `${JSON.stringify({ version: RECHECK_VERSION, entries: sorted }, null, 1)}\n`);
    expect(problems).toEqual([]);
  }, 300_000);

  it('the unbounded-quantifier pre-filter', () => {
    expect(hasUnboundedQuantifier('^a+$')).toBe(true);
    expect(hasUnboundedQuantifier('a{2,}')).toBe(true);
    expect(hasUnboundedQuantifier('[*+]\\+x{1,3}')).toBe(false);
    expect(hasUnboundedQuantifier('^\\d{4}-\\d{2}$')).toBe(false);
  });
});
