import type { BuildFile } from '../model/build-file.js';
import type { InstructionNode, Range } from '../model/types.js';
import { copySources, findUrls, recognizeDownload, resolveShellWord } from './downloads.js';
import { envSettings, valueSubRange } from './env-settings.js';
import { recognizeGit, recognizeGitClone } from './git.js';
import { operandsAfterSubcommand } from './package-config.js';
import { packageCommands } from './package-managers/index.js';
import { analyzeRun } from './run-script.js';
import type { ShellWord } from './types.js';
import { perFile } from '../model/per-file.js';

/**
 * Where a build file fetches from, for `no-plain-http` and `no-untrusted-package-sources`:
 * each URL (or source name) with its exact range and what kind of fetch it is.
 */

export type FetchKind =
  | 'add'
  | 'download'
  | 'git'
  | 'pip-index'
  | 'npm-registry'
  | 'goproxy'
  | 'gem-source'
  | 'apt-source'
  | 'rpm-repo'
  | 'apk-repo'
  | 'zypper-repo';

export interface FetchSource {
  kind: FetchKind;
  /** The URL or source name after variable resolution. */
  value: string;
  known: boolean;
  range: Range;
  /** File offset of the value's first character when it is written literally (for fixes). */
  offset: number | undefined;
  node: InstructionNode;
}

function fromWord(file: BuildFile, node: InstructionNode, word: ShellWord, kind: FetchKind, text?: string): FetchSource {
  const resolved = text !== undefined ? { value: text, known: !text.includes('$') } : resolveShellWord(file, node, word);
  const index = word.raw.indexOf(resolved.value);
  const offset = index >= 0 && resolved.value !== '' ? word.startOffset + index : undefined;
  const range = offset !== undefined ? file.lines.range(offset, offset + resolved.value.length) : word.range;
  return { kind, value: resolved.value, known: resolved.known, range, offset, node };
}

/**
 * The commands whose words can name a source (most commands of a RUN are none of them): the
 * tools `recognizeDownload` (curl, wget) and `recognizeGit` know, and the repository tools read
 * below. A tool those recognisers learn must be added here too.
 */
const FETCHING_COMMANDS: ReadonlySet<string> = new Set(['curl', 'wget', 'git', 'add-apt-repository', 'apt-add-repository', 'yum-config-manager', 'dnf', 'yum', 'dnf5']);
const PIP_INDEX_OPTIONS = ['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--index', '--default-index'];
const PIP_ENV = new Set(['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_FIND_LINKS', 'UV_INDEX_URL', 'UV_EXTRA_INDEX_URL', 'UV_INDEX', 'UV_DEFAULT_INDEX']);
const NPM_ENV = new Set(['NPM_CONFIG_REGISTRY', 'npm_config_registry', 'YARN_REGISTRY', 'YARN_NPM_REGISTRY_SERVER']);

/**
 * Every fetch source of a build file, in file order per instruction. Computed once per file:
 * `no-plain-http` and `no-untrusted-package-sources` both read them (callers only iterate).
 */
export const fetchSources = perFile(computeFetchSources);

function computeFetchSources(file: BuildFile): FetchSource[] {
  const found: FetchSource[] = [];
  for (const node of file.find('ADD')) {
    for (const source of copySources(file, node)) {
      if (source.heredoc || !/^[A-Za-z][A-Za-z0-9+.-]*:\/\/|^git@/.test(source.value)) continue;
      const literal = source.token.text.indexOf(source.value);
      const offset = literal >= 0 ? source.token.startOffset + literal : undefined;
      const range = offset !== undefined ? file.lines.range(offset, offset + source.value.length) : source.token.range;
      found.push({ kind: 'add', value: source.value, known: source.known, range, offset, node });
    }
  }
  for (const node of file.find('RUN')) {
    const analysis = analyzeRun(file, node);
    for (const command of analysis.commands) {
      const name = command.program;
      if (name === undefined || !FETCHING_COMMANDS.has(name)) continue;
      const download = recognizeDownload(command);
      if (download) {
        const words = [...download.urls, ...download.classified.options.filter((o) => o.name === '--url').flatMap((o) => (o.valueWord ? [o.valueWord] : []))];
        for (const word of words) found.push(fromWord(file, node, word, 'download'));
        continue;
      }
      const git = recognizeGit(command);
      if (git?.subcommand) {
        const clone = recognizeGitClone(git);
        if (clone?.url) found.push(fromWord(file, node, clone.url, 'git'));
        else if (git.subcommand.value === 'fetch' || git.subcommand.value === 'pull' || (git.subcommand.value === 'remote' && git.args[0]?.value === 'add')) {
          for (const word of git.args) if (/^[a-z]+:\/\//i.test(word.value)) found.push(fromWord(file, node, word, 'git'));
        }
        continue;
      }
      if (name === 'add-apt-repository' || name === 'apt-add-repository') {
        for (const word of command.args) if (!word.value.startsWith('-')) found.push(fromWord(file, node, word, 'apt-source', urlIn(word.value)));
        continue;
      }
      const configManager = name === 'yum-config-manager' || ((name === 'dnf' || name === 'yum' || name === 'dnf5') && command.args.some((word) => word.value === 'config-manager'));
      if (configManager) {
        command.args.forEach((word, i) => {
          if (word.value === '--add-repo' && command.args[i + 1]) found.push(fromWord(file, node, command.args[i + 1] as ShellWord, 'rpm-repo'));
          else if (word.value.startsWith('--add-repo=')) found.push(fromWord(file, node, word, 'rpm-repo', word.value.slice('--add-repo='.length)));
        });
      }
    }
    for (const pc of packageCommands(file, node)) {
      const sub = pc.subcommand?.value;
      const optionSources = (names: string[], kind: FetchKind): void => {
        for (const option of pc.options) {
          if (!names.includes(option.name) || option.value === undefined) continue;
          const word = option.valueWord ?? option.word;
          found.push(fromWord(file, node, word, kind, option.value));
        }
      };
      if (pc.manager === 'pip') optionSources(PIP_INDEX_OPTIONS, 'pip-index');
      if (pc.manager === 'npm' || pc.manager === 'yarn' || pc.manager === 'pnpm') {
        optionSources(['--registry'], 'npm-registry');
        if (sub === 'config' || sub === 'set') {
          const operands = operandsAfterSubcommand(pc);
          const args = sub === 'config' ? operands.slice(1) : operands;
          if (sub === 'config' && operands[0]?.value !== 'set') continue;
          const key = args[0];
          if (!key) continue;
          const eq = key.value.indexOf('=');
          const keyName = eq < 0 ? key.value : key.value.slice(0, eq);
          if (!/^(?:(?:@[^:]+:)?registry|npmRegistryServer)$/.test(keyName)) continue;
          if (eq >= 0) found.push(fromWord(file, node, key, 'npm-registry', key.value.slice(eq + 1)));
          else if (args[1]) found.push(fromWord(file, node, args[1], 'npm-registry'));
        }
      }
      if (pc.manager === 'gem' && sub === 'sources') optionSources(['-a', '--add', '-s', '--source'], 'gem-source');
      if (pc.manager === 'apk') optionSources(['-X', '--repository'], 'apk-repo');
      if (pc.manager === 'zypper' && (sub === 'addrepo' || sub === 'ar')) {
        const operand = operandsAfterSubcommand(pc)[0];
        if (operand) found.push(fromWord(file, node, operand, 'zypper-repo'));
      }
    }
  }
  for (const setting of envSettings(file)) {
    if (setting.value === undefined || setting.value === '') continue;
    let kind: FetchKind | undefined;
    if (PIP_ENV.has(setting.name)) kind = 'pip-index';
    else if (NPM_ENV.has(setting.name)) kind = 'npm-registry';
    else if (setting.name === 'GOPROXY') kind = 'goproxy';
    if (!kind) continue;
    const entries = kind === 'goproxy' ? setting.value.split(/[,|]/) : setting.value.split(/\s+/);
    for (const entry of entries) {
      if (entry === '' || entry === 'direct' || entry === 'off') continue;
      const sub = valueSubRange(file, setting, entry);
      found.push({ kind, value: entry, known: !entry.includes('$'), range: sub.range, offset: sub.offset, node: setting.node });
    }
  }
  return found;
}

/** The first URL in a text (an apt source line), or the text itself. */
function urlIn(text: string): string {
  return findUrls(text)[0]?.url ?? text;
}
