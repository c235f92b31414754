import type { BuildFile } from './build-file.js';
import { parseImageRef } from './image-ref.js';
import { imageUses } from './references.js';
import type { ImageRef } from './types.js';

/** Shared by `trusted-registries` and `allowed-images` (RULES.md §2). */

export const DOCKER_HUB_ALIASES = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com'];

/** RULES.md `trusted-registries` patterns: `*`, `*.suffix`, `prefix*`, or an exact host (port included). */
export function registryMatches(registry: string, pattern: string): boolean {
  const host = registry.toLowerCase();
  const p = pattern.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*.')) return host.endsWith(p.slice(1));
  if (p.endsWith('*')) return host.startsWith(p.slice(0, -1));
  return host === p;
}

/** The images a build file pulls, the `# syntax=` frontend included (first). */
export function pulledImages(file: BuildFile): ImageRef[] {
  const refs = imageUses(file).map((use) => use.ref);
  const directive = file.directives.find((each) => each.name === 'syntax');
  if (directive) refs.unshift(parseImageRef({ written: directive.value, resolved: directive.value, known: true, token: directive.valueToken, earlierStages: [] }));
  return refs;
}
