/**
 * Docker's image reference grammar (distribution/reference), used to validate FROM bases,
 * `COPY --from` images and mount `from=` images. Returns the reason a reference is invalid and
 * the offset span of the offending part, or undefined when it is valid.
 */
export interface ReferenceProblem {
  reason: string;
  /** Offset span of the offending part within the reference string. */
  start: number;
  end: number;
}

const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/**
 * Validates a reference. `skipDigest` leaves the digest unchecked (it contains a variable
 * placeholder).
 */
export function referenceProblem(reference: string, options: { skipDigest?: boolean } = {}): ReferenceProblem | undefined {
  if (reference === '') return { reason: 'it is empty', start: 0, end: 0 };
  let rest = reference;
  const at = rest.indexOf('@');
  if (at !== -1) {
    const digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!options.skipDigest) {
      const algorithm = digest.slice(0, digest.indexOf(':'));
      const length = DIGEST_LENGTHS[algorithm.toLowerCase()];
      const hex = digest.slice(digest.indexOf(':') + 1);
      if (!DIGEST.test(digest) || (length !== undefined && hex.length !== length)) {
        return { reason: `'${digest}' is not a valid digest`, start: at + 1, end: reference.length };
      }
    }
  }
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    const tag = rest.slice(lastColon + 1);
    if (!TAG.test(tag)) {
      return { reason: tag === '' ? 'the tag is empty' : `'${tag}' is not a valid tag`, start: lastColon + 1, end: lastColon + 1 + tag.length };
    }
    rest = rest.slice(0, lastColon);
  }
  if (rest === '') return { reason: 'the repository name is empty', start: 0, end: 0 };
  const components = rest.split('/');
  let offset = 0;
  const first = components[0] as string;
  if (components.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    const [host, port] = first.split(':', 2) as [string, string | undefined];
    const hostOk = host.startsWith('[') ? /^\[[0-9a-fA-F:]+\]$/.test(host) : host.split('.').every((part) => DOMAIN_COMPONENT.test(part));
    if (!hostOk || (first.split(':').length > 2 && !host.startsWith('[')) || (port !== undefined && !/^\d+$/.test(port))) {
      return { reason: `'${first}' is not a valid registry host`, start: 0, end: first.length };
    }
    offset = first.length + 1;
    components.shift();
  }
  for (const component of components) {
    if (!PATH_COMPONENT.test(component)) {
      const reason = component !== component.toLowerCase() && PATH_COMPONENT.test(component.toLowerCase())
        ? 'repository names must be lowercase'
        : component === '' ? 'a path component is empty' : `'${component}' is not a valid repository name component`;
      return { reason, start: offset, end: offset + component.length };
    }
    offset += component.length + 1;
  }
  return undefined;
}
