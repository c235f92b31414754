import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Runs the CommonJS bundle of the CLI (scripts/bundle.mjs) through `vm.Script` with V8's code
 * cache, so a cold start deserializes the bundle's compiled functions instead of compiling them
 * (Node 20 has no `module.enableCompileCache`). The cache is written at build time, never here.
 */

/** Node's CommonJS wrapper: the bundle is evaluated as a function of these five. */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n})';

export interface LoadedBundle {
  /** The bundle's `module.exports`. */
  exports: Record<string, unknown>;
  /** The compiled script: `createCachedData()` after a run gives the cache scripts/bundle.mjs writes. */
  script: vm.Script;
  /** undefined: no usable cache file (missing, or older than the bundle); else whether V8 rejected it. */
  cachedDataRejected: boolean | undefined;
}

/**
 * The cache bytes for `bundleFile`, or undefined when `cacheFile` is missing, unreadable or
 * older than the bundle (V8 checks only the source's length, its own version and its flags, so
 * a cache from an earlier build of the same length would otherwise be accepted).
 */
function readCache(bundleFile: string, cacheFile: string | undefined): Buffer | undefined {
  if (cacheFile === undefined) return undefined;
  try {
    if (fs.statSync(cacheFile).mtimeMs < fs.statSync(bundleFile).mtimeMs) return undefined;
    return fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/**
 * Compiles and runs the bundle at `bundleFile` like Node's CommonJS loader would, using the code
 * cache in `cacheFile` when it is there, at least as new as the bundle and accepted by this
 * Node/V8 (other version or flags: V8 rejects it and the bundle is compiled as usual).
 */
export function loadBundle(file: string, cacheFile?: string): LoadedBundle {
  const bundleFile = path.resolve(file);
  const source = fs.readFileSync(bundleFile, 'utf8');
  const cachedData = readCache(bundleFile, cacheFile);
  const script = new vm.Script(WRAPPER_HEAD + source + WRAPPER_TAIL, {
    filename: bundleFile,
    ...(cachedData === undefined ? {} : { cachedData }),
    // `import()` of config files and plugins resolves as in any module of the main context.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  const module = { exports: {} as Record<string, unknown> };
  wrapper.call(module.exports, module.exports, createRequire(bundleFile), module, bundleFile, path.dirname(bundleFile));
  return { exports: module.exports, script, cachedDataRejected: cachedData === undefined ? undefined : script.cachedDataRejected === true };
}
