import { defineRule } from '../src/engine/types.js';
import { globToRegExp, packageCommands } from '../src/shell/package-managers/index.js';
import { apkVirtualName, removedPackageNames } from '../src/shell/package-managers/queries.js';

interface Options {
  packages: string[];
}

const DEFAULT_PACKAGES = [
  'build-essential',
  'gcc',
  'g++',
  'clang',
  'make',
  'cmake',
  'autoconf',
  'automake',
  'libtool',
  'pkg-config',
  '*-dev',
  '*-devel',
  'golang',
  'rustc',
  'cargo',
  'maven',
  'gradle',
];

const OS_MANAGERS = new Set(['apt', 'apk', 'yum', 'dnf', 'zypper']);

export default defineRule<Options>({
  meta: {
    id: 'no-build-tools-in-final-stage',
    codes: [],
    severity: 'info',
    category: 'size',
    presets: ['all'],
    description: 'A multi-stage build still installs compilers or development packages in the final image',
    rationale:
      'A multi-stage build exists so that compilers, headers and build systems stay in a builder stage. ' +
      'Installed in a shipped stage, they make the image larger and give an attacker a toolchain.',
    fixable: undefined,
    alsoKnownAs: ['cis:4.3'],
    options: {
      schema: { type: 'object', properties: { packages: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
      defaults: { packages: DEFAULT_PACKAGES },
      docs: { packages: 'Package names or globs that count as build tools.' },
    },
    examples: {
      invalid: [
        'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /app /app\n',
      ],
      valid: [
        'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates=20230311 && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /app /app\n',
      ],
    },
  },
  check(context) {
    const { file, options, settings } = context;
    if (file.stages.length < 2) return;
    const patterns = options.packages.map((glob) => globToRegExp(glob));
    const shipped = file.shippedStages(settings.targets);
    for (const node of file.find('RUN', { triggers: false })) {
      if (!node.stage || !shipped.has(node.stage)) continue;
      const pcs = packageCommands(file, node);
      pcs.forEach((pc, index) => {
        if (!OS_MANAGERS.has(pc.manager) || pc.action !== 'install') return;
        const later = pcs.slice(index + 1);
        const removed = new Set(later.flatMap((each) => removedPackageNames(each)));
        const virtual = apkVirtualName(pc);
        if (virtual !== undefined && removed.has(virtual)) return;
        for (const pkg of pc.packages) {
          if (!pkg.known || !patterns.some((pattern) => pattern.test(pkg.name))) continue;
          if (removed.has(pkg.name)) continue;
          context.report({
            message: `Build tool '${pkg.name}' is installed in the final image; build in an earlier stage and copy the result`,
            range: pkg.word.range,
            codes: [],
          });
        }
      });
    }
  },
});
