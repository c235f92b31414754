import { defineRule } from '../src/engine/types.js';
import type { Range } from '../src/model/types.js';
import { findUrls, hostMatches, parseUrl } from '../src/shell/downloads.js';
import { allFileWrites } from '../src/shell/file-writes.js';
import { packageCommands } from '../src/shell/package-managers/index.js';
import { fetchSources, type FetchKind } from '../src/shell/sources.js';

interface Options {
  allowedSources: string[];
}

const PACKAGE_KINDS: ReadonlySet<FetchKind> = new Set(['pip-index', 'npm-registry', 'goproxy', 'gem-source', 'apt-source', 'rpm-repo', 'apk-repo', 'zypper-repo']);

/** The ecosystems' own default sources: setting them adds nothing. */
const DEFAULT_HOSTS = [
  'pypi.org', 'pypi.python.org', 'files.pythonhosted.org', 'registry.npmjs.org', 'registry.yarnpkg.com', 'proxy.golang.org',
  'rubygems.org', 'index.rubygems.org',
  // Distribution defaults (a source line that names them adds no new publisher).
  'deb.debian.org', 'security.debian.org', 'archive.debian.org', 'ftp.debian.org', 'ftp.*.debian.org', 'httpredir.debian.org',
  'archive.ubuntu.com', '*.archive.ubuntu.com', 'security.ubuntu.com', 'ports.ubuntu.com', 'old-releases.ubuntu.com',
  'dl-cdn.alpinelinux.org', 'mirror.centos.org', 'vault.centos.org', 'mirrors.fedoraproject.org', 'download.fedoraproject.org',
];

function sourceFileKind(path: string): 'apt' | 'rpm' | 'apk' | undefined {
  if (/^\/etc\/apt\/sources\.list(?:\.d\/.*)?$/.test(path)) return 'apt';
  if (/^\/etc\/yum\.repos\.d\//.test(path) || /^\/etc\/zypp\/repos\.d\//.test(path)) return 'rpm';
  if (path === '/etc/apk/repositories') return 'apk';
  return undefined;
}

export default defineRule<Options>({
  meta: {
    id: 'no-untrusted-package-sources',
    codes: [],
    severity: 'warning',
    category: 'security',
    presets: ['all'],
    description: 'A package source or index is added outside the distribution and ecosystem defaults',
    rationale:
      'Every extra repository or index can serve any package the build installs. An extra index next to the default ' +
      'one (`--extra-index-url`) even lets a public package with an internal name win (dependency confusion). Review ' +
      'each added source and list the trusted ones in `allowedSources`.',
    fixable: undefined,
    securitySeverity: 5.3,
    alsoKnownAs: ['dockerfile_lint:no_epel', 'cis:4.2', 'cis:4.11'],
    options: {
      schema: { type: 'object', properties: { allowedSources: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
      defaults: { allowedSources: [] },
      docs: { allowedSources: 'Host globs of trusted sources (e.g. `pypi.org`, `*.internal.example.com`).' },
    },
    examples: {
      invalid: ['FROM python:3.13-slim\nRUN pip install --no-cache-dir --extra-index-url https://pkgs.example.com/simple app==1.2.0\nUSER nobody\n'],
      valid: ['FROM python:3.13-slim\nRUN pip install --no-cache-dir app==1.2.0\nUSER nobody\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    const seen = new Set<string>();
    const report = (source: string, range: Range): void => {
      const key = `${range.start.line}:${range.start.character}`;
      if (seen.has(key)) return;
      seen.add(key);
      context.report({ message: `Package source '${source}' is added; make sure it is trusted (extra indexes allow dependency confusion)`, range, codes: [] });
    };
    const trusted = (value: string): boolean => {
      const url = parseUrl(value);
      if (!url) return false;
      if (url.host.includes('$')) return true;
      return hostMatches(url.host, [...DEFAULT_HOSTS, ...options.allowedSources]);
    };
    for (const source of fetchSources(file)) {
      if (!PACKAGE_KINDS.has(source.kind) || !source.known) continue;
      if (source.value.startsWith('ppa:')) {
        report(source.value, source.range);
        continue;
      }
      if (!parseUrl(source.value)) {
        // `add-apt-repository universe` enables a distribution component: no new publisher.
        if (source.kind === 'zypper-repo') report(source.value, source.range);
        continue;
      }
      if (!trusted(source.value)) report(source.value, source.range);
    }
    for (const node of file.find('RUN')) {
      for (const pc of packageCommands(file, node)) {
        if (pc.action !== 'install') continue;
        for (const pkg of pc.packages) if (pkg.name === 'epel-release') report('epel-release', pkg.word.range);
      }
    }
    for (const write of allFileWrites(file)) {
      const kind = sourceFileKind(write.path);
      if (!kind) continue;
      for (const line of write.lines) {
        if (line.text.startsWith('#')) continue;
        const candidates = kind === 'rpm' ? (/^(?:baseurl|mirrorlist|metalink)\s*=/i.test(line.text) ? findUrls(line.text) : []) : findUrls(line.text);
        for (const url of candidates) if (!trusted(url.url)) report(url.url, line.range);
      }
    }
  },
});
