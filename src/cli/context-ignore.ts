import fs from 'node:fs';
import path from 'node:path';
import { parseIgnoreFile, type IgnoreRules } from '../model/dockerignore.js';

/**
 * The build context's ignore rules for a build file, as BuildKit picks them:
 * `<Dockerfile>.dockerignore` beside the build file, otherwise `.dockerignore` at the context
 * root. Undefined when the context is unknown or neither file can be read.
 */
export function readIgnoreRules(buildFile: string | undefined, context: string | undefined): IgnoreRules | undefined {
  if (context === undefined) return undefined;
  const candidates = buildFile === undefined ? [] : [`${buildFile}.dockerignore`];
  candidates.push(path.join(context, '.dockerignore'));
  for (const candidate of candidates) {
    let text: string;
    try {
      text = fs.readFileSync(candidate, 'utf8');
    } catch {
      continue;
    }
    return { file: path.basename(candidate), patterns: parseIgnoreFile(text) };
  }
  return undefined;
}
