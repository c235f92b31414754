/**
 * `import()` of a config file or plugin by URL. A module of its own because the bundled CLI is a
 * script run through vm.Script (for V8's code cache), where `import()` needs an experimental
 * Node API; the bundle instead require()s this compiled ES module (scripts/bundle.mjs) and
 * imports through it.
 */
export function importFile(url: string): Promise<unknown> {
  return import(url);
}
