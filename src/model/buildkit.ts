/**
 * Facts about Docker's BuildKit frontend that several rules share: the instruction keywords,
 * the automatically provided ARGs, the build-check names, and "did you mean" suggestions.
 */

/** The 18 Dockerfile instruction keywords. */
export const DOCKERFILE_KEYWORDS: readonly string[] = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];

/** ARGs BuildKit sets automatically from the build and target platforms (RULES.md §0.5). */
export const PLATFORM_ARGS: readonly string[] = [
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH',
  'BUILDVARIANT', 'TARGETOSVERSION', 'BUILDOSVERSION', 'TARGETSTAGE',
];

/** Proxy ARGs BuildKit predefines: usable in RUN without a declaration. */
export const PROXY_ARGS: readonly string[] = [
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy',
  'ALL_PROXY', 'all_proxy',
];

/** Variables BuildKit defines in every stage. */
export const BUILDKIT_STAGE_VARIABLES: readonly string[] = ['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE'];

/** Every ARG BuildKit predefines: the platform ARGs and the proxy ARGs. */
export const PREDEFINED_ARGS: readonly string[] = [...PLATFORM_ARGS, ...PROXY_ARGS];

/** The names of BuildKit's build checks (`docker build --check`), as `# check=skip=` accepts them. */
export const BUILDKIT_CHECKS: readonly string[] = [
  'ConsistentInstructionCasing', 'CopyIgnoredFile', 'DuplicateStageName', 'ExposeInvalidFormat', 'ExposeProtoCasing',
  'FromAsCasing', 'FromPlatformFlagConstDisallowed', 'InvalidBaseImagePlatform', 'InvalidDefaultArgInFrom',
  'InvalidDefinitionDescription', 'JSONArgsRecommended', 'LegacyKeyValueFormat', 'MaintainerDeprecated',
  'MultipleInstructionsDisallowed', 'NoEmptyContinuation', 'RedundantTargetPlatform', 'ReservedStageName',
  'SecretsUsedInArgOrEnv', 'StageNameCasing', 'UndefinedArgInFrom', 'UndefinedVar', 'WorkdirRelativePath',
];

/** Edit distance with adjacent transpositions (optimal string alignment), so `chwon` → `chown` is 1. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const previous = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The one candidate within `maxDistance` edits of `word` (closest wins; a tie between several
 * candidates at the smallest distance gives no suggestion).
 */
export function suggest(
  word: string,
  candidates: Iterable<string>,
  options: { maxDistance?: number; ignoreCase?: boolean } = {},
): string | undefined {
  const max = options.maxDistance ?? 2;
  const fold = (s: string): string => (options.ignoreCase ? s.toLowerCase() : s);
  const target = fold(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    const folded = fold(candidate);
    if (folded === target) continue;
    if (Math.abs(folded.length - target.length) > max) continue;
    const distance = editDistance(target, folded);
    if (distance > max) continue;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && fold(best ?? '') !== folded) tie = true;
  }
  return tie ? undefined : best;
}
