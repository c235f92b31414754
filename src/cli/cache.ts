import type * as Crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Finding } from '../engine/types.js';
import { writeFileAtomic } from './write.js';

/**
 * `--cache`: remembers each file's findings with a hash of its bytes, of the configuration it
 * was linted with and of layerlint's version; a file whose three hashes are unchanged is not
 * linted again (ESLint's cache, by content). The cache is one JSON file, `.layerlintcache` in the
 * working directory unless `--cache-location` names a file or a directory.
 */
interface CacheEntry {
  /** sha256 of the file's bytes. */
  content: string;
  /** sha256 of the configuration, the options that change findings and layerlint's version. */
  config: string;
  findings: Finding[];
}

interface CacheFile {
  layerlint: string;
  entries: Record<string, CacheEntry>;
}

export const DEFAULT_CACHE_FILE = '.layerlintcache';

/** The cache file for `--cache-location` (a directory, or a path ending in a separator, holds `.layerlintcache`). */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (location === undefined) return path.join(cwd, DEFAULT_CACHE_FILE);
  const resolved = path.resolve(cwd, location);
  if (/[\\/]$/.test(location)) return path.join(resolved, DEFAULT_CACHE_FILE);
  try {
    if (fs.statSync(resolved).isDirectory()) return path.join(resolved, DEFAULT_CACHE_FILE);
  } catch {
    // a file that does not exist yet
  }
  return resolved;
}

let crypto: typeof Crypto | undefined;

export function sha256(data: string | Uint8Array): string {
  // Loaded on first use: only --cache runs hash (CLI cold start, docs/performance.md).
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** A stable hash of a resolved configuration (Maps, Sets and RegExps included). */
export function configHash(value: unknown, version: string): string {
  const json = JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Map) return { $map: [...item.entries()] };
    if (item instanceof Set) return { $set: [...item.values()] };
    if (item instanceof RegExp) return { $regexp: String(item) };
    return item;
  });
  return sha256(`${version}\u0000${json}`);
}

export class LintCache {
  private readonly entries: Record<string, CacheEntry>;
  private changed = false;

  private constructor(
    readonly file: string,
    private readonly version: string,
    entries: Record<string, CacheEntry>,
  ) {
    this.entries = entries;
  }

  /** Reads the cache; a missing, unreadable or other-version cache starts empty. */
  static load(file: string, version: string): LintCache {
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
      if (parsed.layerlint === version && parsed.entries && typeof parsed.entries === 'object') return new LintCache(file, version, parsed.entries);
    } catch {
      // start afresh
    }
    return new LintCache(file, version, {});
  }

  /** The findings stored for this file, when its content and configuration are unchanged. */
  get(absolute: string, content: string, config: string): Finding[] | undefined {
    const entry = this.entries[absolute];
    return entry && entry.content === content && entry.config === config ? entry.findings : undefined;
  }

  set(absolute: string, content: string, config: string, findings: Finding[]): void {
    this.entries[absolute] = { content, config, findings };
    this.changed = true;
  }

  /** Writes the cache when anything changed; returns an error message when it could not. */
  save(): string | undefined {
    if (!this.changed) return undefined;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileAtomic(this.file, JSON.stringify({ layerlint: this.version, entries: this.entries } satisfies CacheFile));
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}
