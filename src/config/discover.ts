import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CONFIG_FILE_NAMES = [
  '.layerlint.yaml',
  '.layerlint.yml',
  '.layerlint.json',
  'layerlint.config.js',
  'layerlint.config.mjs',
] as const;

export const HADOLINT_FILE_NAMES = ['.hadolint.yaml', '.hadolint.yml'] as const;

export interface FoundConfig {
  path: string;
  kind: 'layerlint' | 'package.json' | 'hadolint';
}

interface DirResult {
  /** Nearest layerlint config or package.json#layerlint at or above the directory. */
  primary: FoundConfig | undefined;
  /** Nearest .hadolint.yaml/.yml at or above the directory. */
  hadolint: FoundConfig | undefined;
}

const dirCache = new Map<string, DirResult>();
const userConfigCache = new Map<string, FoundConfig | undefined>();

/** Forgets what discovery found (config files were added, removed or edited). */
export function clearDiscoveryCache(): void {
  dirCache.clear();
  userConfigCache.clear();
}

function isFile(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isFile();
  } catch {
    return false;
  }
}

function hasLayerlintKey(packageJson: string): boolean {
  try {
    const pkg = JSON.parse(fs.readFileSync(packageJson, 'utf8').replace(/^\uFEFF/, '')) as unknown;
    return pkg !== null && typeof pkg === 'object' && !Array.isArray(pkg) && 'layerlint' in pkg;
  } catch {
    // An unreadable or broken package.json is not ours to report.
    return false;
  }
}

function lookInDir(dir: string): DirResult {
  let names: Set<string>;
  try {
    names = new Set(fs.readdirSync(dir));
  } catch {
    names = new Set();
  }
  let primary: FoundConfig | undefined;
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(dir, name);
    if (names.has(name) && isFile(candidate)) {
      primary = { path: candidate, kind: 'layerlint' };
      break;
    }
  }
  if (primary === undefined && names.has('package.json')) {
    const candidate = path.join(dir, 'package.json');
    if (isFile(candidate) && hasLayerlintKey(candidate)) primary = { path: candidate, kind: 'package.json' };
  }
  let hadolint: FoundConfig | undefined;
  for (const name of HADOLINT_FILE_NAMES) {
    const candidate = path.join(dir, name);
    if (names.has(name) && isFile(candidate)) {
      hadolint = { path: candidate, kind: 'hadolint' };
      break;
    }
  }
  return { primary, hadolint };
}

function resultFor(dir: string): DirResult {
  const cached = dirCache.get(dir);
  if (cached) return cached;
  // Walk up iteratively, then fill the cache from the top down.
  const chain: string[] = [];
  let current = dir;
  let inherited: DirResult = { primary: undefined, hadolint: undefined };
  for (;;) {
    const hit = dirCache.get(current);
    if (hit) {
      inherited = hit;
      break;
    }
    chain.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const at = chain[i] as string;
    const own = lookInDir(at);
    inherited = { primary: own.primary ?? inherited.primary, hadolint: own.hadolint ?? inherited.hadolint };
    dirCache.set(at, inherited);
  }
  return inherited;
}

/** hadolint's user-level config locations, checked only when nothing is found up the tree. */
function userHadolintConfig(): FoundConfig | undefined {
  const xdg = process.env['XDG_CONFIG_HOME'] ?? '';
  const home = process.env['HOME'] || os.homedir();
  const cacheKey = `${xdg}\0${home}`;
  if (userConfigCache.has(cacheKey)) return userConfigCache.get(cacheKey);
  const candidates: string[] = [];
  if (xdg !== '') candidates.push(path.join(xdg, 'hadolint.yaml'));
  if (home !== '') {
    candidates.push(
      path.join(home, '.config', 'hadolint.yaml'),
      path.join(home, '.hadolint', 'hadolint.yaml'),
      path.join(home, '.hadolint.yaml'),
    );
  }
  const found = candidates.find(isFile);
  const result: FoundConfig | undefined = found === undefined ? undefined : { path: found, kind: 'hadolint' };
  userConfigCache.set(cacheKey, result);
  return result;
}

/**
 * The nearest config for files in `fromDir`: walking from `fromDir` up to the filesystem root,
 * the first directory holding one of CONFIG_FILE_NAMES (in that order) or a package.json with a
 * "layerlint" key wins. Only if there is none anywhere up the tree, the nearest
 * .hadolint.yaml/.hadolint.yml, and as a last resort hadolint's user-level config
 * ($XDG_CONFIG_HOME/hadolint.yaml, ~/.config/hadolint.yaml, ~/.hadolint/hadolint.yaml,
 * ~/.hadolint.yaml). Results are cached per directory (see clearDiscoveryCache).
 */
export function findConfigFile(fromDir: string): FoundConfig | undefined {
  const result = resultFor(path.resolve(fromDir));
  return result.primary ?? result.hadolint ?? userHadolintConfig();
}
