import type { ImageRef, Stage, Token } from './types.js';

export interface ImageRefInput {
  written: string;
  resolved: string;
  known: boolean;
  token: Token;
  /** Stages defined before the reference, to recognise stage references. */
  earlierStages: readonly Stage[];
}

/**
 * Splits `[registry/]path[:tag][@digest]` with Docker's normalisation: the first component
 * is a registry when it has a `.` or `:` or is `localhost`; otherwise the registry is
 * `docker.io` and single-component names gain `library/`.
 */
export function parseImageRef(input: ImageRefInput): ImageRef {
  const { resolved } = input;
  if (resolved.trim() === '') return imageRef(input, 'empty', undefined, EMPTY_PARTS);
  const lower = resolved.toLowerCase();
  const stage = input.earlierStages.find((candidate) => candidate.name !== undefined && candidate.name === lower);
  if (stage) {
    return imageRef(input, 'stage', stage, { registry: '', explicitRegistry: false, repository: lower, name: resolved, tag: undefined, digest: undefined, normalized: lower });
  }
  if (lower === 'scratch') return imageRef(input, 'scratch', undefined, SCRATCH_PARTS);
  return imageRef(input, 'image', undefined, splitReference(resolved));
}

const EMPTY_PARTS: ReferenceParts = { registry: '', explicitRegistry: false, repository: '', name: '', tag: undefined, digest: undefined, normalized: '' };
const SCRATCH_PARTS: ReferenceParts = { registry: '', explicitRegistry: false, repository: 'scratch', name: 'scratch', tag: undefined, digest: undefined, normalized: 'scratch' };

/** One object literal for every kind: references are made by the thousand, and spreads are slow to build. */
function imageRef(input: ImageRefInput, kind: ImageRef['kind'], stage: Stage | undefined, parts: ReferenceParts): ImageRef {
  return {
    kind,
    written: input.written,
    resolved: input.resolved,
    known: input.known,
    registry: parts.registry,
    explicitRegistry: parts.explicitRegistry,
    repository: parts.repository,
    name: parts.name,
    tag: parts.tag,
    digest: parts.digest,
    normalized: parts.normalized,
    token: input.token,
    stage,
  };
}

export interface ReferenceParts {
  registry: string;
  explicitRegistry: boolean;
  repository: string;
  name: string;
  tag: string | undefined;
  digest: string | undefined;
  normalized: string;
}

export function splitReference(reference: string): ReferenceParts {
  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
  }
  const firstSlash = rest.indexOf('/');
  const first = firstSlash === -1 ? '' : rest.slice(0, firstSlash);
  const explicitRegistry = firstSlash !== -1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = explicitRegistry ? first : 'docker.io';
  const name = explicitRegistry ? rest.slice(firstSlash + 1) : rest;
  const repository = !explicitRegistry && !name.includes('/') ? `library/${name}` : name;
  const normalized = `${registry}/${repository}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  return { registry, explicitRegistry, repository, name, tag, digest, normalized };
}
