import { defineRule, type Fix, type TextEdit } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { InstructionNode, Stage } from '../src/model/types.js';
import {
  CACHE_DIRS,
  cacheMountCovers,
  earlierChainRuns,
  envTruthy,
  isMountTarget,
  removesAny,
  rmRemovesMatching,
} from '../src/shell/package-managers/cache.js';
import { appendToScript, insertAfterWord } from '../src/shell/package-managers/fixes.js';
import { packageCommands, type PackageCommand } from '../src/shell/package-managers/index.js';
import {
  cacheDirOption,
  cacheTool,
  cleansCache,
  disablesCache,
  fillsCache,
  isAptClean,
  isPipNoCacheConfig,
  isUvCacheClean,
  rvmCommand,
  verb,
} from '../src/shell/package-managers/queries.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { SimpleCommand } from '../src/shell/types.js';

type Key = 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'tdnf' | 'zypper' | 'pip' | 'yarn' | 'npm' | 'gem' | 'rvm';

interface Options {
  managers: Partial<Record<Key, boolean>>;
  stages: 'shipped' | 'all';
  aptRequireClean: boolean;
}

const KEYS: readonly Key[] = ['apt', 'apk', 'yum', 'dnf', 'microdnf', 'tdnf', 'zypper', 'pip', 'yarn', 'npm', 'gem', 'rvm'];
const DEFAULTS: Record<Key, boolean> = {
  apt: true,
  apk: true,
  yum: true,
  dnf: true,
  microdnf: true,
  tdnf: true,
  zypper: true,
  pip: true,
  yarn: true,
  npm: false,
  gem: false,
  rvm: false,
};

/** The enabled managers per option object: the same object is passed for every file linted with a config. */
const enabledKeySets = new WeakMap<Options['managers'], ReadonlySet<Key>>();

function enabledKeys(managers: Options['managers']): ReadonlySet<Key> {
  let keys = enabledKeySets.get(managers);
  if (keys === undefined) {
    keys = new Set(KEYS.filter((key) => managers[key] ?? DEFAULTS[key]));
    enabledKeySets.set(managers, keys);
  }
  return keys;
}

const CODES: Record<string, string[]> = {
  apt: ['DL3009'],
  apk: ['DL3019', 'DS-0025'],
  yum: ['DL3032', 'DS-0015'],
  dnf: ['DL3040', 'DS-0019'],
  microdnf: ['DL3040', 'DS-0027'],
  tdnf: ['DL3040'],
  zypper: ['DL3036', 'DS-0020'],
  pip: ['DL3042'],
  uv: ['DL3042'],
  yarn: ['DL3060'],
};

const RPM_TOOLS = ['yum', 'dnf', 'microdnf', 'tdnf'] as const;

interface Step {
  command: SimpleCommand;
  pc: PackageCommand | undefined;
}

export default defineRule<Options>({
  meta: {
    id: 'clean-package-cache',
    codes: ['DL3009', 'DL3019', 'DS-0025', 'DL3032', 'DS-0015', 'DL3040', 'DS-0019', 'DS-0027', 'DL3036', 'DS-0020', 'DL3042', 'DL3060'],
    severity: 'warning',
    category: 'size',
    presets: ['recommended'],
    description: "A RUN in a shipped stage leaves a package manager's cache or index in its layer",
    rationale:
      'Package indexes and download caches (apt lists, `/var/cache/apk`, yum/dnf/zypper caches, the pip and yarn ' +
      'caches) are only needed while installing. Left in a layer they add megabytes to every image, and a later ' +
      'RUN that deletes them cannot shrink the earlier layer. Clean up in the same RUN, use the manager\'s no-cache ' +
      'switch, or keep the cache in a BuildKit cache mount.',
    fixable: 'safe/unsafe',
    fixDescription:
      'apk: inserts `--no-cache` after `add`; pip: inserts `--no-cache-dir` after `install` (safe). apt, yum, dnf, ' +
      'microdnf, tdnf, zypper and yarn: appends the cleanup (`&& rm -rf /var/lib/apt/lists/*`, `&& dnf clean all`, ' +
      '`&& zypper clean --all`, `&& yarn cache clean`) to a shell-form RUN; safe unless a later RUN of the stage or ' +
      'of a stage built on it uses the same manager (it may rely on the index), then unsafe.',
    alsoKnownAs: [
      'kics:df746b39',
      'kics:ae9c56a6',
      'kics:00481784',
      'kics:295acb63',
      'kics:38300d1a',
      'kics:f2f903fb',
      'semgrep:remove-package-lists',
      'semgrep:remove-package-cache',
      'semgrep:missing-apk-no-cache',
      'semgrep:missing-yum-clean-all',
      'semgrep:missing-dnf-clean-all',
      'semgrep:missing-zypper-clean',
      'semgrep:missing-pip-no-cache-dir',
      'dockerfile_lint:no_apt-get_clean',
      'dockerfile_lint:no_yum_clean_all',
      'dockerfile_lint:no_dnf_clean_all',
      'dockerfile_lint:no_gem_clean_all',
      'dockerfile_lint:no_rvm_cleanup_all',
      'dockerfilelint:apt-get_missing_rm',
      'dockerfilelint:apkadd-missing_nocache_or_updaterm',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          managers: { type: 'object', properties: Object.fromEntries(KEYS.map((key) => [key, { type: 'boolean' }])), additionalProperties: false },
          stages: { enum: ['shipped', 'all'] },
          aptRequireClean: { type: 'boolean' },
        },
        additionalProperties: false,
      },
      defaults: { managers: { ...DEFAULTS }, stages: 'shipped', aptRequireClean: false },
      docs: {
        managers:
          'Which managers are checked: `apt`, `apk`, `yum`, `dnf`, `microdnf`, `tdnf`, `zypper`, `pip` (pip and `uv pip`) ' +
          'and `yarn` are on; `npm`, `gem` and `rvm` are off by default.',
        stages: '`"shipped"` checks the stages whose layers end up in a target image (and ONBUILD triggers); `"all"` checks every stage.',
        aptRequireClean:
          'Also require `apt-get clean` (or removing `/var/cache/apt/archives`) after an apt install. Official Debian and ' +
          'Ubuntu images clean the archives automatically, so this is off by default.',
      },
    },
    examples: {
      invalid: [
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n',
        'FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n',
        'FROM python:3.12\nRUN pip install flask==3.0.3\n',
      ],
      valid: [
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n',
        'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n',
        'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3\n',
      ],
    },
  },
  check(context) {
    const { file, options, settings } = context;
    const checked = enabledKeys(options.managers);
    const enabled = (key: Key): boolean => checked.has(key);
    const shipped = file.shippedStages(settings.targets);
    for (const node of file.find('RUN')) {
      if (!node.onbuildParent && options.stages !== 'all' && !(node.stage && shipped.has(node.stage))) continue;
      const found = packageCommands(file, node);
      const commands = analyzeRun(file, node).commands;
      if (found.length === 0 && !(enabled('rvm') && commands.some((command) => rvmCommand(command)))) continue;
      const steps = stepsOf(commands, found);
      const report = (key: string, pc: PackageCommand, remedy: string, fix: Fix | undefined): void => {
        const word = pc.subcommand ?? pc.command.name;
        if (!word) return;
        context.report({ message: `${pc.tool} leaves its cache in this layer; ${remedy}`, range: word.range, codes: CODES[key] ?? [], fix });
      };
      const appendFix = (cleanup: string, manager: (pc: PackageCommand) => boolean): Fix | undefined => {
        const edit = appendToScript(file, node, cleanup);
        if (!edit) return undefined;
        return { edits: [edit], safe: !laterRunUses(file, node, manager), description: `Append ${cleanup}` };
      };
      const insertFix = (pc: PackageCommand, option: string): Fix | undefined => {
        const edit: TextEdit | undefined = pc.subcommand ? insertAfterWord(file, node, pc.command, pc.subcommand, option) : undefined;
        return edit ? { edits: [edit], safe: true, description: `Add ${option}` } : undefined;
      };

      const cacheTools = new Set(found.map(cacheTool));
      // A manager's checks look for its own commands: skip the scans for managers the RUN does not use (pip is keyed by tool).
      const checkedHere = (key: Key): boolean => enabled(key) && cacheTools.has(key);
      if (checkedHere('apt')) checkApt(file, node, steps, options, report, appendFix);
      if (checkedHere('apk')) checkApk(file, node, steps, report, insertFix);
      for (const tool of RPM_TOOLS) {
        if (!checkedHere(tool)) continue;
        const last = lastIndex(steps, (pc) => cacheTool(pc) === tool && fillsCache(pc));
        if (last < 0) continue;
        const dirs = CACHE_DIRS[tool] ?? [];
        if (cleanedAfter(steps, last, (step) => (step.pc !== undefined && cleansCache(step.pc, tool)) || removesAny(step.command, dirs))) continue;
        if (cacheMountCovers(file, node, dirs)) continue;
        const pc = steps[last]?.pc as PackageCommand;
        report(tool, pc, `run ${pc.tool} clean all in the same RUN`, appendFix(`${pc.tool} clean all`, (other) => cacheTool(other) === tool));
      }
      if (checkedHere('zypper')) {
        const last = lastIndex(steps, (pc) => pc.manager === 'zypper' && fillsCache(pc));
        const dirs = CACHE_DIRS.zypper ?? [];
        if (
          last >= 0 &&
          !cleanedAfter(steps, last, (step) => (step.pc !== undefined && cleansCache(step.pc, 'zypper')) || removesAny(step.command, dirs)) &&
          !cacheMountCovers(file, node, dirs)
        ) {
          const pc = steps[last]?.pc as PackageCommand;
          report('zypper', pc, 'run zypper clean --all in the same RUN', appendFix('zypper clean --all', (other) => other.manager === 'zypper'));
        }
      }
      if (enabled('pip')) checkPip(file, node, steps, report, insertFix);
      if (checkedHere('yarn')) {
        const last = lastIndex(steps, (pc) => pc.manager === 'yarn' && fillsCache(pc));
        const pc = steps[last]?.pc;
        const dirs = CACHE_DIRS.yarn ?? [];
        if (
          pc &&
          !cleanedAfter(steps, last, (step) => (step.pc !== undefined && cleansCache(step.pc, 'yarn')) || removesAny(step.command, dirs)) &&
          !cacheMountCovers(file, node, dirs) &&
          !cacheDirIsMount(file, node, pc, 'YARN_CACHE_FOLDER')
        ) {
          report('yarn', pc, 'run yarn cache clean in the same RUN', appendFix('yarn cache clean', (other) => other.manager === 'yarn'));
        }
      }
      if (checkedHere('npm')) {
        const last = lastIndex(steps, (pc) => pc.manager === 'npm' && fillsCache(pc));
        const pc = steps[last]?.pc;
        const dirs = CACHE_DIRS.npm ?? [];
        if (
          pc &&
          !cleanedAfter(steps, last, (step) => (step.pc !== undefined && cleansCache(step.pc, 'npm')) || removesAny(step.command, dirs)) &&
          !cacheMountCovers(file, node, dirs) &&
          !cacheDirIsMount(file, node, pc, 'npm_config_cache')
        ) {
          report('npm', pc, 'run npm cache clean --force in the same RUN', undefined);
        }
      }
      if (checkedHere('gem')) {
        const last = lastIndex(steps, (pc) => pc.manager === 'gem' && fillsCache(pc));
        const pc = steps[last]?.pc;
        if (
          pc &&
          !cleanedAfter(steps, last, (step) => (step.pc !== undefined && cleansCache(step.pc, 'gem')) || rmRemovesMatching(step.command, isGemCachePath))
        ) {
          report('gem', pc, 'run gem cleanup or remove the gem cache in the same RUN', undefined);
        }
      }
      if (enabled('rvm')) {
        const last = steps.findLastIndex((step) => rvmCommand(step.command) === 'install');
        const step = steps[last];
        if (step?.command.name && !steps.slice(last + 1).some((later) => rvmCommand(later.command) === 'cleanup')) {
          context.report({ message: 'rvm leaves its cache in this layer; run rvm cleanup all in the same RUN', range: step.command.name.range, codes: [] });
        }
      }
    }
  },
});

/** Each command of a RUN with its package command (the last one recognised in it, if several). */
function stepsOf(commands: readonly SimpleCommand[], found: readonly PackageCommand[]): Step[] {
  // A RUN has a few package commands: searching them beats building a map for every RUN.
  const steps: Step[] = [];
  for (const command of commands) {
    let pc: PackageCommand | undefined;
    for (const each of found) if (each.command === command) pc = each;
    steps.push({ command, pc });
  }
  return steps;
}

type Report = (key: string, pc: PackageCommand, remedy: string, fix: Fix | undefined) => void;

function lastIndex(steps: readonly Step[], test: (pc: PackageCommand) => boolean): number {
  return steps.findLastIndex((step) => step.pc !== undefined && test(step.pc));
}

function cleanedAfter(steps: readonly Step[], index: number, test: (step: Step) => boolean): boolean {
  for (let k = index + 1; k < steps.length; k++) if (test(steps[k] as Step)) return true;
  return false;
}

function checkApt(
  file: BuildFile,
  node: InstructionNode,
  steps: readonly Step[],
  options: Options,
  report: Report,
  appendFix: (cleanup: string, manager: (pc: PackageCommand) => boolean) => Fix | undefined,
): void {
  const isApt = (pc: PackageCommand): boolean => pc.manager === 'apt';
  const lists = CACHE_DIRS['apt-lists'] ?? [];
  const last = lastIndex(steps, (pc) => isApt(pc) && fillsCache(pc));
  if (last >= 0 && !cacheMountCovers(file, node, lists)) {
    const cleaned = cleanedAfter(steps, last, (step) => removesAny(step.command, lists) || (step.pc !== undefined && cleansCache(step.pc, 'apt')));
    if (!cleaned) report('apt', steps[last]?.pc as PackageCommand, 'remove /var/lib/apt/lists/* in the same RUN', appendFix('rm -rf /var/lib/apt/lists/*', isApt));
  }
  if (!options.aptRequireClean) return;
  const install = lastIndex(steps, (pc) => isApt(pc) && verb(pc) === 'install');
  if (install < 0 || cacheMountCovers(file, node, CACHE_DIRS['apt-archives'] ?? [])) return;
  const cleaned = cleanedAfter(steps, install, (step) => removesAny(step.command, ['/var/cache/apt/archives']) || (step.pc !== undefined && isAptClean(step.pc)));
  if (!cleaned) report('apt-clean', steps[install]?.pc as PackageCommand, 'run apt-get clean in the same RUN', appendFix('apt-get clean', isApt));
}

function checkApk(file: BuildFile, node: InstructionNode, steps: readonly Step[], report: Report, insertFix: (pc: PackageCommand, option: string) => Fix | undefined): void {
  const dirs = CACHE_DIRS.apk ?? [];
  if (!steps.some((step) => step.pc?.manager === 'apk')) return;
  if (cacheMountCovers(file, node, dirs)) return;
  const lastRemoval = steps.findLastIndex((step) => removesAny(step.command, dirs));
  steps.forEach((step, index) => {
    const pc = step.pc;
    if (!pc || pc.manager !== 'apk') return;
    const sub = verb(pc);
    if (sub !== 'add' && sub !== 'update') return;
    if (lastRemoval > index) return;
    if (sub === 'add') {
      if (!disablesCache(pc)) report('apk', pc, 'add --no-cache', insertFix(pc, '--no-cache'));
      return;
    }
    // `apk update` followed by adds: the adds carry the finding (or use --no-cache).
    const laterAdds = steps.slice(index + 1).filter((later) => later.pc?.manager === 'apk' && verb(later.pc) === 'add');
    if (laterAdds.length === 0) report('apk', pc, 'remove /var/cache/apk/* in the same RUN or use apk add --no-cache', undefined);
  });
}

function checkPip(file: BuildFile, node: InstructionNode, steps: readonly Step[], report: Report, insertFix: (pc: PackageCommand, option: string) => Fix | undefined): void {
  if (!steps.some((step) => step.pc?.manager === 'pip')) return;
  const configuredEarlier = earlierChainRuns(file, node).some((run) => packageCommands(file, run).some((pc) => isPipNoCacheConfig(pc)));
  steps.forEach((step, index) => {
    const pc = step.pc;
    if (!pc || pc.manager !== 'pip' || !fillsCache(pc)) return;
    const tool = cacheTool(pc);
    if (tool !== 'pip' && tool !== 'uv') return;
    if (disablesCache(pc)) return;
    const dirs = CACHE_DIRS[tool] ?? [];
    if (cacheMountCovers(file, node, dirs)) return;
    const later = steps.slice(index + 1);
    if (tool === 'uv') {
      if (envTruthy(file, node, pc.command, 'UV_NO_CACHE')) return;
      if (later.some((each) => isUvCacheClean(each.command) || removesAny(each.command, dirs))) return;
      if (cacheDirIsMount(file, node, pc, 'UV_CACHE_DIR')) return;
      report('uv', pc, 'add --no-cache', insertFix(pc, '--no-cache'));
      return;
    }
    if (envTruthy(file, node, pc.command, 'PIP_NO_CACHE_DIR')) return;
    if (configuredEarlier || steps.slice(0, index).some((each) => each.pc !== undefined && isPipNoCacheConfig(each.pc))) return;
    if (later.some((each) => (each.pc !== undefined && cleansCache(each.pc, 'pip')) || removesAny(each.command, dirs))) return;
    if (cacheDirIsMount(file, node, pc, 'PIP_CACHE_DIR')) return;
    report('pip', pc, 'add --no-cache-dir', insertFix(pc, '--no-cache-dir'));
  });
}

/** A cache directory given by option or environment variable that is one of the RUN's cache mounts. */
function cacheDirIsMount(file: BuildFile, node: InstructionNode, pc: PackageCommand, variable: string): boolean {
  const option = cacheDirOption(pc);
  if (option !== undefined && isMountTarget(file, node, option)) return true;
  const inline = pc.command.assignments.find((assignment) => assignment.name === variable)?.value?.value;
  if (inline !== undefined) return isMountTarget(file, node, inline);
  const found = file.scope(node).lookup(variable);
  return found?.known === true && found.value !== '' && isMountTarget(file, node, found.value);
}

/** Whether a later RUN of the stage, or of a stage built on it, uses the same manager. */
function laterRunUses(file: BuildFile, node: InstructionNode, manager: (pc: PackageCommand) => boolean): boolean {
  const stage = node.stage;
  if (!stage || node.onbuildParent) return false;
  const descendants = file.stages.filter((each: Stage) => each !== stage && file.chain(each).includes(stage));
  const runs = [
    ...stage.instructions.filter((each) => each.keyword === 'RUN' && each.index > node.index),
    ...descendants.flatMap((each) => each.instructions.filter((i) => i.keyword === 'RUN')),
  ];
  return runs.some((run) => packageCommands(file, run).some(manager));
}

/**
 * What `/(?:gems?|\.gem|bundle)\/(?:.*\/)?cache|cache\/.*\.gem/` matched, in linear time (that
 * regex backtracks quadratically on a long path repeating `gem/`): a gem or bundle directory
 * with a `cache` below it, or a `.gem` file below a `cache` directory.
 */
function isGemCachePath(path: string): boolean {
  const dir = /(?:gems?|bundle)\//.exec(path);
  if (dir) {
    const after = dir.index + dir[0].length;
    if (path.startsWith('cache', after) || path.includes('/cache', after)) return true;
  }
  const cache = path.indexOf('cache/');
  return cache !== -1 && path.includes('.gem', cache + 'cache/'.length);
}
