import type { Stage } from './types.js';

/**
 * The environment variables well-known official images set in their config (RULES.md §2
 * `undefined-variable`), so that offline linting knows what a base image defines. Keys are
 * image globs: a bare name is a Docker Hub official image (`python` = `docker.io/library/python`),
 * `owner/name` a Docker Hub repository, and a key with a registry host matches that host.
 */
export const BASE_IMAGE_ENV: Readonly<Record<string, readonly string[]>> = {
  python: ['PYTHON_VERSION', 'PYTHON_SHA256', 'GPG_KEY', 'LANG'],
  node: ['NODE_VERSION', 'YARN_VERSION'],
  golang: ['GOLANG_VERSION', 'GOPATH', 'GOTOOLCHAIN'],
  rust: ['RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION'],
  ruby: ['RUBY_VERSION', 'RUBY_MAJOR', 'RUBY_DOWNLOAD_SHA256', 'GEM_HOME', 'BUNDLE_SILENCE_ROOT_WARNING', 'BUNDLE_APP_CONFIG', 'LANG'],
  php: ['PHP_VERSION', 'PHP_INI_DIR', 'PHPIZE_DEPS', 'PHP_CFLAGS', 'PHP_CPPFLAGS', 'PHP_LDFLAGS', 'PHP_URL', 'PHP_ASC_URL', 'PHP_SHA256', 'GPG_KEYS'],
  openjdk: ['JAVA_HOME', 'JAVA_VERSION', 'LANG'],
  'eclipse-temurin': ['JAVA_HOME', 'JAVA_VERSION', 'LANG'],
  amazoncorretto: ['JAVA_HOME', 'JAVA_VERSION', 'LANG'],
  maven: ['JAVA_HOME', 'MAVEN_HOME', 'MAVEN_CONFIG'],
  gradle: ['JAVA_HOME', 'GRADLE_HOME', 'GRADLE_VERSION'],
  tomcat: ['CATALINA_HOME', 'TOMCAT_MAJOR', 'TOMCAT_VERSION', 'JAVA_HOME'],
  nginx: ['NGINX_VERSION', 'NJS_VERSION', 'PKG_RELEASE'],
  httpd: ['HTTPD_PREFIX', 'HTTPD_VERSION'],
  postgres: ['PG_MAJOR', 'PG_VERSION', 'PGDATA', 'LANG'],
  'mcr.microsoft.com/dotnet/*': ['APP_UID', 'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_VERSION', 'ASPNET_VERSION', 'DOTNET_SDK_VERSION'],
  'jenkins/jenkins': ['JENKINS_HOME', 'JENKINS_VERSION', 'REF'],
  'nvidia/cuda': ['CUDA_VERSION', 'LD_LIBRARY_PATH', 'NVIDIA_VISIBLE_DEVICES', 'NVIDIA_DRIVER_CAPABILITIES'],
};

const keyMatchers = new Map<string, (image: string) => boolean>();

/** `image` is `registry/repository`. */
function keyMatches(key: string, image: string): boolean {
  let matches = keyMatchers.get(key);
  if (!matches) {
    matches = keyMatcher(key);
    keyMatchers.set(key, matches);
  }
  return matches(image);
}

/**
 * A table key (`nginx`, `mcr.microsoft.com/dotnet/*`) as a test over `registry/repository`, made once per key.
 * Most keys name one image and compare as strings: the table is searched for every stage with a variable reference.
 */
function keyMatcher(key: string): (image: string) => boolean {
  const firstSlash = key.indexOf('/');
  const first = firstSlash === -1 ? '' : key.slice(0, firstSlash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  const full = hasRegistry ? key : `docker.io/${key.includes('/') ? key : `library/${key}`}`;
  // `*` and `?` are the pattern's only operators (everything else is escaped).
  if (!full.includes('*') && !full.includes('?')) return (image) => image === full;
  const pattern = new RegExp(`^${full.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return (image) => pattern.test(image);
}

/**
 * The variables a stage's root image sets, from the table (and `extra` entries), or undefined
 * when the root is not in the table. A `scratch` root defines nothing.
 */
export function baseImageEnv(root: Stage, extra: Readonly<Record<string, readonly string[]>> = {}): string[] | undefined {
  const base = root.base;
  if (base.kind === 'scratch') return [];
  if (base.kind !== 'image' || !base.known) return undefined;
  const image = `${base.registry}/${base.repository}`;
  let found: string[] | undefined;
  for (const table of [BASE_IMAGE_ENV, extra]) {
    for (const key in table) {
      if (!Object.hasOwn(table, key)) continue;
      if (keyMatches(key, image)) found = [...(found ?? []), ...(table[key] as readonly string[])];
    }
  }
  return found;
}
