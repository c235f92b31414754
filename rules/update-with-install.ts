import { defineRule, type RelatedLocation } from '../src/engine/types.js';
import { CACHE_DIRS, cacheMountCovers } from '../src/shell/package-managers/cache.js';
import { packageCommands } from '../src/shell/package-managers/index.js';
import { aptInstallUpdates, cacheTool, crossInstallFamily, indexFamily, isIndexRefresh, isInstallLike, needsAptLists, verb, type IndexFamily } from '../src/shell/package-managers/queries.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { SimpleCommand } from '../src/shell/types.js';

interface Options {
  rpmUpdateIsRefresh: boolean;
}

export default defineRule<Options>({
  meta: {
    id: 'update-with-install',
    codes: ['DS-0017', 'CKV_DOCKER_5'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A package index update and the install that depends on it are in different RUNs',
    rationale:
      'Docker caches each RUN layer by its text. A RUN that only refreshes the package index is reused from ' +
      'cache long after the index went stale, so a later RUN installs from outdated lists, or fails because ' +
      'the packages have moved. An install with no refresh in its own RUN depends on lists an earlier layer ' +
      'left behind, or finds none (Debian and Ubuntu images ship without lists). Refresh and install in one RUN.',
    fixable: undefined,
    alsoKnownAs: ['kics:9bae49be', 'dockerfilelint:apt-get-update_require_install', 'cis:4.7'],
    options: {
      schema: { type: 'object', properties: { rpmUpdateIsRefresh: { type: 'boolean' } }, additionalProperties: false },
      defaults: { rpmUpdateIsRefresh: false },
      docs: {
        rpmUpdateIsRefresh:
          'Also treat `yum|dnf update|upgrade` without package arguments as an index refresh (as Trivy does), so a RUN ' +
          'with nothing else is reported.',
      },
    },
    examples: {
      invalid: [
        'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n',
      ],
      valid: ['FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    const loneUpdates = new Map<unknown, RelatedLocation>();
    for (const node of file.find('RUN')) {
      const pcs = packageCommands(file, node);
      // Read only for a refresh with no install after it in the same RUN: built on that first use.
      let crossInstalls: Set<IndexFamily> | undefined;
      pcs.forEach((pc, index) => {
        const family = indexFamily(pc);
        if (!family || !pc.subcommand) return;
        if (aptInstallUpdates(pc)) return;
        if (isIndexRefresh(pc, options.rpmUpdateIsRefresh)) {
          const installed = pcs.slice(index + 1).some((later) => indexFamily(later) === family && isInstallLike(later) && !isIndexRefresh(later, options.rpmUpdateIsRefresh));
          if (installed) return;
          crossInstalls ??= crossInstallFamilies(analyzeRun(file, node).commands);
          if (crossInstalls.has(family)) return;
          // A refresh into a cache mount warms the cache for later RUNs; it leaves no stale layer.
          const dirs = family === 'apt' ? CACHE_DIRS['apt-lists'] : CACHE_DIRS[cacheTool(pc)];
          if (dirs && cacheMountCovers(file, node, dirs)) return;
          context.report({
            message: `${pc.tool} ${verb(pc)} runs in its own RUN; install in the same RUN so the index is not stale`,
            range: pc.subcommand.range,
            codes: ['DS-0017', 'CKV_DOCKER_5'],
          });
          if (family === 'apt' && node.stage && !node.onbuildParent && !loneUpdates.has(node.stage)) {
            loneUpdates.set(node.stage, { range: pc.subcommand.range, message: 'The index is refreshed in this earlier RUN' });
          }
          return;
        }
        if (!needsAptLists(pc)) return;
        const updated = pcs.slice(0, index).some((earlier) => indexFamily(earlier) === 'apt' && isIndexRefresh(earlier));
        if (updated || cacheMountCovers(file, node, CACHE_DIRS['apt-lists'] ?? [])) return;
        const related = node.stage && !node.onbuildParent ? loneUpdates.get(node.stage) : undefined;
        context.report({
          message: `${pc.tool} ${verb(pc)} runs without 'apt-get update' in the same RUN; the package lists may be empty or stale`,
          range: pc.subcommand.range,
          codes: [],
          ...(related ? { related: [related] } : {}),
        });
      });
    }
  },
});

/** The families that cross-compilation wrappers (`xx-apt-get install`, `xx-apk add`) of a RUN install into. */
function crossInstallFamilies(commands: readonly SimpleCommand[]): Set<IndexFamily> {
  const families = new Set<IndexFamily>();
  for (const command of commands) {
    const family = crossInstallFamily(command);
    if (family !== undefined) families.add(family);
  }
  return families;
}
