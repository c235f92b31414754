import type { Reporter } from './types.js';

export type { Reporter, ReporterOptions } from './types.js';

export const REPORTER_NAMES = ['stylish', 'concise', 'json'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** Lazy: loads the reporter module only when asked (dynamic import), so unused formats cost nothing at start-up. */
export async function loadReporter(name: string): Promise<Reporter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).stylish;
    case 'concise':
      return (await import('./concise.js')).concise;
    case 'json':
      return (await import('./json.js')).json;
    default:
      throw new Error(`Unknown format '${name}'; expected one of: ${REPORTER_NAMES.join(', ')}`);
  }
}
