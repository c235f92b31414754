import { defineRule } from '../src/engine/types.js';
import { EOL_DATA_AS_OF, EOL_TABLE, type EolRelease } from '../src/model/eol-data.js';
import { imageUses } from '../src/model/references.js';
import type { ImageRef, Range } from '../src/model/types.js';
import { globToRegExp } from '../src/model/variables.js';

interface ExtraRelease {
  image: string;
  tag: string;
  eol: string;
}

interface Options {
  warnBeforeDays: number;
  extraReleases: ExtraRelease[];
  checkCopyFrom: boolean;
}

interface Match {
  /** The tag segment that named the release, for a variant match. */
  variant?: string;
  family: string;
  release: string;
  eol: string;
}

const DAY = 86_400_000;

function tagNames(tag: string, prefix: string): boolean {
  if (prefix === '') return true;
  if (!tag.startsWith(prefix)) return false;
  const next = tag.charAt(prefix.length);
  return next === '' || next === '.' || next === '-' || next === '_';
}

/** Each glob lower-cased and compiled once (the table's globs are tested against every image). */
const lowerGlobs = new Map<string, RegExp>();

function lowerGlob(glob: string): RegExp {
  let pattern = lowerGlobs.get(glob);
  if (pattern === undefined) {
    pattern = globToRegExp(glob.toLowerCase(), true);
    if (lowerGlobs.size >= 10_000) lowerGlobs.clear();
    lowerGlobs.set(glob, pattern);
  }
  return pattern;
}

function matchesAny(globs: readonly string[], values: readonly string[]): boolean {
  return globs.some((glob) => {
    const pattern = lowerGlob(glob);
    return values.some((value) => pattern.test(value));
  });
}

/**
 * Answers without extra releases, per normalised reference (the same images recur across files;
 * the normalised text determines the registry, repository and tag the answer depends on).
 */
const tableAnswers = new Map<string, Match[]>();

/**
 * The releases an image reference names: by its own family, and by variant suffixes of its tag.
 * Without extra releases the answer is memoized: callers only iterate it.
 */
export function eolMatches(ref: ImageRef, extra: readonly ExtraRelease[]): Match[] {
  if (extra.length > 0) return computeEolMatches(repositoryOf(ref), ref.tag, extra);
  let found = tableAnswers.get(ref.normalized);
  if (found === undefined) {
    found = computeEolMatches(repositoryOf(ref), ref.tag, extra);
    if (tableAnswers.size >= 10_000) tableAnswers.clear();
    tableAnswers.set(ref.normalized, found);
  }
  return found;
}

/** The lower-cased `registry/repository` the table's image globs are matched against. */
function repositoryOf(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}`.toLowerCase();
}

function computeEolMatches(repository: string, tag: string | undefined, extra: readonly ExtraRelease[]): Match[] {
  const found: Match[] = [];
  const seen = new Set<string>();
  const add = (family: string, release: EolRelease | { release: string; eol: string }, variant?: string): void => {
    const key = `${family}\u0000${release.release}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ family, release: release.release, eol: release.eol, ...(variant !== undefined ? { variant } : {}) });
  };
  const short = repository.replace(/^docker\.io\/(?:library\/)?/, '');
  for (const entry of extra) {
    if (tag === undefined) continue;
    if (matchesAny([entry.image], [repository, short]) && globToRegExp(entry.tag, true).test(tag)) {
      add(entry.image, { release: tag, eol: entry.eol });
    }
  }
  if (found.length > 0) return found;
  const segments = tag === undefined ? [] : tag.split('-');
  for (const family of EOL_TABLE) {
    const own = matchesAny(family.images, [repository]);
    for (const release of family.releases) {
      const byTag = own && (tag !== undefined || release.tags.includes('')) && release.tags.some((prefix) => tagNames(tag ?? '', prefix));
      const variant = release.variants?.find((each) => segments.slice(own ? 0 : 1).includes(each));
      if (byTag) add(family.family, release);
      else if (variant !== undefined) add(family.family, release, variant);
    }
  }
  return found;
}

export default defineRule<Options>({
  meta: {
    id: 'eol-base-image',
    codes: [],
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'A base image whose distribution or language runtime release is past its end of life',
    rationale:
      'A release past its end of life no longer receives security fixes, so every rebuild ships the same known ' +
      'vulnerabilities. Image scanners notice only after the image is built; the build file already names the ' +
      'release. The check uses an embedded, dated release table (its date is printed with each finding) and ' +
      'never touches the network.',
    fixable: undefined,
    securitySeverity: 5.3,
    options: {
      schema: {
        type: 'object',
        properties: {
          warnBeforeDays: { type: 'integer', minimum: 0 },
          extraReleases: {
            type: 'array',
            items: {
              type: 'object',
              properties: { image: { type: 'string' }, tag: { type: 'string' }, eol: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
              required: ['image', 'tag', 'eol'],
              additionalProperties: false,
            },
          },
          checkCopyFrom: { type: 'boolean' },
        },
        additionalProperties: false,
      },
      defaults: { warnBeforeDays: 90, extraReleases: [], checkCopyFrom: true },
      docs: {
        warnBeforeDays: 'Report releases whose end of life falls within this many days, at `info` severity (0 turns this off).',
        extraReleases:
          'Entries `{ image, tag, eol }` that extend or override the table, for internal base images: a glob on the normalised ' +
          'repository (`docker.io/library/node` or `node`), a glob on the tag, and the ISO end-of-life date.',
        checkCopyFrom: 'Also check the images named by `COPY --from=<image>` and `RUN --mount=from=<image>`.',
      },
    },
    examples: {
      invalid: ['FROM python:3.6-slim\nUSER nobody\n', 'FROM debian:buster-slim\nUSER nobody\n'],
      valid: ['FROM python:3.13-slim-bookworm\nUSER nobody\n', 'FROM debian:bookworm-slim\nUSER nobody\n', 'FROM python:latest\nUSER nobody\n'],
    },
  },
  check(context) {
    const { file, options, settings } = context;
    const today = settings.today;
    // Parsed only for an image that names a release: most name none.
    let todayTime: number | undefined;
    for (const use of imageUses(file)) {
      if (use.via !== 'from' && !options.checkCopyFrom) continue;
      const ref = use.ref;
      if (ref.kind !== 'image' || !ref.known) continue;
      if (ref.tag === undefined && ref.digest !== undefined) continue;
      for (const match of eolMatches(ref, options.extraReleases)) {
        todayTime ??= Date.parse(today);
        const eolTime = Date.parse(match.eol);
        if (Number.isNaN(eolTime) || Number.isNaN(todayTime)) continue;
        const range = match.variant !== undefined ? variantRange(ref.token.range, ref.token.text, ref.tag, match.variant) : tagRange(ref.token.range, ref.token.text, ref.tag);
        if (match.eol <= today) {
          context.report({
            message: `${match.family} ${match.release} in '${ref.resolved}' reached end of life on ${match.eol}; move to a supported release (end-of-life data as of ${EOL_DATA_AS_OF})`,
            range,
            codes: [],
          });
        } else if (options.warnBeforeDays > 0 && (eolTime - todayTime) / DAY <= options.warnBeforeDays) {
          context.report({
            message: `${match.family} ${match.release} in '${ref.resolved}' reaches end of life on ${match.eol} (end-of-life data as of ${EOL_DATA_AS_OF})`,
            range,
            codes: [],
            severity: 'info',
          });
        }
      }
    }
  },
});

/** The range of a literally written tag at the end of a single-line token, else the token. */
function tagRange(range: Range, text: string, tag: string | undefined): Range {
  if (tag === undefined) return range;
  const at = text.indexOf('@');
  const withoutDigest = at < 0 ? text : text.slice(0, at);
  if (!withoutDigest.endsWith(`:${tag}`) || range.start.line !== range.end.line) return range;
  const start = range.start.character + withoutDigest.length - tag.length;
  return { start: { line: range.start.line, character: start }, end: { line: range.start.line, character: start + tag.length } };
}

/** The range of a variant segment inside a literally written tag, else the tag's range. */
function variantRange(range: Range, text: string, tag: string | undefined, variant: string): Range {
  const tagAt = tagRange(range, text, tag);
  if (tag === undefined || tagAt === range) return range;
  const index = `-${tag}-`.indexOf(`-${variant}-`);
  if (index < 0) return tagAt;
  const start = tagAt.start.character + index;
  return { start: { line: range.start.line, character: start }, end: { line: range.start.line, character: start + variant.length } };
}
