import type { DirectiveNode } from './types.js';

/**
 * The Dockerfile frontend versions that introduced each feature (RULES.md §9
 * `feature-needs-newer-syntax`). Maintained as data.
 */
export const FRONTEND_FEATURES = {
  addKeepGitDir: { label: 'ADD --keep-git-dir', version: '1.1' },
  runMount: { label: 'RUN --mount', version: '1.2' },
  chmodOctal: { label: '--chmod', version: '1.2' },
  runNetwork: { label: 'RUN --network', version: '1.3' },
  heredoc: { label: 'Heredocs', version: '1.4' },
  link: { label: '--link', version: '1.4' },
  addChecksum: { label: 'ADD --checksum', version: '1.6' },
  patternSubstitution: { label: 'Pattern substitution in variables', version: '1.7' },
  checkDirective: { label: 'The check directive', version: '1.8' },
  secretEnv: { label: 'Secret mount env=', version: '1.10' },
  targetStage: { label: 'TARGETSTAGE', version: '1.11' },
  osVersion: { label: 'TARGETOSVERSION and BUILDOSVERSION', version: '1.13' },
  chmodSymbolic: { label: 'Symbolic --chmod', version: '1.14' },
  runDevice: { label: 'RUN --device', version: '1.14' },
  heredocSpace: { label: 'Whitespace after << in a heredoc', version: '1.16' },
  addUnpack: { label: 'ADD --unpack', version: '1.17' },
  exclude: { label: '--exclude', version: '1.19' },
  copyParents: { label: 'COPY --parents', version: '1.20' },
  runSecurity: { label: 'RUN --security', version: '1.20' },
  checkComment: { label: 'Per-instruction check comments', version: '1.21' },
} as const satisfies Record<string, { label: string; version: string }>;

export type FrontendFeature = keyof typeof FRONTEND_FEATURES;

/** The frontend named by a `# syntax=` directive. */
export interface SyntaxFrontend {
  /** True for docker/dockerfile, docker.io/docker/dockerfile and docker/dockerfile-upstream. */
  docker: boolean;
  /** True for a `-labs` tag. */
  labs: boolean;
  /** `[major, minor]` when the tag pins at least `X.Y`; undefined for `1`, `latest`, no tag. */
  pinned: [number, number] | undefined;
  /** The tag as written. */
  tag: string | undefined;
}

const DOCKER_FRONTEND = /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?$/i;

export function syntaxFrontend(directives: readonly DirectiveNode[]): SyntaxFrontend | undefined {
  const directive = directives.find((each) => each.name === 'syntax');
  if (!directive || directive.value === '') return undefined;
  const value = directive.value.split('@')[0] as string;
  const slash = value.lastIndexOf('/');
  const colon = value.lastIndexOf(':');
  const name = colon > slash ? value.slice(0, colon) : value;
  const tag = colon > slash ? value.slice(colon + 1) : undefined;
  const version = tag === undefined ? undefined : /^(\d+)\.(\d+)(?:\.\d+)?(?:-|$)/.exec(tag);
  return {
    docker: DOCKER_FRONTEND.test(name),
    labs: tag?.includes('labs') ?? false,
    pinned: version ? [Number(version[1]), Number(version[2])] : undefined,
    tag,
  };
}

/** Whether a pinned `[major, minor]` is older than a `X.Y` feature version. */
export function olderThan(pinned: [number, number], version: string): boolean {
  const [major, minor] = version.split('.').map(Number) as [number, number];
  return pinned[0] < major || (pinned[0] === major && pinned[1] < minor);
}
