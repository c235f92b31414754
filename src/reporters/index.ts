import type { Reporter } from './types.js';

export type { Reporter, ReporterOptions } from './types.js';

export const REPORTER_NAMES = ['stylish', 'concise', 'json', 'sarif', 'github', 'gitlab', 'checkstyle', 'junit', 'gnu'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** Other spellings accepted for `--format`: hadolint's names for the same formats. */
export const REPORTER_ALIASES: Readonly<Record<string, ReporterName>> = {
  tty: 'stylish',
  gitlab_codeclimate: 'gitlab',
  'gitlab-codeclimate': 'gitlab',
};

/** Formats read by programs: never coloured, and never mixed with other text on standard output. */
export const MACHINE_FORMATS: ReadonlySet<string> = new Set(['json', 'sarif', 'github', 'gitlab', 'checkstyle', 'junit']);

/** The canonical name of a format or alias, or undefined when unknown. */
export function reporterName(name: string): ReporterName | undefined {
  if (Object.hasOwn(REPORTER_ALIASES, name)) return REPORTER_ALIASES[name];
  return (REPORTER_NAMES as readonly string[]).includes(name) ? (name as ReporterName) : undefined;
}

/** Lazy: loads the reporter module only when asked (dynamic import), so unused formats cost nothing at start-up. */
export async function loadReporter(name: string): Promise<Reporter> {
  switch (reporterName(name)) {
    case 'stylish':
      return (await import('./stylish.js')).stylish;
    case 'concise':
      return (await import('./concise.js')).concise;
    case 'json':
      return (await import('./json.js')).json;
    case 'sarif':
      return (await import('./sarif.js')).sarif;
    case 'github':
      return (await import('./github.js')).github;
    case 'gitlab':
      return (await import('./gitlab.js')).gitlab;
    case 'checkstyle':
      return (await import('./checkstyle.js')).checkstyle;
    case 'junit':
      return (await import('./junit.js')).junit;
    case 'gnu':
      return (await import('./gnu.js')).gnu;
    default:
      throw new Error(`Unknown format '${name}'; expected one of: ${REPORTER_NAMES.join(', ')}`);
  }
}
