import path from 'node:path';

/** How a config path is shown in messages: relative to the working directory when inside it. */
export function displayPath(filePath: string): string {
  if (!path.isAbsolute(filePath)) return filePath;
  const rel = path.relative(process.cwd(), filePath);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : filePath;
}

/** Renders a config value for "(got …)" in messages, kept short. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Joins lines with one space, dropping the blanks around each line break, in linear time (a regex with `\s*` on both sides of the break backtracks quadratically). */
function oneLine(text: string): string {
  if (!text.includes('\n')) return text;
  const parts = text.split('\n');
  const last = parts.length - 1;
  return parts
    .map((part, i) => (i === 0 ? part.trimEnd() : i === last ? part.trimStart() : part.trim()))
    .filter((part, i) => part !== '' || i === 0 || i === last)
    .join(' ');
}

export interface ConfigErrorOptions {
  /** The config file, absolute or as given; undefined when the problem is a command-line option. */
  filePath: string | undefined;
  /** A dotted path to the offending key (`rules.no-latest-tag`, `labels.strict`), if any. */
  key?: string | undefined;
  /** What is wrong, e.g. `must be a boolean (got "yes")`. */
  detail: string;
  /** Replaces the default `Invalid config <file>` lead-in. */
  lead?: string;
  cause?: unknown;
}

/**
 * A problem with a configuration file or configuration flag. The message is one line and
 * names the file, the key and what was expected; the CLI prints it and exits with code 2.
 */
export class ConfigError extends Error {
  readonly filePath: string | undefined;
  readonly key: string | undefined;
  /** The part of the message after the file and key. */
  readonly detail: string;

  constructor(options: ConfigErrorOptions) {
    const lead =
      options.lead ??
      (options.filePath === undefined ? 'Invalid command-line option' : `Invalid config ${displayPath(options.filePath)}`);
    const keyPart = options.key === undefined || options.key === '' ? '' : `"${options.key}" `;
    const message = oneLine(`${lead}: ${keyPart}${options.detail}`);
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConfigError';
    this.filePath = options.filePath;
    this.key = options.key;
    this.detail = options.detail;
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}
