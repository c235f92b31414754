import fs from 'node:fs';
import path from 'node:path';
import { parseIgnoreFile, type IgnoreRules } from '../model/dockerignore.js';

/**
 * The build context's ignore rules for a build file, as BuildKit picks them:
 * `<Dockerfile>.dockerignore` beside the build file, otherwise `.dockerignore` at the context
 * root. Undefined when the context is unknown or neither file can be read.
 */
export function readIgnoreRules(buildFile: string | undefined, context: string | undefined): IgnoreRules | undefined {
  return new IgnoreRulesReader().read(buildFile, context);
}

/**
 * `readIgnoreRules` for the files of one run: each context root's `.dockerignore` is read once,
 * however many build files share the context.
 */
export class IgnoreRulesReader {
  private readonly contextRules = new Map<string, IgnoreRules | undefined>();

  read(buildFile: string | undefined, context: string | undefined): IgnoreRules | undefined {
    if (context === undefined) return undefined;
    if (buildFile !== undefined) {
      const own = readRules(`${buildFile}.dockerignore`);
      if (own) return own;
    }
    if (!this.contextRules.has(context)) this.contextRules.set(context, readRules(path.join(context, '.dockerignore')));
    return this.contextRules.get(context);
  }
}

function readRules(file: string): IgnoreRules | undefined {
  // Most build files have no ignore file of their own: asking first spares an exception per file.
  if (!fs.existsSync(file)) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return { file: path.basename(file), patterns: parseIgnoreFile(text) };
}
