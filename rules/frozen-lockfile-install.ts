import { defineRule, type Fix } from '../src/engine/types.js';
import type { InstructionNode } from '../src/model/types.js';
import { allPackageCommands } from '../src/shell/package-config.js';
import type { PackageCommand } from '../src/shell/package-managers/index.js';

interface Options {
  pipRequireHashes: boolean;
}

/** `yarn --version`, `bundle -v`: bare invocations that only print information. */
const INFO_OPTIONS = ['--version', '-v', '-V', '--help', '-h'];

/** A `NAME=true` given to this command (`BUNDLE_FROZEN=true bundle install`, `env CI=1 pnpm install`). */
function assigned(command: PackageCommand, name: string, value: RegExp): boolean {
  return command.command.assignments.some((assignment) => assignment.name === name && value.test(assignment.value?.value ?? ''));
}

function has(command: PackageCommand, ...names: string[]): boolean {
  return command.options.some((option) => names.includes(option.name));
}

function chainEnvTrue(file: Parameters<typeof allPackageCommands>[0], node: InstructionNode, names: string[]): boolean {
  const scope = file.scope(node);
  return names.some((name) => {
    const value = scope.lookup(name);
    return value?.known === true && /^(?:true|1)$/i.test(value.value);
  });
}

export default defineRule<Options>({
  meta: {
    id: 'frozen-lockfile-install',
    codes: [],
    severity: 'info',
    category: 'reproducibility',
    presets: ['all'],
    description: 'A dependency install that may change or ignore the lockfile',
    rationale:
      '`npm install`, `yarn install`, `bundle install` and `composer update` resolve versions again when the lockfile ' +
      'and the manifest disagree, so the image gets dependencies nobody reviewed. The frozen forms fail instead.',
    fixable: 'unsafe',
    fixDescription:
      'Rewrites `npm install` to `npm ci` and `composer update` to `composer install`. Unsafe: `npm ci` fails without ' +
      'a lockfile, and `composer install` no longer picks up new versions.',
    options: {
      schema: { type: 'object', properties: { pipRequireHashes: { type: 'boolean' } }, additionalProperties: false },
      defaults: { pipRequireHashes: false },
      docs: { pipRequireHashes: 'Also report `pip install -r <file>` without `--require-hashes`.' },
    },
    examples: {
      invalid: ['FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nUSER node\n'],
      valid: ['FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nUSER node\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    let bundleFrozenConfigured = false;
    for (const node of file.find('RUN')) {
      for (const command of allPackageCommands(file, node)) {
        if (!command.command.complete) continue;
        const sub = command.subcommand;
        const report = (what: string, instead: string, fix?: Fix): void => {
          context.report({
            message: `${what} may change or ignore the lockfile; use ${instead}`,
            range: (sub ?? command.command.name ?? command.command).range,
            codes: [],
            ...(fix ? { fix } : {}),
          });
        };
        const verb = sub?.value;
        switch (command.tool) {
          case 'npm':
            if ((verb === 'install' || verb === 'i') && command.packages.length === 0 && sub) {
              report(`npm ${verb}`, 'npm ci', { edits: [{ range: sub.range, text: 'ci' }], safe: false, description: 'Use npm ci' });
            }
            break;
          case 'yarn':
            if (verb === undefined && has(command, ...INFO_OPTIONS)) break;
            if ((verb === undefined || verb === 'install') && !has(command, '--frozen-lockfile', '--immutable')) {
              report(verb === undefined ? 'yarn' : 'yarn install', 'yarn install --frozen-lockfile (or --immutable on Yarn 2+)');
            }
            break;
          case 'pnpm':
            // pnpm turns --frozen-lockfile on by itself when CI is set.
            if ((verb === 'install' || verb === 'i') && !has(command, '--frozen-lockfile') && !assigned(command, 'CI', /./) && !chainEnvTrue(file, node, ['CI'])) {
              report(`pnpm ${verb}`, 'pnpm install --frozen-lockfile');
            }
            break;
          case 'bundle':
          case 'bundler': {
            if (verb === 'config') {
              const words = command.command.args.map((word) => word.value);
              if (words.some((word) => word === 'frozen' || word === 'deployment') && words.some((word) => /^(?:true|1)$/.test(word))) bundleFrozenConfigured = true;
              if (words.some((word) => /^--(?:frozen|deployment)(?:=true)?$/.test(word))) bundleFrozenConfigured = true;
              break;
            }
            if (verb !== undefined && verb !== 'install') break;
            if (verb === undefined && has(command, ...INFO_OPTIONS)) break;
            if (assigned(command, 'BUNDLE_FROZEN', /^(?:true|1)$/i) || assigned(command, 'BUNDLE_DEPLOYMENT', /^(?:true|1)$/i)) break;
            if (bundleFrozenConfigured || has(command, '--frozen', '--deployment')) break;
            if (chainEnvTrue(file, node, ['BUNDLE_FROZEN', 'BUNDLE_DEPLOYMENT'])) break;
            report(verb === undefined ? 'bundle' : 'bundle install', 'bundle install with BUNDLE_FROZEN=true (or --deployment)');
            break;
          }
          case 'composer':
            if (verb === 'update' || verb === 'upgrade' || verb === 'u') {
              if (sub) report(`composer ${verb}`, 'composer install', { edits: [{ range: sub.range, text: 'install' }], safe: false, description: 'Use composer install' });
            }
            break;
          case 'uv':
            if (verb === 'sync' && !has(command, '--locked', '--frozen')) report('uv sync', 'uv sync --locked');
            break;
          default:
            if (command.manager === 'pip' && options.pipRequireHashes && verb === 'install' && has(command, '-r', '--requirement') && !has(command, '--require-hashes')) {
              report(`${command.tool} install -r`, `${command.tool} install --require-hashes -r`);
            }
        }
      }
    }
  },
});
