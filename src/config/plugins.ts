import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleDefinition } from '../engine/types.js';
import { ConfigError } from './errors.js';
import { importFile } from './import-file.js';

/** Plugin rule ids are namespaced (`acme/no-internal-mirror`) so they never clash with built-in ids. */
const PLUGIN_RULE_ID = /^[a-z0-9@][a-z0-9._-]*\/[a-z0-9][a-z0-9-]*$/;

function isRuleDefinition(value: unknown): value is RuleDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const rule = value as { meta?: { id?: unknown; codes?: unknown; severity?: unknown; examples?: unknown }; check?: unknown };
  return typeof rule.check === 'function' && typeof rule.meta?.id === 'string' && Array.isArray(rule.meta.codes) && typeof rule.meta.severity === 'string';
}

/**
 * Loads the rule packs a config names in `plugins`: npm packages resolved from the config
 * file's directory (never from layerlint's own), each exporting `{ rules: RuleDefinition[] }`
 * (as its default export or as a named export). Anything else is a ConfigError naming the
 * config file and the plugin.
 */
export async function loadPlugins(specifiers: readonly string[], baseDir: string, configPath: string | undefined): Promise<RuleDefinition[]> {
  const rules: RuleDefinition[] = [];
  const require = createRequire(path.join(baseDir, 'package.json'));
  for (const [index, specifier] of specifiers.entries()) {
    const key = `plugins[${index}]`;
    let resolved: string;
    try {
      resolved = require.resolve(specifier);
    } catch {
      throw new ConfigError({ filePath: configPath, key, detail: `cannot find plugin '${specifier}' from ${baseDir} (install it there)` });
    }
    let loaded: { default?: unknown; rules?: unknown };
    try {
      loaded = (await importFile(pathToFileURL(resolved).href)) as { default?: unknown; rules?: unknown };
    } catch (error) {
      throw new ConfigError({ filePath: configPath, key, detail: `plugin '${specifier}' failed to load: ${error instanceof Error ? error.message : String(error)}` });
    }
    const exported = (loaded.rules ?? (loaded.default as { rules?: unknown } | undefined)?.rules) as unknown;
    if (!Array.isArray(exported) || !exported.every(isRuleDefinition)) {
      throw new ConfigError({ filePath: configPath, key, detail: `plugin '${specifier}' must export { rules: [...] } with rule definitions (meta and check)` });
    }
    for (const rule of exported) {
      if (!PLUGIN_RULE_ID.test(rule.meta.id)) {
        throw new ConfigError({ filePath: configPath, key, detail: `plugin '${specifier}' has rule id '${rule.meta.id}'; plugin rule ids must be namespaced, like 'acme/no-internal-mirror'` });
      }
      rules.push(rule);
    }
  }
  return rules;
}
