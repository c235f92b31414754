import { defineRule } from '../src/engine/types.js';
import { CACHE_DIRS, SUGGESTED_CACHE_DIR, cacheMountCovers } from '../src/shell/package-managers/cache.js';
import { packageCommands, type PackageCommand } from '../src/shell/package-managers/index.js';
import { cacheTool, verb } from '../src/shell/package-managers/queries.js';

type Key = 'apt' | 'apk' | 'yum' | 'dnf' | 'zypper' | 'pip' | 'npm' | 'yarn' | 'pnpm' | 'go' | 'cargo';

interface Options {
  managers: Partial<Record<Key, boolean>>;
}

const KEYS: readonly Key[] = ['apt', 'apk', 'yum', 'dnf', 'zypper', 'pip', 'npm', 'yarn', 'pnpm', 'go', 'cargo'];

/** The option key and cache directories of an install-like command, if it is one. */
function installCache(pc: PackageCommand): { key: Key; dirs: readonly string[] } | undefined {
  const sub = verb(pc);
  switch (pc.manager) {
    case 'apt':
      return pc.tool !== 'aptitude' && sub === 'install' ? { key: 'apt', dirs: [...(CACHE_DIRS['apt-archives'] ?? []), ...(CACHE_DIRS['apt-lists'] ?? [])] } : undefined;
    case 'apk':
      return sub === 'add' ? { key: 'apk', dirs: CACHE_DIRS.apk ?? [] } : undefined;
    case 'yum':
    case 'dnf':
      return sub === 'install' ? { key: pc.manager, dirs: CACHE_DIRS[cacheTool(pc)] ?? [] } : undefined;
    case 'zypper':
      return sub === 'install' || sub === 'in' ? { key: 'zypper', dirs: CACHE_DIRS.zypper ?? [] } : undefined;
    case 'pip': {
      const tool = cacheTool(pc);
      return (tool === 'pip' || tool === 'uv') && sub === 'install' ? { key: 'pip', dirs: CACHE_DIRS[tool] ?? [] } : undefined;
    }
    case 'npm':
      return pc.action === 'install' && (sub === 'install' || sub === 'i' || sub === 'ci') ? { key: 'npm', dirs: CACHE_DIRS.npm ?? [] } : undefined;
    case 'yarn':
      return pc.subcommand === undefined || sub === 'install' ? { key: 'yarn', dirs: CACHE_DIRS.yarn ?? [] } : undefined;
    case 'pnpm':
      return sub === 'install' || sub === 'i' ? { key: 'pnpm', dirs: CACHE_DIRS.pnpm ?? [] } : undefined;
    case 'go': {
      const second = pc.command.args.find((word) => word !== pc.subcommand && !word.value.startsWith('-'));
      return sub === 'build' || (sub === 'mod' && second?.value === 'download') ? { key: 'go', dirs: CACHE_DIRS.go ?? [] } : undefined;
    }
    case 'cargo':
      return sub === 'build' || sub === 'install' ? { key: 'cargo', dirs: CACHE_DIRS.cargo ?? [] } : undefined;
    default:
      return undefined;
  }
}

export default defineRule<Options>({
  meta: {
    id: 'prefer-cache-mounts',
    codes: [],
    severity: 'info',
    category: 'maintainability',
    presets: ['all'],
    description: 'A package install could use a BuildKit cache mount',
    rationale:
      'With `RUN --mount=type=cache,target=<cache dir>`, downloads are kept between builds in a BuildKit cache ' +
      'instead of the layer: rebuilds are faster and the image carries no cache.',
    fixable: undefined,
    options: {
      schema: {
        type: 'object',
        properties: {
          managers: { type: 'object', properties: Object.fromEntries(KEYS.map((key) => [key, { type: 'boolean' }])), additionalProperties: false },
        },
        additionalProperties: false,
      },
      defaults: { managers: Object.fromEntries(KEYS.map((key) => [key, true])) },
      docs: { managers: `Which tools are checked: ${KEYS.map((key) => `\`${key}\``).join(', ')}. All on by default.` },
    },
    examples: {
      invalid: ['FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3\n'],
      valid: ['FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const node of file.find('RUN')) {
      if (node.stage?.windows) continue;
      for (const pc of packageCommands(file, node)) {
        const found = installCache(pc);
        if (!found || options.managers[found.key] === false) continue;
        if (cacheMountCovers(file, node, found.dirs)) continue;
        const word = pc.subcommand ?? pc.command.name;
        if (!word) continue;
        const dir = SUGGESTED_CACHE_DIR[found.key] ?? found.dirs[0] ?? '';
        context.report({ message: `Consider RUN --mount=type=cache,target=${dir} for ${pc.tool}`, range: word.range, codes: [] });
      }
    }
  },
});
