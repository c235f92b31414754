/**
 * fast-check generators shared by the reliability tests (bounded runs in `npm test`) and the
 * long `npm run fuzz` run: Dockerfile-like token streams, mutations of real Dockerfiles,
 * random config objects and random rule option values.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { CONFIG_KEYS, LABEL_TYPES, PRESET_NAMES, SETTING_VALUES, THRESHOLD_VALUES } from '../../src/config/schema.js';
import type { RuleDefinition } from '../../src/engine/types.js';

export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../../shared/corpus/files');

/** The corpus files' texts (sorted by name); empty when the corpus is not there. */
export function corpusTexts(limit = Infinity): { name: string; text: string }[] {
  if (!fs.existsSync(CORPUS_DIR)) return [];
  return fs
    .readdirSync(CORPUS_DIR)
    .sort()
    .slice(0, limit)
    .map((name) => ({ name, text: fs.readFileSync(path.join(CORPUS_DIR, name), 'latin1') }));
}

// ---------------------------------------------------------------------------------------------
// Token streams

const KEYWORDS = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER',
  'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'from', 'run', 'Copy', 'BOGUS',
];
const WORDS = [
  'ubuntu', 'alpine:3.19', 'node:latest', 'debian@sha256:' + 'a'.repeat(64), 'scratch', 'AS', 'as', 'builder', 'base',
  'apt-get', 'install', '-y', 'update', 'curl', 'wget', 'pip', 'npm', 'ci', 'apk', 'add', '--no-cache', 'yum', 'dnf',
  'rm', '-rf', '/var/lib/apt/lists/*', 'cd', '/app', '&&', '||', ';', '|', 'sh', '-c', 'bash', 'sudo', 'echo', 'root',
  '0', '1000:1000', '80/tcp', '8080', '65536', '-1', 'NONE', 'CMD-SHELL', 'key=value', 'a=b', 'x', '.', '..', '/',
  '*', '**', 'src/', 'dest', 'http://example.com/a.tar.gz', 'https://x.y/z.sh', 'git@github.com:a/b.git',
  '--from=builder', '--from=0', '--chown=1:1', '--chmod=755', '--link', '--mount=type=cache,target=/root/.cache',
  '--mount=type=secret,id=npmrc', '--mount=', '--network=host', '--security=insecure', '--platform=$BUILDPLATFORM',
  '--interval=30s', '--timeout=0s', '--retries=x', '--start-period=1m', '--keep-git-dir', '--checksum=sha256:abc',
  '--exclude=*.md', '--parents', '--unknown', '--', '-', 'SIGTERM', '9', 'PASSWORD=hunter22', 'AWS_SECRET_ACCESS_KEY',
  'GITHUB_TOKEN=ghp_' + 'x'.repeat(36), 'latest', 'main', 'v1.2.3', 'ü', '日本', '\u{1F600}', '\u200b', '\t',
];
const PUNCTUATION = [
  ' ', ' ', ' ', '  ', '\t', '\n', '\n', '\n', '\r\n', '\r', '\\\n', '\\', '`', '"', "'", '[', ']', ',', '{', '}', '(', ')', '$', '${', '$(', ':-',
  ':+', ':?', '#', '# ', '=', '<<', '<<EOF', '<<-EOF', "<<'EOF'", '<<"EOF"', 'EOF', '\nEOF\n', '&', '>', '2>&1', '*', '?', '!', '~',
];
const DIRECTIVES = [
  '# syntax=docker/dockerfile:1\n', '# syntax=docker/dockerfile:1.4\n', '# escape=`\n', '# escape=\\\n', '# escape=x\n',
  '# escape=\n', '# check=skip=all\n', '# check=error=true\n', '# hadolint ignore=DL3008\n', '# layerlint ignore=all\n',
  '# layerlint-disable-next-line\n', '# hadolint shell=powershell\n', '#escape=`\n',
];

export const tokenArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 5, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 6, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 1, arbitrary: fc.constantFrom(...DIRECTIVES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);

/** A Dockerfile-like text: instruction-led lines made of random tokens. */
export const tokenStreamArbitrary: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYWORDS) }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(...DIRECTIVES) }),
      fc.array(tokenArbitrary, { maxLength: 14 }),
    ),
    { minLength: 1, maxLength: 14 },
  )
  .map((lines) => lines.map(([keyword, tokens]) => `${keyword} ${tokens.join(' ').replace(/ ( )/g, '$1')}`).join('\n'));

// ---------------------------------------------------------------------------------------------
// Corpus mutations

export type MutationKind =
  | 'byte-flip'
  | 'truncate-at-instruction'
  | 'truncate-anywhere'
  | 'duplicate-lines'
  | 'shuffle-lines'
  | 'remove-quotes-brackets'
  | 'random-continuations'
  | 'unterminated-heredoc'
  | 'escape-directive'
  | 'splice-tokens';

export const MUTATION_KINDS: readonly MutationKind[] = [
  'byte-flip',
  'truncate-at-instruction',
  'truncate-anywhere',
  'duplicate-lines',
  'shuffle-lines',
  'remove-quotes-brackets',
  'random-continuations',
  'unterminated-heredoc',
  'escape-directive',
  'splice-tokens',
];

/** A deterministic pseudo-random stream from a seed (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Offsets at which an instruction starts (the start of a non-blank, non-continued line). */
export function instructionBoundaries(text: string): number[] {
  const out = [0];
  const lines = text.split('\n');
  let offset = 0;
  let continued = false;
  for (const line of lines) {
    if (!continued && /\S/.test(line) && offset > 0) out.push(offset);
    continued = /\\\s*$/.test(line);
    offset += line.length + 1;
  }
  out.push(text.length);
  return out;
}

/**
 * Applies one mutation to bytes (the corpus is read as latin1 so byte flips stay bytes; the
 * result is returned as bytes and linted with lintBytes).
 */
export function mutate(text: string, kind: MutationKind, seed: number): Buffer {
  const random = rng(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const lines = text.split('\n');
  switch (kind) {
    case 'byte-flip': {
      const bytes = Buffer.from(text, 'latin1');
      const flips = 1 + pick(8);
      for (let i = 0; i < flips && bytes.length > 0; i++) {
        const at = pick(bytes.length);
        bytes[at] = random() < 0.5 ? (bytes[at] as number) ^ (1 << pick(8)) : pick(256);
      }
      return bytes;
    }
    case 'truncate-at-instruction': {
      const boundaries = instructionBoundaries(text);
      return Buffer.from(text.slice(0, boundaries[pick(boundaries.length)]), 'latin1');
    }
    case 'truncate-anywhere':
      return Buffer.from(text.slice(0, pick(text.length + 1)), 'latin1');
    case 'duplicate-lines': {
      const out = [...lines];
      for (let i = 0, n = 1 + pick(6); i < n && out.length > 0; i++) {
        const from = pick(out.length);
        out.splice(pick(out.length + 1), 0, out[from] as string);
      }
      return Buffer.from(out.join('\n'), 'latin1');
    }
    case 'shuffle-lines': {
      const out = [...lines];
      for (let i = out.length - 1; i > 0; i--) {
        const j = pick(i + 1);
        [out[i], out[j]] = [out[j] as string, out[i] as string];
      }
      return Buffer.from(out.join('\n'), 'latin1');
    }
    case 'remove-quotes-brackets': {
      const chars = new Set(['"', "'", '[', ']', '{', '}', '(', ')', '`']);
      const rate = random();
      let out = '';
      for (const c of text) out += chars.has(c) && random() < rate ? '' : c;
      return Buffer.from(out, 'latin1');
    }
    case 'random-continuations': {
      const out = lines.map((line) => (random() < 0.2 ? `${line}${random() < 0.5 ? ' \\' : '\\'}${random() < 0.2 ? '  ' : ''}` : line));
      if (random() < 0.5) out.push('\\');
      return Buffer.from(out.join('\n'), 'latin1');
    }
    case 'unterminated-heredoc': {
      const out = [...lines];
      const at = pick(out.length + 1);
      const opener = ['RUN <<EOF', 'RUN <<-EOF', "COPY <<'EOT' /dest", 'RUN cat <<EOF > /x && echo hi', 'RUN <<EOF bash', 'RUN <<EOF1 <<EOF2'][pick(6)] as string;
      out.splice(at, 0, opener);
      if (random() < 0.3) out.splice(at + 1, 0, 'EOFX', '  EOF');
      return Buffer.from(out.join('\n'), 'latin1');
    }
    case 'escape-directive': {
      const directive = ['# escape=`', '# escape=\\', '#escape=`', '# escape=', '# escape=x', '# escape=``', '# ESCAPE=`'][pick(7)] as string;
      const at = random() < 0.7 ? 0 : pick(lines.length + 1);
      const out = [...lines];
      out.splice(at, 0, directive);
      return Buffer.from(out.join('\n'), 'latin1');
    }
    case 'splice-tokens': {
      const out = [...lines];
      for (let i = 0, n = 1 + pick(5); i < n; i++) {
        const line = pick(out.length);
        const current = out[line] ?? '';
        const at = pick(current.length + 1);
        const token = PUNCTUATION[pick(PUNCTUATION.length)] as string;
        out[line] = current.slice(0, at) + token + current.slice(at);
      }
      return Buffer.from(out.join('\n'), 'latin1');
    }
  }
}

export const mutationArbitrary = (fileCount: number): fc.Arbitrary<{ file: number; kind: MutationKind; seed: number }> =>
  fc.record({ file: fc.nat({ max: Math.max(0, fileCount - 1) }), kind: fc.constantFrom(...MUTATION_KINDS), seed: fc.integer() });

// ---------------------------------------------------------------------------------------------
// Config objects

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 2, maxKeys: 4, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withBigInt: true }),
  fc.constantFrom<unknown>(undefined, null, NaN, Infinity, -0, '', ' ', '__proto__', 'constructor', [], {}),
);

const selector = fc.oneof(
  fc.constantFrom('no-latest-tag', 'DL3008', 'dl3008', 'SC2086', 'kics:abcdef12', 'cis:4.1', 'DS001', 'avd-ds-0002', 'pinned-versions', 'shellcheck', 'required-labels', '__proto__', 'constructor', 'toString', ''),
  fc.string({ maxLength: 12 }),
);
const ruleSettingValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...SETTING_VALUES),
  fc.tuple(fc.constantFrom(...SETTING_VALUES)),
  fc.tuple(fc.constantFrom(...SETTING_VALUES), fc.dictionary(fc.string({ maxLength: 10 }), anyValue, { maxKeys: 3 })),
  anyValue,
);

const stringList = fc.oneof(fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }), anyValue);
const configValue: Record<string, fc.Arbitrary<unknown>> = {
  extends: fc.oneof(fc.constantFrom(...PRESET_NAMES, 'ALL', 'none'), fc.array(fc.constantFrom(...PRESET_NAMES, 'x'), { maxLength: 3 }), anyValue),
  rules: fc.oneof(fc.dictionary(selector, ruleSettingValue, { maxKeys: 5 }), anyValue),
  ignore: stringList,
  plugins: stringList,
  trustedRegistries: stringList,
  labels: fc.oneof(
    fc.record(
      {
        schema: fc.dictionary(
          fc.string({ maxLength: 8 }),
          fc.oneof(fc.constantFrom(...LABEL_TYPES, 'regex:^a+$', 'regex:(', 'regex:', 'regex:(a+)+$', 'bogus'), fc.record({ type: fc.constantFrom(...LABEL_TYPES, 'regex:[a-z]'), required: anyValue }, { requiredKeys: [] }), anyValue),
          { maxKeys: 3 },
        ),
        strict: fc.oneof(fc.boolean(), anyValue),
      },
      { requiredKeys: [] },
    ),
    anyValue,
  ),
  failureThreshold: fc.oneof(fc.constantFrom(...THRESHOLD_VALUES), anyValue),
  targets: stringList,
  buildArgs: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.boolean(), anyValue), { maxKeys: 3 }), anyValue),
  context: fc.oneof(fc.constantFrom('.', '', ' ', '..', '/', 'ctx'), anyValue),
  knownVariables: stringList,
  today: fc.oneof(fc.constantFrom('2024-02-29', '2023-02-29', '2026-13-01', '0000-00-00', '9999-12-31', ''), fc.string({ maxLength: 10 }), anyValue),
  disableInlinePragmas: fc.oneof(fc.boolean(), anyValue),
  $schema: fc.oneof(fc.string(), anyValue),
};

/** Config objects: mostly well-typed keys with random values, some unknown keys, some non-objects. */
export const configObjectArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.record(configValue, { requiredKeys: [] }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.record(configValue, { requiredKeys: [] }), fc.dictionary(fc.oneof(fc.constantFrom(...CONFIG_KEYS, 'rule', 'extend', '__proto__'), fc.string({ maxLength: 8 })), anyValue, { maxKeys: 3 }))
      .map(([a, b]) => ({ ...a, ...b })),
  },
  { weight: 1, arbitrary: anyValue },
);

// ---------------------------------------------------------------------------------------------
// Rule options

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
}

/** A value for a JSON schema: a valid one most of the time, a random one otherwise. */
function valueFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 3) return anyValue;
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  const valid: fc.Arbitrary<unknown>[] = [];
  if (schema.enum) valid.push(fc.constantFrom(...schema.enum));
  for (const type of types) {
    if (type === 'string') valid.push(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '*', '.*', '(a+)+', '[', '\\', 'latest', 'root', 'x'.repeat(300))));
    if (type === 'integer') valid.push(fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER)));
    if (type === 'number') valid.push(fc.oneof(fc.double(), fc.constantFrom(0, -1, 0.5)));
    if (type === 'boolean') valid.push(fc.boolean());
    if (type === 'array') valid.push(fc.array(valueFor(schema.items, depth + 1), { maxLength: 4 }));
    if (type === 'object') {
      const props = Object.entries(schema.properties ?? {});
      valid.push(
        props.length > 0
          ? fc.record(Object.fromEntries(props.map(([k, s]) => [k, valueFor(s, depth + 1)])), { requiredKeys: [] })
          : fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.boolean(), fc.integer()), { maxKeys: 3 }),
      );
    }
  }
  return valid.length === 0 ? anyValue : fc.oneof({ weight: 6, arbitrary: fc.oneof(...valid) }, { weight: 1, arbitrary: anyValue });
}

/** A rule with options and a random options object for it (mostly schema-shaped). */
export function ruleOptionsArbitrary(rules: readonly RuleDefinition[]): fc.Arbitrary<{ rule: RuleDefinition; options: unknown }> {
  const withOptions = rules.filter((rule) => rule.meta.options !== undefined);
  return fc.constantFrom(...withOptions).chain((rule) => valueFor(rule.meta.options?.schema as Schema).map((options) => ({ rule, options })));
}
