import type { BuildFile } from '../../model/build-file.js';
import type { InstructionNode } from '../../model/types.js';
import { analyzeRun } from '../run-script.js';
import type { ShellWord, SimpleCommand } from '../types.js';
import { recognizeApk } from './apk.js';
import { recognizeApt } from './apt.js';
import { recognizeCargo } from './cargo.js';
import { resolvedWord, wholeVariableName, type PackageCommand, type RecognizeOptions, type Recognizer, type WordResolver } from './common.js';
import { recognizeComposer } from './composer.js';
import { recognizeConda } from './conda.js';
import { recognizeGem } from './gem.js';
import { recognizeGo } from './go.js';
import { recognizeNpm } from './npm.js';
import { recognizePip } from './pip.js';
import { recognizeRpm } from './rpm.js';
import { recognizeZypper } from './zypper.js';

export type {
  ManagerKey,
  PackageAction,
  PackageCheck,
  PackageCommand,
  PackageWord,
  RecognizeOptions,
  Recognizer,
  WordResolver,
} from './common.js';
export { globToRegExp, resolvedFrom } from './common.js';
export { checkApkPackage, recognizeApk } from './apk.js';
export { checkAptPackage, recognizeApt } from './apt.js';
export { checkCrate, recognizeCargo } from './cargo.js';
export { checkComposerPackage, recognizeComposer } from './composer.js';
export { checkCondaPackage, recognizeConda } from './conda.js';
export { checkGem, recognizeGem } from './gem.js';
export { checkGoPath, classifyGoArgs, recognizeGo } from './go.js';
export { checkNpmSpec, recognizeNpm } from './npm.js';
export { checkPipRequirement, recognizePip } from './pip.js';
export { checkRpmPackage, hasVersionShape, recognizeRpm } from './rpm.js';
export { checkZypperPackage, recognizeZypper } from './zypper.js';

/** Every recogniser; the first that accepts a command wins (their tool names do not overlap). */
export const RECOGNIZERS: readonly Recognizer[] = [
  recognizeApt,
  recognizePip,
  recognizeNpm,
  recognizeApk,
  recognizeGem,
  recognizeRpm,
  recognizeZypper,
  recognizeGo,
  recognizeCargo,
  recognizeComposer,
  recognizeConda,
];

/**
 * The package-manager reading of one simple command, or undefined when it runs no known
 * package manager. Without a resolver, words holding variables are unknown.
 */
export function recognizePackageCommand(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  if (!command.name) return undefined;
  for (const recognize of RECOGNIZERS) {
    const found = recognize(command, options);
    if (found) return found;
  }
  return undefined;
}

/**
 * Resolves words through the RUN's ARG/ENV values (they are environment variables when the
 * script runs). An unquoted wholly-variable word splits on whitespace into several packages;
 * other words become one word. Unknown values give undefined.
 */
export function scopeResolver(file: BuildFile, node: InstructionNode): WordResolver {
  const scope = file.scope(node);
  return (word: ShellWord) => {
    if (word.hasCommandSubstitution) return undefined;
    const variable = wholeVariableName(word.raw);
    if (variable !== undefined) {
      const found = scope.lookup(variable);
      if (!found?.known) return undefined;
      const pieces = word.quoted ? [found.value] : found.value.split(/\s+/).filter((piece) => piece !== '');
      return pieces.map((piece) => resolvedWord(word, piece, variable));
    }
    const expansion = scope.expand(word.raw, '\\');
    if (!expansion.known) return undefined;
    const pieces = word.quoted ? [expansion.value] : expansion.value.split(/\s+/).filter((piece) => piece !== '');
    return pieces.map((piece) => resolvedWord(word, piece, undefined));
  };
}

const cache = new WeakMap<InstructionNode, PackageCommand[]>();

/**
 * The package-manager commands of a RUN instruction (ONBUILD triggers included), in order:
 * shell form, exec form and heredoc scripts, wrappers looked through. Cached per node.
 */
export function packageCommands(file: BuildFile, node: InstructionNode): PackageCommand[] {
  const cached = cache.get(node);
  if (cached) return cached;
  const found: PackageCommand[] = [];
  if (node.keyword === 'RUN') {
    const analysis = analyzeRun(file, node);
    const resolve = scopeResolver(file, node);
    for (const script of analysis.scripts) {
      // A plain exec-form argv is not run by a shell: nothing in it is expanded.
      const options: RecognizeOptions = script.kind === 'exec' && script.source === undefined ? {} : { resolve };
      for (const command of script.script.commands) {
        const packageCommand = recognizePackageCommand(command, options);
        if (packageCommand) found.push(packageCommand);
      }
    }
  }
  cache.set(node, found);
  return found;
}
