import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type * as Zlib from 'node:zlib';

/**
 * Runs the CommonJS bundle of the CLI (scripts/bundle.mjs) through `vm.Script` with V8's code
 * cache, so a cold start deserializes the bundle's compiled functions instead of compiling them
 * (Node 20 has no `module.enableCompileCache`). The cache is written at build time, never here.
 *
 * The cache file is a CRC-32 of the bundle's bytes followed by the cache's bytes (4 bytes, little
 * endian), then V8's cache. V8 itself checks only its version, its flags and the source's length,
 * and release builds do not checksum the cache's contents, so a damaged file could crash the
 * process: a file whose CRC does not match is never handed to V8.
 */

/** Node's CommonJS wrapper: the bundle is evaluated as a function of these five. */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n})';
const HEADER_BYTES = 4;

export interface LoadedBundle {
  /** The bundle's `module.exports`. */
  exports: Record<string, unknown>;
  /**
   * undefined: no cache file, or one older than the bundle (stale); true: the cache was not used
   * (damaged, written for other bytes, or rejected by V8: another Node/V8 version or flags); false: used.
   */
  cachedDataRejected: boolean | undefined;
  /** The cache file's contents for this bundle, with every function compiled so far (build time). */
  cacheData(): Buffer;
}

let zlib: typeof Zlib | undefined;
/** CRC-32 of `source` then `data`; undefined on a Node without zlib.crc32 (before 20.15, unsupported). */
function crc32(source: Buffer, data: Uint8Array): number | undefined {
  zlib ??= createRequire(import.meta.url)('node:zlib') as typeof Zlib;
  if (typeof zlib.crc32 !== 'function') return undefined;
  return zlib.crc32(data, zlib.crc32(source));
}

/**
 * The V8 cache in `cacheFile` for the bundle `source`: undefined when the file is missing,
 * unreadable or older than the bundle, 'damaged' when its CRC does not match.
 */
function readCache(bundleFile: string, source: Buffer, cacheFile: string | undefined): Buffer | 'damaged' | undefined {
  if (cacheFile === undefined) return undefined;
  let file: Buffer;
  try {
    if (fs.statSync(cacheFile).mtimeMs < fs.statSync(bundleFile).mtimeMs) return undefined;
    file = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (file.length <= HEADER_BYTES) return 'damaged';
  const data = file.subarray(HEADER_BYTES);
  const crc = crc32(source, data);
  if (crc === undefined) return undefined;
  return file.readUInt32LE(0) === crc ? data : 'damaged';
}

/**
 * Compiles and runs the bundle at `file` like Node's CommonJS loader would, using the code cache
 * in `cacheFile` when it is there, at least as new as the bundle, intact, made for these bytes
 * and accepted by this Node/V8; otherwise the bundle is compiled as usual.
 */
export function loadBundle(file: string, cacheFile?: string): LoadedBundle {
  const bundleFile = path.resolve(file);
  const bytes = fs.readFileSync(bundleFile);
  const cache = readCache(bundleFile, bytes, cacheFile);
  const cachedData = cache === 'damaged' ? undefined : cache;
  const script = new vm.Script(WRAPPER_HEAD + bytes.toString('utf8') + WRAPPER_TAIL, {
    filename: bundleFile,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  const module = { exports: {} as Record<string, unknown> };
  wrapper.call(module.exports, module.exports, createRequire(bundleFile), module, bundleFile, path.dirname(bundleFile));
  return {
    exports: module.exports,
    cachedDataRejected: cache === undefined ? undefined : cache === 'damaged' || script.cachedDataRejected === true,
    cacheData() {
      const data = script.createCachedData();
      const crc = crc32(bytes, data);
      if (crc === undefined) throw new Error('writing a code cache needs Node 20.15 or newer (zlib.crc32)');
      const header = Buffer.alloc(HEADER_BYTES);
      header.writeUInt32LE(crc, 0);
      return Buffer.concat([header, data]);
    },
  };
}
