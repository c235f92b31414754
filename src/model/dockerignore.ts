/**
 * A build context's ignore rules (`.dockerignore`), matched as BuildKit's pattern matcher
 * does: patterns are cleaned and rooted at the context, `*` and `?` stay within one path
 * component, `**` spans any number, a path is excluded when it or a parent directory matches,
 * and the last matching pattern wins, so `!exceptions` re-include.
 */
export interface IgnoreRules {
  /** The ignore file's name as shown in messages (`.dockerignore`, `app.Dockerfile.dockerignore`). */
  file: string;
  /** The patterns, one per non-comment line, as written. */
  patterns: string[];
}

interface CompiledPattern {
  exclusion: boolean;
  regex: RegExp;
  cleaned: string;
}

export function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join('/');
}

function compile(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '/' && pattern.slice(i) === '/**') {
      source += '(?:/.*)?';
      break;
    }
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          source += '(?:.*/)?';
        } else source += '.*';
      } else source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) source += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith('^') || body.startsWith('!')) body = `^${body.slice(1)}`;
        source += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      source += (pattern[i + 1] as string).replace(/[.+^${}()|[\]\\/*?]/g, '\\$&');
      i++;
    } else source += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Parses an ignore file's text into its patterns (comments and blank lines dropped). */
export function parseIgnoreFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export class IgnoreMatcher {
  private readonly compiled: CompiledPattern[];

  constructor(patterns: readonly string[]) {
    this.compiled = [];
    for (const raw of patterns) {
      const exclusion = !raw.startsWith('!');
      const body = cleanPath(exclusion ? raw : raw.slice(1).trim());
      if (body === '') continue;
      this.compiled.push({ exclusion, regex: compile(body), cleaned: body });
    }
  }

  get hasExceptions(): boolean {
    return this.compiled.some((pattern) => !pattern.exclusion);
  }

  /** Whether a pattern excludes everything (`*`, `**`, `**\/*`). */
  get excludesEverything(): boolean {
    return this.compiled.some((pattern) => pattern.exclusion && ['*', '**', '**/*'].includes(pattern.cleaned));
  }

  /** Whether a context-relative path is excluded (a parent directory matching counts). */
  excludes(path: string): boolean {
    const cleaned = cleanPath(path);
    if (cleaned === '') return false;
    const parts = cleaned.split('/');
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const pattern of this.compiled) {
      if (prefixes.some((prefix) => pattern.regex.test(prefix))) excluded = pattern.exclusion;
    }
    return excluded;
  }
}
