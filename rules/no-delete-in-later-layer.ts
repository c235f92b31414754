import { defineRule } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { InstructionNode, Stage } from '../src/model/types.js';
import { BASE_WORKDIR, isWithin, normalizePath, resolveAgainst, workdirAt } from '../src/model/users.js';
import { recognizeDownload } from '../src/shell/downloads.js';
import { packageCommands, type PackageCommand } from '../src/shell/package-managers/index.js';
import { basename as lastSegment } from '../src/shell/basename.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { ShellWord } from '../src/shell/types.js';
import { trimEndChars } from '../src/model/trim.js';

interface Options {
  packages: boolean;
}

interface Added {
  /** Absolute path, or a package key `pkg:<manager>:<name>`. */
  key: string;
  node: InstructionNode;
  /** Only equal or containing removals count (directory contents copied: later RUNs may have added inside). */
  exactOnly: boolean;
}

/**
 * What the chain added so far. Paths and packages apart: most RUNs install packages, and an `rm` is
 * resolved only when some path could match it.
 */
interface AddedSoFar {
  paths: Added[];
  /** By key, the first instruction that installed the package. */
  packages: Map<string, Added>;
}

const PACKAGE_MANAGERS = new Set(['apt', 'apk', 'yum', 'dnf', 'zypper']);
const WHOLE_DIRECTORY_SOURCES = new Set(['.', './', '*', './*']);

/** The last segment of a path, ignoring trailing slashes (`/opt/app/` → `app`). */
function basename(value: string): string {
  return lastSegment(value.endsWith('/') ? trimEndChars(value, '/') : value);
}

function unquote(value: string): string {
  // Most words are not quoted: no regex for them.
  const first = value[0];
  return first === '"' || first === "'" ? value.replace(/^(["'])(.*)\1$/, '$2') : value;
}

/** Mount targets (cache/tmpfs) of a RUN, resolved. */
function cacheTargets(file: BuildFile, node: InstructionNode): string[] {
  const targets: string[] = [];
  for (const flag of node.flags) {
    if (flag.name !== 'mount') continue;
    const type = flag.options.find((o) => o.key === 'type')?.value;
    const target = flag.options.find((o) => o.key === 'target' || o.key === 'dst' || o.key === 'destination')?.value;
    if ((type === 'cache' || type === 'tmpfs') && target) {
      const resolved = resolveAgainst(workdirAt(file, node), target);
      if (resolved) targets.push(resolved);
    }
  }
  return targets;
}

export default defineRule<Options>({
  meta: {
    id: 'no-delete-in-later-layer',
    codes: [],
    severity: 'warning',
    category: 'size',
    presets: ['recommended'],
    description: 'A file or package added in one layer is removed in a later one, so it still ships',
    rationale:
      'Layers are additive: deleting a file in a later layer only hides it. The bytes (and the content, if it is ' +
      'a secret) still ship in the layer that added it. Remove files in the same RUN that creates them, or fetch ' +
      'them in a build stage and copy only the result.',
    fixable: undefined,
    alsoKnownAs: ['cis:4.10'],
    options: {
      schema: { type: 'object', properties: { packages: { type: 'boolean' } }, additionalProperties: false },
      defaults: { packages: true },
      docs: { packages: 'Also report a package removed by a later RUN than the one that installed it.' },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nCOPY app.tar.gz /tmp/app.tar.gz\nRUN tar -xzf /tmp/app.tar.gz -C /opt\nRUN rm /tmp/app.tar.gz\n'],
      valid: ['FROM alpine:3.20\nRUN wget -q -O /tmp/app.tar.gz https://example.com/app.tar.gz && tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const target of file.targetStages(context.settings.targets)) {
      const chain = file.chain(target);
      // Only a RUN that removes something can report: what is added after the last one never matters (most chains have none).
      const lastRemoval = lastRemovingRun(file, chain, options.packages);
      if (!lastRemoval) continue;
      // Most chains install packages and remove none: their installs are not recorded.
      const packages = options.packages && removesPackages(file, chain);
      const added: AddedSoFar = { paths: [], packages: new Map() };
      walk: for (let s = chain.length - 1; s >= 0; s--) {
        for (const node of (chain[s] as Stage).instructions) {
          if (node.keyword === 'COPY' || node.keyword === 'ADD') recordCopy(file, node, added);
          else if (node.keyword === 'RUN') {
            checkRemovals(node, added);
            recordRun(file, node, added, packages);
          }
          if (node === lastRemoval) break walk;
        }
      }
    }

    function checkRemovals(node: InstructionNode, added: AddedSoFar): void {
      if (added.paths.length > 0) checkFileRemovals(node, added.paths);
      if (!options.packages || added.packages.size === 0) return;
      for (const pkg of packageCommands(file, node)) {
        if (!isPackageRemoval(pkg)) continue;
        const words = pkg.command.args.slice(pkg.command.args.indexOf(pkg.subcommand) + 1).filter((w) => !w.value.startsWith('-'));
        for (const word of words) {
          const key = `pkg:${family(pkg.manager)}:${word.value.replace(/[=<>].*$/s, '')}`;
          const hit = added.packages.get(key);
          if (hit) report(word, word.value, hit);
        }
      }
    }

    function checkFileRemovals(node: InstructionNode, paths: Added[]): void {
      const mounts = cacheTargets(file, node);
      let workdir = workdirAt(file, node);
      for (const command of analyzeRun(file, node).commands) {
        const name = command.program;
        if (name === 'cd') workdir = undefined;
        if (name === 'rm') {
          for (const arg of command.args) {
            if (arg.value.startsWith('-') || arg.hasCommandSubstitution) continue;
            const resolved = resolveWord(node, arg, workdir);
            if (!resolved || mounts.some((m) => isWithin(resolved.path, m))) continue;
            const hit = paths.find((a) => matches(resolved.path, resolved.glob, a));
            if (hit) report(arg, arg.value, hit);
          }
        }
      }
    }

    function resolveWord(node: InstructionNode, word: ShellWord, workdir: string | undefined): { path: string; glob: boolean } | undefined {
      const expansion = file.scope(node).expand(word.value, file.escapeChar);
      if (!expansion.known) return undefined;
      let value = expansion.value;
      let glob = false;
      const wildcard = value.search(/[*?[]/);
      if (wildcard >= 0) {
        glob = true;
        value = value.slice(0, value.lastIndexOf('/', wildcard) + 1) || '.';
      }
      const path = resolveAgainst(workdir, value);
      if (!path || path === '/' || path === BASE_WORKDIR) return undefined;
      return { path, glob };
    }

    function matches(path: string, glob: boolean, entry: Added): boolean {
      // A glob stands for the contents of its directory: it removes what lies strictly inside.
      if (glob) return entry.key !== path && isWithin(entry.key, path);
      if (entry.key === path || isWithin(entry.key, path)) return true;
      return !entry.exactOnly && isWithin(path, entry.key);
    }

    function report(word: ShellWord, shown: string, entry: Added): void {
      const line = entry.node.keywordToken.range.start.line + 1;
      context.report({
        message: `'${shown}' was added on line ${line}; removing it in a later layer does not shrink the image (or hide its content)`,
        range: word.range,
        codes: [],
        related: [{ range: entry.node.keywordToken.range, message: `'${shown}' is added here` }],
      });
    }
  },
});

function isPackageRemoval(pkg: PackageCommand): pkg is PackageCommand & { subcommand: ShellWord } {
  return pkg.action === 'remove' && PACKAGE_MANAGERS.has(pkg.manager) && pkg.subcommand !== undefined;
}

/** The last RUN of a chain (nearest stage first) that removes anything. */
function lastRemovingRun(file: BuildFile, chain: Stage[], packages: boolean): InstructionNode | undefined {
  for (const stage of chain) {
    for (let i = stage.instructions.length - 1; i >= 0; i--) {
      const node = stage.instructions[i] as InstructionNode;
      if (node.keyword === 'RUN' && removesAnything(file, node, packages)) return node;
    }
  }
  return undefined;
}

/** Whether a RUN has an `rm`, or (when packages count) a package removal: the only commands this rule reports. */
function removesAnything(file: BuildFile, node: InstructionNode, packages: boolean): boolean {
  if (analyzeRun(file, node).commands.some((command) => command.program === 'rm')) return true;
  return packages && packageCommands(file, node).some(isPackageRemoval);
}

function removesPackages(file: BuildFile, chain: Stage[]): boolean {
  return chain.some((stage) => stage.instructions.some((node) => node.keyword === 'RUN' && packageCommands(file, node).some(isPackageRemoval)));
}

function family(manager: string): string {
  return manager === 'yum' || manager === 'dnf' ? 'rpm' : manager;
}

function recordCopy(file: BuildFile, node: InstructionNode, added: AddedSoFar): void {
  const words = node.json ? node.json.strings.map((s) => s.value) : node.args.map((t) => unquote(t.text));
  if (words.length < 2) return;
  const sources = words.slice(0, -1).filter((w) => !w.startsWith('<<'));
  const written = words.at(-1) as string;
  const expansion = file.scope(node).expand(written, file.escapeChar);
  if (!expansion.known) return;
  const destination = resolveAgainst(workdirAt(file, node), expansion.value);
  if (!destination) return;
  const intoDirectory = expansion.value.endsWith('/') || expansion.value === '.' || sources.length > 1 || words.length - 1 > sources.length;
  if (!intoDirectory) {
    const wholeDirectory = sources.some((s) => WHOLE_DIRECTORY_SOURCES.has(s) || s.endsWith('/'));
    added.paths.push({ key: destination, node, exactOnly: wholeDirectory });
    return;
  }
  for (const source of sources) {
    if (WHOLE_DIRECTORY_SOURCES.has(source) || source.endsWith('/') || /[*?[]/.test(source) || /^[a-z]+:\/\//i.test(source)) continue;
    added.paths.push({ key: normalizePath(`${destination}/${basename(source)}`), node, exactOnly: true });
  }
}

function recordRun(file: BuildFile, node: InstructionNode, added: AddedSoFar, packages: boolean): void {
  let afterCd = false;
  for (const command of analyzeRun(file, node).commands) {
    if (command.program === 'cd') afterCd = true;
    const download = recognizeDownload(command);
    if (!download || download.toStdout) continue;
    // The WORKDIR only for a download to a file: few RUNs have one.
    const workdir = afterCd ? undefined : workdirAt(file, node);
    const paths: string[] = [...download.outputs];
    const remoteName = download.classified.options.some((o) => o.name === '-O' || o.name === '--remote-name');
    const prefix = download.tool === 'wget' ? download.classified.options.find((o) => o.name === '-P' || o.name === '--directory-prefix')?.value : undefined;
    if ((download.tool === 'curl' && remoteName) || (download.tool === 'wget' && download.outputs.length === 0)) {
      for (const url of download.urls) {
        const base = basename(url.value.replace(/[?#].*$/s, ''));
        if (base && !url.hasVariables) paths.push(prefix ? `${prefix}/${base}` : base);
      }
    }
    for (const written of paths) {
      const expansion = file.scope(node).expand(written, file.escapeChar);
      if (!expansion.known) continue;
      const path = resolveAgainst(workdir, expansion.value);
      if (path && path !== '/') added.paths.push({ key: path, node, exactOnly: true });
    }
  }
  if (!packages) return;
  for (const pkg of packageCommands(file, node)) {
    if (pkg.action !== 'install' || !PACKAGE_MANAGERS.has(pkg.manager)) continue;
    for (const word of pkg.packages) {
      if (!word.known) continue;
      const key = `pkg:${family(pkg.manager)}:${word.name}`;
      if (!added.packages.has(key)) added.packages.set(key, { key, node, exactOnly: true });
    }
  }
}
