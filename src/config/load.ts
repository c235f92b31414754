import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { ConfigError, describeValue, displayPath } from './errors.js';
import { CONFIG_KEYS, CONFIG_SCHEMA, LABEL_TYPES, PRESET_NAMES, SETTING_VALUES } from './schema.js';
import { fromHadolintConfig } from './hadolint.js';
import { importFile } from './import-file.js';
import type { ConfigFile } from './types.js';

export type ConfigKind = 'layerlint' | 'package.json' | 'hadolint';

/** The kind of an explicitly named config file, from its name. */
export function configKindFor(filePath: string): ConfigKind {
  const base = path.basename(filePath).toLowerCase();
  if (base === 'package.json') return 'package.json';
  if (base.includes('hadolint')) return 'hadolint';
  return 'layerlint';
}

/** True when `LAYERLINT_NO_CONFIG_JS` forbids executing JavaScript configs. */
export function jsConfigsDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env['LAYERLINT_NO_CONFIG_JS'];
  return value !== undefined && value !== '' && value !== '0';
}

const JS_EXTENSIONS = new Set(['.js', '.mjs', '.cjs']);

/**
 * Reads, parses and validates a config file. Throws ConfigError — never another error type —
 * for unreadable files, YAML/JSON syntax errors (with the line), and schema violations.
 */
export async function loadConfigFile(filePath: string, kind: ConfigKind = configKindFor(filePath)): Promise<ConfigFile> {
  try {
    const ext = path.extname(filePath).toLowerCase();
    if (kind === 'layerlint' && JS_EXTENSIONS.has(ext)) {
      return validateConfig(await importJsConfig(filePath), filePath);
    }
    const text = readText(filePath);
    if (kind === 'package.json') {
      const pkg = parseJson(text, filePath);
      if (pkg === null || typeof pkg !== 'object' || Array.isArray(pkg) || !('layerlint' in pkg)) {
        throw new ConfigError({ filePath, key: 'layerlint', detail: 'is missing; package.json needs a "layerlint" object' });
      }
      return validateConfig((pkg as Record<string, unknown>)['layerlint'], filePath, 'layerlint');
    }
    const raw = ext === '.json' ? parseJson(text, filePath) : await parseYaml(text, filePath);
    if (kind === 'hadolint') return fromHadolintConfig(raw ?? {}, filePath);
    return validateConfig(raw ?? {}, filePath);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError({ filePath, detail: `could not be loaded: ${firstLine(error)}`, cause: error });
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

function readText(filePath: string): string {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : firstLine(error);
    throw new ConfigError({ filePath, lead: `Cannot read config ${displayPath(filePath)}`, detail: reason, cause: error });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}


async function parseYaml(text: string, filePath: string): Promise<unknown> {
  // Loaded on first use: a run without a YAML config never evaluates the YAML library (docs/performance.md).
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const error = doc.errors[0];
  if (error !== undefined) {
    const line = error.linePos?.[0].line;
    const what = (error.message.split(/ at line \d+/)[0] ?? error.message).trim();
    throw new ConfigError({
      filePath,
      detail: `YAML syntax error${line === undefined ? '' : ` at line ${line}`}: ${what}`,
      cause: error,
    });
  }
  return doc.toJS({ maxAliasCount: 1000 }) as unknown;
}

function parseJson(text: string, filePath: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = firstLine(error);
    let line: number | undefined;
    const lineMatch = /\(line (\d+) column \d+\)/.exec(message);
    const posMatch = /at position (\d+)/.exec(message);
    if (lineMatch?.[1] !== undefined) line = Number(lineMatch[1]);
    else if (posMatch?.[1] !== undefined) line = text.slice(0, Number(posMatch[1])).split('\n').length;
    else if (/end of (JSON|data) input/i.test(message)) line = text.split('\n').length;
    const what = message.replace(/ ?\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    throw new ConfigError({
      filePath,
      detail: `JSON syntax error${line === undefined ? '' : ` at line ${line}`}: ${what}`,
      cause: error,
    });
  }
}

async function importJsConfig(filePath: string): Promise<unknown> {
  if (jsConfigsDisabled()) {
    throw new ConfigError({
      filePath,
      lead: `Refusing to load JavaScript config ${displayPath(filePath)}`,
      detail: 'LAYERLINT_NO_CONFIG_JS is set, so config files that run code are not executed; use .layerlint.yaml or .layerlint.json, or unset LAYERLINT_NO_CONFIG_JS',
    });
  }
  let mtime = 0;
  try {
    mtime = fs.statSync(filePath).mtimeMs;
  } catch (error) {
    readText(filePath); // throws the usual "Cannot read" ConfigError
    throw error;
  }
  let mod: Record<string, unknown>;
  try {
    // The query makes an edited config re-import in long-running processes (LSP).
    mod = (await importFile(`${pathToFileURL(filePath).href}?mtime=${mtime}`)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError({ filePath, detail: `threw while loading: ${firstLine(error)}`, cause: error });
  }
  if (!('default' in mod) || mod['default'] === undefined) {
    throw new ConfigError({ filePath, key: 'default', detail: 'export is missing; a JS config must default-export a config object' });
  }
  const value = mod['default'];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError({ filePath, key: 'default', detail: `export must be a config object (got ${describeValue(value)})` });
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Validation

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  // Loaded on first use: a run without a config file never pays for Ajv (docs/performance.md).
  const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA);
  return compiled;
}

const TOP_LEVEL_EXPECTED: Record<string, string> = {
  extends: `must be a preset (${PRESET_NAMES.join(', ')}) or a list of presets`,
  rules: 'must be an object mapping rule ids or codes to off, a severity or [severity, options]',
  ignore: 'must be a list of glob strings',
  plugins: 'must be a list of package names',
  trustedRegistries: 'must be a list of registry names',
  labels: 'must be an object with "schema" and "strict"',
  failureThreshold: 'must be one of error, warning, info, style, none',
  targets: 'must be a list of stage names',
  buildArgs: 'must be an object mapping build argument names to values',
  context: 'must be a directory path string',
  knownVariables: 'must be a list of variable names',
  today: 'must be a date in the form YYYY-MM-DD',
  disableInlinePragmas: 'must be true or false',
  $schema: 'must be a string',
};

const RULE_SETTING_EXPECTED = `must be ${SETTING_VALUES.join(', ')} or [severity, {options}]`;
const LABEL_TYPE_EXPECTED = `must be a label type (${LABEL_TYPES.join(', ')}, regex:<pattern>) or { type, required }`;

/** Segments of an Ajv instance path, e.g. `/rules/DL3008/0` → ['rules', 'DL3008', '0']. */
function segments(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(data: unknown, segs: string[]): unknown {
  let value = data;
  for (const seg of segs) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[seg];
  }
  return value;
}

function dotted(data: unknown, segs: string[], prefix: string | undefined): string {
  let out = prefix ?? '';
  let value = data;
  for (const seg of segs) {
    out += Array.isArray(value) ? `[${seg}]` : out === '' ? seg : `.${seg}`;
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[seg] : undefined;
  }
  return out;
}

function typeName(type: unknown): string {
  const names: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    integer: 'an integer',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object',
    null: 'null',
  };
  const list = Array.isArray(type) ? type : [type];
  const words = list.map((t) => names[String(t)] ?? String(t));
  return words.length <= 2 ? words.join(' or ') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The closest known key, if it is close enough to be a typo. */
function suggest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

/** Turns the Ajv errors for a config into one ConfigError with a readable message. */
function toConfigError(errors: ErrorObject[], data: unknown, filePath: string, prefix: string | undefined): ConfigError {
  const got = (segs: string[]): string => `(got ${describeValue(valueAt(data, segs))})`;

  // Unknown keys first: they are usually typos and explain the other errors.
  const extra = errors.find((e) => e.keyword === 'additionalProperties' && segments(e.instancePath).length <= 1);
  if (extra) {
    const segs = segments(extra.instancePath);
    const name = String((extra.params as { additionalProperty?: unknown }).additionalProperty);
    const allowed: readonly string[] = segs.length === 0 ? CONFIG_KEYS : segs[0] === 'labels' ? ['schema', 'strict'] : [];
    const guess = suggest(name, allowed);
    return new ConfigError({
      filePath,
      key: dotted(data, [...segs, name], prefix),
      detail: `is not a known key${guess === undefined ? '' : ` (did you mean "${guess}"?)`}${allowed.length > 0 ? `; expected one of ${allowed.join(', ')}` : ''}`,
    });
  }

  const ranked = errors
    .map((e) => ({ e, segs: segments(e.instancePath) }))
    .sort((a, b) => b.segs.length - a.segs.length);
  const first = ranked[0];
  if (first === undefined) return new ConfigError({ filePath, detail: 'does not match the config schema' });

  // Errors inside a rule setting, a label type or `extends`: one message for the whole value.
  const special = ranked.find(
    ({ segs }) =>
      (segs[0] === 'rules' && segs.length >= 2) || (segs[0] === 'labels' && segs[1] === 'schema' && segs.length >= 3) || (segs[0] === 'extends' && segs.length >= 1),
  );
  if (special) {
    const { segs } = special;
    if (segs[0] === 'rules') {
      const s = segs.slice(0, 2);
      return new ConfigError({ filePath, key: dotted(data, s, prefix), detail: `${RULE_SETTING_EXPECTED} ${got(s)}` });
    }
    if (segs[0] === 'labels') {
      const s = segs.slice(0, 3);
      const labelEntry = valueAt(data, s);
      const extraInEntry = errors.find((e) => e.keyword === 'additionalProperties' && segments(e.instancePath).length === 3);
      if (labelEntry !== null && typeof labelEntry === 'object' && !Array.isArray(labelEntry) && extraInEntry) {
        const name = String((extraInEntry.params as { additionalProperty?: unknown }).additionalProperty);
        return new ConfigError({ filePath, key: dotted(data, [...s, name], prefix), detail: 'is not a known key; expected type or required' });
      }
      const inner = segs.length > 3 ? segs : s;
      return new ConfigError({ filePath, key: dotted(data, inner, prefix), detail: `${segs.length > 3 && segs[3] === 'required' ? 'must be true or false' : LABEL_TYPE_EXPECTED} ${got(inner)}` });
    }
    const value = valueAt(data, segs);
    const unknownPreset = typeof value === 'string';
    return new ConfigError({
      filePath,
      key: dotted(data, segs, prefix),
      detail: unknownPreset
        ? `names an unknown preset ${JSON.stringify(value)}; expected ${PRESET_NAMES.join(', ')}`
        : `${TOP_LEVEL_EXPECTED['extends']} ${got(segs)}`,
    });
  }

  const { e, segs } = first;
  if (segs.length === 0) {
    return new ConfigError({ filePath, key: prefix, detail: `must be an object of settings ${got(segs)}` });
  }
  if (segs.length === 1) {
    const key = segs[0] ?? '';
    return new ConfigError({ filePath, key: dotted(data, segs, prefix), detail: `${TOP_LEVEL_EXPECTED[key] ?? 'is invalid'} ${got(segs)}` });
  }
  let detail: string;
  switch (e.keyword) {
    case 'type':
      detail = `must be ${typeName((e.params as { type?: unknown }).type)}`;
      break;
    case 'enum':
      detail = `must be one of ${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}`;
      break;
    case 'minLength':
      detail = 'must not be empty';
      break;
    default:
      detail = e.message ?? 'is invalid';
  }
  return new ConfigError({ filePath, key: dotted(data, segs, prefix), detail: `${detail} ${got(segs)}` });
}

/** Whether a YYYY-MM-DD string names a real calendar date. */
export function isValidDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * YAML turns `rules:` with every entry commented out into null; treat such keys (top level and
 * inside `labels`) as not set rather than as type errors.
 */
function withoutEmptyKeys(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null) continue;
    out[key] = key === 'labels' ? withoutEmptyKeys(value) : value;
  }
  return out;
}

/**
 * Validates a parsed config object against the schema and a few semantic checks (real dates,
 * compilable label regexes), returning it as a ConfigFile (`$schema` dropped, build-arg values
 * as strings). `keyPrefix` prefixes keys in messages (`layerlint` for package.json).
 */
export function validateConfig(raw: unknown, filePath: string, keyPrefix?: string): ConfigFile {
  raw = withoutEmptyKeys(raw);
  const validate = validator();
  if (!validate(raw)) throw toConfigError(validate.errors ?? [], raw, filePath, keyPrefix);
  const input = raw as ConfigFile & { $schema?: string };
  const key = (k: string): string => (keyPrefix === undefined ? k : `${keyPrefix}.${k}`);

  for (const name of Object.keys(input.rules ?? {})) {
    if (name.trim() === '') throw new ConfigError({ filePath, key: key('rules'), detail: 'has an empty rule name' });
  }
  if (input.today !== undefined && !isValidDate(input.today)) {
    throw new ConfigError({ filePath, key: key('today'), detail: `must be a real date in the form YYYY-MM-DD (got ${describeValue(input.today)})` });
  }
  for (const [label, entry] of Object.entries(input.labels?.schema ?? {})) {
    const type = typeof entry === 'string' ? entry : entry.type;
    if (type.startsWith('regex:')) {
      try {
        new RegExp(type.slice('regex:'.length), 'u');
      } catch (error) {
        throw new ConfigError({ filePath, key: key(`labels.schema.${label}`), detail: `has an invalid regular expression: ${firstLine(error)}` });
      }
    }
  }
  if (input.context !== undefined && input.context.trim() === '') {
    throw new ConfigError({ filePath, key: key('context'), detail: 'must not be empty' });
  }

  const { $schema: _schema, ...config } = input;
  if (config.buildArgs !== undefined) {
    config.buildArgs = Object.fromEntries(Object.entries(config.buildArgs).map(([k, v]) => [k, String(v)]));
  }
  return config;
}
