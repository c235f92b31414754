import type { ClassifiedArgs, ClassifiedOption } from '../options.js';
import type { ShellWord, SimpleCommand } from '../types.js';
import { baseCommand, compact, expandArgs, makePackage, toolName, type PackageAction, type PackageCheck, type PackageCommand, type RecognizeOptions } from './common.js';

/**
 * The go command (DL3062): `go install`, `go get`, `go run` with module paths. Go's flags are
 * single-dash long names (`-ldflags`, `-trimpath`), so they are classified here rather than
 * by the short-cluster classifier.
 */

export const GO_VALUE_FLAGS: readonly string[] = [
  '-C',
  '-p',
  '-o',
  '-asmflags',
  '-buildmode',
  '-compiler',
  '-gccgoflags',
  '-gcflags',
  '-installsuffix',
  '-ldflags',
  '-mod',
  '-modfile',
  '-overlay',
  '-pgo',
  '-pkgdir',
  '-tags',
  '-toolexec',
  '-exec',
  '-covermode',
  '-coverpkg',
];

const FLOATING = new Set(['latest', 'upgrade', 'patch', 'master', 'main', 'HEAD']);
const INSTALLS = new Set(['install', 'get', 'run']);

const ACTIONS: Record<string, PackageAction> = { install: 'install', get: 'install', run: 'install' };

/** Go's flag grammar: `-name`, `--name`, `-name=value`, `-name value` for value flags. */
export function classifyGoArgs(args: readonly ShellWord[]): ClassifiedArgs {
  const withValue = new Set(GO_VALUE_FLAGS);
  const operands: ShellWord[] = [];
  const options: ClassifiedOption[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i] as ShellWord;
    const value = word.value;
    if (value === '--') {
      i++;
      break;
    }
    if (value.length < 2 || !value.startsWith('-')) {
      operands.push(word);
      // Go stops parsing flags at the first operand (the subcommand has its own flags).
      if (operands.length > 1) break;
      continue;
    }
    const normalized = value.startsWith('--') ? value.slice(1) : value;
    const eq = normalized.indexOf('=');
    if (eq > 0) {
      options.push({ name: normalized.slice(0, eq), word, value: normalized.slice(eq + 1), valueWord: undefined });
    } else if (withValue.has(normalized) && i + 1 < args.length) {
      const valueWord = args[++i] as ShellWord;
      options.push({ name: normalized, word, value: valueWord.value, valueWord });
    } else {
      options.push({ name: normalized, word, value: undefined, valueWord: undefined });
    }
  }
  for (i = operands.length > 1 ? i + 1 : i; i < args.length; i++) operands.push(args[i] as ShellWord);
  return { operands, options };
}

function isLocal(path: string): boolean {
  return path === '.' || path === '..' || path.startsWith('./') || path.startsWith('../') || path.startsWith('/') || path.endsWith('.go');
}

/** `golang.org/x/tools/cmd/goimports@v0.24.0` is pinned; `@latest`, `@master` and no version are not. */
export function checkGoPath(text: string): PackageCheck {
  const at = text.lastIndexOf('@');
  const name = at < 0 ? text : text.slice(0, at);
  if (at < 0) return { name, pinned: false };
  const version = text.slice(at + 1);
  if (version === '' || FLOATING.has(version)) return { name, pinned: false };
  const exact = /^v\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/.test(version) || /^[0-9a-f]{7,40}$/.test(version);
  return { name, pinned: true, exact };
}

/** Whether an argument is a module path to check (first element has a dot; not a local path; not `@none`). */
function isModulePath(text: string): boolean {
  if (isLocal(text)) return false;
  const first = text.split('/')[0] ?? '';
  if (!first.replace(/@.*$/s, '').includes('.')) return false;
  return !text.endsWith('@none');
}

/** Whether a command name (a basename) can be go: `packageCommands` asks first. */
export function isGoTool(tool: string): boolean {
  return tool === 'go' || tool === 'go.exe';
}

export function recognizeGo(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const tool = toolName(command);
  if (!tool || !isGoTool(tool)) return undefined;
  const classified = classifyGoArgs(expandArgs(command.args, options.resolve));
  const subcommand = classified.operands[0];
  let action: PackageAction = (subcommand && ACTIONS[subcommand.value]) ?? 'other';
  if (subcommand?.value === 'clean' && classified.options.some((option) => option.name === '-modcache' || option.name === '-cache')) action = 'clean';
  const result = baseCommand('go', tool, command, classified, subcommand, action);
  if (!subcommand || !INSTALLS.has(subcommand.value)) return result;
  // `go run pkg args…`: only the first operand (or the leading .go files) is a package.
  let words = classified.operands.slice(1);
  if (subcommand.value === 'run') {
    const files = words.findIndex((word) => !word.value.endsWith('.go'));
    words = files === 0 ? words.slice(0, 1) : [];
  }
  const candidates = words.filter((word) => (word.hasVariables ? isModulePath(word.value.replace(/\$.*$/s, '')) : isModulePath(word.value)));
  result.packages = compact(candidates.map((word) => makePackage(command, word, checkGoPath, (prefix) => prefix.replace(/@.*$/s, ''))));
  return result;
}
