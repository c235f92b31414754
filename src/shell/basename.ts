import type { ShellWord } from './types.js';

/**
 * The last segment of a `/`-separated path (`/usr/bin/pip3` → `pip3`). A character loop
 * rather than `lastIndexOf`: it runs for every command name and stays in optimised code.
 */
export function basename(path: string): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if (path.charCodeAt(i) === 47) return path.slice(i + 1);
  }
  return path;
}

/** The program a command name runs (`SimpleCommand.program`): its basename, undefined without a name. */
export function programOf(name: ShellWord | undefined): string | undefined {
  return name === undefined ? undefined : basename(name.value);
}
