import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob, isDynamicPattern } from 'tinyglobby';

/** `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`, `Containerfile.*`, `*.containerfile`. */
const BUILD_FILE_NAME = /^(?:(?:docker|container)file(?:\..+)?|.+\.(?:docker|container)file)$/i;
const NOT_BUILD_FILES = /\.(?:dockerignore|containerignore|md|txt|orig|rej|swp|bak)$/i;
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

export function isBuildFileName(name: string): boolean {
  return BUILD_FILE_NAME.test(name) && !NOT_BUILD_FILES.test(name);
}

export interface DiscoveredPath {
  /** As shown to the user: relative to the working directory when inside it. */
  display: string;
  absolute: string;
  /** True when named on the command line (not found by a directory walk or glob). */
  explicit: boolean;
}

export interface DiscoveryResult {
  files: DiscoveredPath[];
  /** Arguments that matched nothing (a missing path, an empty glob). */
  missing: string[];
  /** Directories that could not be read, with the reason. */
  warnings: string[];
}

export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : absolute;
}

interface IgnoreLayer {
  dir: string;
  matcher: Ignore;
}

function readGitignore(dir: string): IgnoreLayer | undefined {
  let content: string;
  try {
    content = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { dir, matcher: ignore().add(content) };
}

function ignoredBy(layers: IgnoreLayer[], absolute: string, isDirectory: boolean): boolean {
  for (const layer of layers) {
    const relative = path.relative(layer.dir, absolute).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('..')) continue;
    if (layer.matcher.ignores(isDirectory ? `${relative}/` : relative)) return true;
  }
  return false;
}

/** The `.gitignore` files from the repository root (or filesystem root) down to `dir`. */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    chain.unshift(current);
    if (fs.existsSync(path.join(current, '.git')) || path.dirname(current) === current) break;
  }
  return chain.slice(0, -1).map(readGitignore).filter((layer): layer is IgnoreLayer => layer !== undefined);
}

function walk(root: string, layers: IgnoreLayer[], out: string[], warnings: string[], visited: Set<string>): void {
  let real: string;
  try {
    real = fs.realpathSync(root);
  } catch (error) {
    warnings.push(`Cannot read directory ${root}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return;
  }
  if (visited.has(real)) return; // a symlink loop
  visited.add(real);
  const own = readGitignore(root);
  const here = own ? [...layers, own] : layers;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch (error) {
    warnings.push(`Cannot read directory ${root}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = path.join(root, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const stat = fs.statSync(absolute);
        isDirectory = stat.isDirectory();
        isFile = stat.isFile();
      } catch {
        continue; // a dangling link
      }
    }
    if (isDirectory) {
      if (ALWAYS_SKIPPED.has(entry.name) || ignoredBy(here, absolute, true)) continue;
      walk(absolute, here, out, warnings, visited);
    } else if (isFile && isBuildFileName(entry.name) && !ignoredBy(here, absolute, false)) {
      out.push(absolute);
    }
  }
}

/**
 * Expands command-line paths into build files: files are taken as given, directories are
 * searched for build-file names (honouring `.gitignore`), and globs are expanded.
 */
export async function discoverFiles(inputs: readonly string[], cwd: string): Promise<DiscoveryResult> {
  const files: DiscoveredPath[] = [];
  const missing: string[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const add = (absolute: string, explicit: boolean): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push({ absolute, display: displayPath(absolute, cwd), explicit });
  };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const found: string[] = [];
      walk(absolute, ancestorLayers(absolute), found, warnings, new Set());
      for (const file of found) add(file, false);
      continue;
    }
    if (stat) {
      add(absolute, true);
      continue;
    }
    if (isDynamicPattern(input)) {
      const matches = await glob(input, { cwd, absolute: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] });
      matches.sort();
      if (matches.length === 0) missing.push(input);
      for (const match of matches) add(path.normalize(match), true);
      continue;
    }
    // A path that does not exist is still linted, so it gets an io-error element.
    add(absolute, true);
  }
  return { files, missing, warnings };
}
