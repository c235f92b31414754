import type { BuildFile } from '../../model/build-file.js';
import type { InstructionNode } from '../../model/types.js';
import { perPart } from '../../model/per-file.js';
import { analyzeRun } from '../run-script.js';
import type { ShellWord, SimpleCommand } from '../types.js';
import { isApkTool, recognizeApk } from './apk.js';
import { isAptTool, recognizeApt } from './apt.js';
import { isCargoTool, recognizeCargo } from './cargo.js';
import { resolvedWord, toolName, wholeVariableName, type PackageCommand, type RecognizeOptions, type Recognizer, type WordResolver } from './common.js';
import { isComposerTool, recognizeComposer } from './composer.js';
import { isCondaTool, recognizeConda } from './conda.js';
import { isGemTool, recognizeGem } from './gem.js';
import { isGoTool, recognizeGo } from './go.js';
import { isNpmTool, recognizeNpm } from './npm.js';
import { isPipTool, recognizePip } from './pip.js';
import { isRpmTool, recognizeRpm } from './rpm.js';
import { isZypperTool, recognizeZypper } from './zypper.js';

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

interface Manager {
  /** Whether a command name (a basename) can be this manager's. */
  runs(tool: string): boolean;
  recognize: Recognizer;
}

/** Every recogniser; the first that accepts a command wins (their tool names do not overlap). */
const MANAGERS: readonly Manager[] = [
  { runs: isAptTool, recognize: recognizeApt },
  { runs: isPipTool, recognize: recognizePip },
  { runs: isNpmTool, recognize: recognizeNpm },
  { runs: isApkTool, recognize: recognizeApk },
  { runs: isGemTool, recognize: recognizeGem },
  { runs: isRpmTool, recognize: recognizeRpm },
  { runs: isZypperTool, recognize: recognizeZypper },
  { runs: isGoTool, recognize: recognizeGo },
  { runs: isCargoTool, recognize: recognizeCargo },
  { runs: isComposerTool, recognize: recognizeComposer },
  { runs: isCondaTool, recognize: recognizeConda },
];

const recognizersByTool = new Map<string, readonly Recognizer[]>();

/**
 * The recognisers that can accept a command of this name, memoized: most commands run no
 * package manager, and one look-up spares them every recogniser.
 */
function recognizersFor(tool: string): readonly Recognizer[] {
  let found = recognizersByTool.get(tool);
  if (found === undefined) {
    found = MANAGERS.filter((manager) => manager.runs(tool)).map((manager) => manager.recognize);
    if (recognizersByTool.size >= 10_000) recognizersByTool.clear();
    recognizersByTool.set(tool, found);
  }
  return found;
}

/**
 * The package-manager reading of one simple command, or undefined when it runs no known
 * package manager. Without a resolver, words holding variables are unknown.
 */
export function recognizePackageCommand(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const tool = toolName(command);
  if (!tool) return undefined;
  for (const recognize of recognizersFor(tool)) {
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

/**
 * The package-manager commands of a RUN instruction (ONBUILD triggers included), in order:
 * shell form, exec form and heredoc scripts, wrappers looked through. Cached per node.
 */
export const packageCommands: (file: BuildFile, node: InstructionNode) => PackageCommand[] = perPart(computePackageCommands);

function computePackageCommands(file: BuildFile, node: InstructionNode): PackageCommand[] {
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
  return found;
}
