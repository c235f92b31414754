import { defineRule } from '../src/engine/types.js';
import { globToRegExp, packageCommands, type ManagerKey, type PackageWord } from '../src/shell/package-managers/index.js';

interface Options {
  managers: Partial<Record<ManagerKey, boolean>>;
  allow: string[];
  exactOnly: boolean;
}

const MANAGERS: readonly ManagerKey[] = ['apt', 'pip', 'npm', 'yarn', 'pnpm', 'apk', 'gem', 'yum', 'dnf', 'zypper', 'go', 'cargo', 'composer', 'conda'];

/** The hadolint code of each manager's pinning check; the others have none. */
const CODES: Partial<Record<ManagerKey, string>> = {
  apt: 'DL3008',
  pip: 'DL3013',
  npm: 'DL3016',
  apk: 'DL3018',
  gem: 'DL3028',
  yum: 'DL3033',
  zypper: 'DL3037',
  dnf: 'DL3041',
  go: 'DL3062',
};

/** How each manager spells a pinned package, for the message. */
const EXAMPLES: Record<ManagerKey, (name: string) => string> = {
  apt: (name) => `${name}=<version>`,
  pip: (name) => `${name}==<version>`,
  npm: (name) => `${name}@<version>`,
  yarn: (name) => `${name}@<version>`,
  pnpm: (name) => `${name}@<version>`,
  apk: (name) => `${name}=<version>`,
  gem: (name) => `${name}:<version>`,
  yum: (name) => `${name}-<version>`,
  dnf: (name) => `${name}-<version>`,
  zypper: (name) => `${name}=<version>`,
  go: (name) => `${name}@<version>`,
  cargo: (name) => `${name}@<version>`,
  composer: (name) => `${name}:<version>`,
  conda: (name) => `${name}=<version>`,
};

const DEFAULT_MANAGERS: Record<ManagerKey, boolean> = {
  apt: true,
  pip: true,
  npm: true,
  yarn: true,
  pnpm: true,
  apk: true,
  gem: true,
  yum: true,
  dnf: true,
  zypper: true,
  go: true,
  cargo: false,
  composer: false,
  conda: false,
};

/** How a VCS reference is pinned, per manager. */
const VCS_EXAMPLES: Partial<Record<ManagerKey, (text: string) => string>> = {
  pip: (text) => `${text.replace(/#.*$/s, '')}@<ref>`,
  npm: (text) => `${text.replace(/#.*$/s, '')}#<commit>`,
  yarn: (text) => `${text.replace(/#.*$/s, '')}#<commit>`,
  pnpm: (text) => `${text.replace(/#.*$/s, '')}#<commit>`,
  cargo: (text) => `--git ${text} --rev <commit>`,
};

function example(manager: ManagerKey, pkg: PackageWord): string {
  const vcs = pkg.vcs ? VCS_EXAMPLES[manager] : undefined;
  return vcs ? vcs(pkg.text) : EXAMPLES[manager](exampleBase(pkg));
}

/** The text to show in `e.g.`: the package name with pip extras or an apt architecture kept. */
function exampleBase(pkg: PackageWord): string {
  // Keep pip extras and apt/dnf architectures, which the name part drops.
  const extras = /^[^[\]]+(\[[^\]]*\])/.exec(pkg.text)?.[1] ?? '';
  const arch = /^[^:=/]+(:[A-Za-z0-9_-]+)$/.exec(pkg.text)?.[1] ?? '';
  return `${pkg.name}${extras}${arch}`;
}

/** The managers switch per option object: the same object is passed for every file linted with a config. */
const checkedManagerTables = new WeakMap<Options['managers'], Record<ManagerKey, boolean>>();

function checkedManagers(configured: Options['managers']): Record<ManagerKey, boolean> {
  let managers = checkedManagerTables.get(configured);
  if (managers === undefined) {
    managers = { ...DEFAULT_MANAGERS, ...configured };
    checkedManagerTables.set(configured, managers);
  }
  return managers;
}

export default defineRule<Options>({
  meta: {
    id: 'pinned-versions',
    codes: ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028', 'DL3033', 'DL3037', 'DL3041', 'DL3062'],
    severity: 'warning',
    category: 'reproducibility',
    presets: ['recommended'],
    description: 'A package manager or installer installs a package without pinning its version',
    rationale:
      'An unpinned package installs whatever version the repository serves on the day of the build, so two ' +
      'builds of the same build file can ship different software, and an upstream release can break the image ' +
      'without any change in the repository. Pinning makes builds repeatable and upgrades deliberate, and keeps ' +
      'layer caching honest. Each package manager has its own pinning syntax (`curl=<version>`, ' +
      '`flask==<version>`, `express@<version>`, ...). Pinned apt versions can disappear from mirrors: teams that ' +
      'prefer snapshot mirrors can turn off just `DL3008`.',
    fixable: undefined,
    alsoKnownAs: ['kics:965a08d7', 'kics:d3499f6d', 'kics:02d9c71f', 'kics:e36d8880', 'kics:22cd11f7', 'kics:6452c424', 'kics:93d88cf7', 'kics:562952e4', 'cis:4.7'],
    options: {
      schema: {
        type: 'object',
        properties: {
          managers: {
            type: 'object',
            properties: Object.fromEntries(MANAGERS.map((manager) => [manager, { type: 'boolean' }])),
            additionalProperties: false,
          },
          allow: { type: 'array', items: { type: 'string' } },
          exactOnly: { type: 'boolean' },
        },
        additionalProperties: false,
      },
      defaults: { managers: { ...DEFAULT_MANAGERS }, allow: [], exactOnly: false },
      docs: {
        managers:
          'Which package managers are checked, by family: `apt` (apt-get, apt, aptitude), `pip` (pip, `python -m pip`, ' +
          'pipx, `uv pip`), `npm`, `yarn`, `pnpm`, `apk`, `gem`, `yum`, `dnf` (dnf, microdnf, tdnf), `zypper`, `go`, ' +
          '`cargo`, `composer`, `conda` (conda, mamba, micromamba). `cargo`, `composer` and `conda` are off by default.',
        allow: 'Package names (exact or glob, e.g. `pip`, `setuptools`, `ca-certificates`, `py3-*`) that are never reported.',
        exactOnly:
          'Require an exact version: version ranges (`flask>=2`, `express@^4`, `git~2.40`), wildcards and dist-tags ' +
          '(`express@next`) count as unpinned. Files, paths and commits still count as pinned.',
      },
    },
    examples: {
      invalid: [
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
        'FROM python:3.12\nRUN pip install --no-cache-dir flask\n',
        'FROM node:22\nRUN npm install -g express@latest\n',
        'FROM alpine:3.20\nRUN apk add --no-cache git\n',
        'FROM ruby:3.3\nRUN gem install --no-document rails\n',
        'FROM centos:7\nRUN yum install -y httpd\n',
        'FROM fedora:40\nRUN dnf install -y python3-devel\n',
        'FROM opensuse/leap:15.6\nRUN zypper install -y curl\n',
        'FROM golang:1.23\nRUN go install golang.org/x/tools/cmd/goimports@latest\n',
        'FROM debian:12\nARG PKGS="curl wget"\nRUN apt-get install -y $PKGS\n',
        'FROM python:3.12\nRUN sudo -H pip3 install "flask[async]"\n',
      ],
      valid: [
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n',
        'FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3 -r requirements.txt\n',
        'FROM python:3.12\nRUN pip install -c constraints.txt flask\n',
        'FROM node:22\nRUN npm install -g express@4.19.2 && npm ci\n',
        'FROM alpine:3.20\nRUN apk add --no-cache git=2.45.2-r0 --virtual .build-deps\n',
        'FROM ruby:3.3\nRUN gem install --no-document rails:7.1.3\n',
        'FROM ruby:3.3\nRUN gem install -v 7.1.3 rails\n',
        'FROM centos:7\nRUN yum install -y httpd-2.4.6 @development\n',
        'FROM fedora:40\nRUN dnf install -y "dnf-command(config-manager)" gcc-c++-11.3.1\n',
        'FROM opensuse/leap:15.6\nRUN zypper install -y "curl>=8" && zypper install -t pattern devel_basis\n',
        'FROM golang:1.23\nRUN go install golang.org/x/tools/cmd/goimports@v0.24.0 && go run main.go\n',
        'FROM debian:12\nARG CURL_VERSION\nRUN apt-get install -y curl=${CURL_VERSION} && apt-get download install\n',
      ],
    },
  },
  check(context) {
    const { file, options } = context;
    const managers = checkedManagers(options.managers);
    const allow = options.allow.map(globToRegExp);
    const allowed = (pkg: PackageWord): boolean => allow.some((pattern) => pattern.test(pkg.name) || pattern.test(pkg.text));
    for (const node of file.find('RUN')) {
      for (const command of packageCommands(file, node)) {
        if (!managers[command.manager] || !command.checkPins) continue;
        const code = CODES[command.manager];
        for (const pkg of command.packages) {
          if (options.exactOnly ? pkg.exact : pkg.pinned) continue;
          if (allowed(pkg)) continue;
          
          const suffix = pkg.note ? `; ${pkg.note}` : '';
          context.report({
            message: `Pin the version of ${command.manager} package '${pkg.text}' (e.g. ${example(command.manager, pkg)})${suffix}`,
            range: pkg.word.range,
            codes: code ? [code] : [],
          });
        }
      }
    }
  },
});
