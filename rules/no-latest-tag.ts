import { defineRule } from '../src/engine/types.js';
import { imageUses } from '../src/model/references.js';
import type { Range } from '../src/model/types.js';

interface Options {
  untagged: boolean;
  floatingTags: string[];
  checkCopyFrom: boolean;
}

const LATEST_CODES = ['DL3007', 'DS-0001', 'CKV_DOCKER_7'];
const UNTAGGED_CODES = ['DL3006', 'DS-0001', 'CKV_DOCKER_7'];

export default defineRule<Options>({
  meta: {
    id: 'no-latest-tag',
    codes: ['DL3007', 'DS-0001', 'CKV_DOCKER_7', 'DL3006'],
    severity: 'warning',
    category: 'reproducibility',
    presets: ['recommended'],
    description: "An image reference uses the floating tag `latest`, written or implied by having no tag",
    rationale:
      'A floating tag points at a different image whenever upstream publishes one, so the same build file ' +
      'builds different images over time, and a rebuild can break or change behaviour without any change in ' +
      'the repository. Pin a version tag (or a digest) so builds are repeatable and upgrades are deliberate.',
    fixable: undefined,
    alsoKnownAs: ['kics:f45ea400', 'kics:9efb0b2d', 'semgrep:avoid-latest-version', 'semgrep:missing-image-version', 'dockerfile_lint:is_latest_tag', 'dockerfile_lint:no_tag', 'dockerfilelint:latest_tag', 'dockerfilelint:missing_tag', 'cis:4.2'],
    options: {
      schema: {
        type: 'object',
        properties: {
          untagged: { type: 'boolean' },
          floatingTags: { type: 'array', items: { type: 'string' } },
          checkCopyFrom: { type: 'boolean' },
        },
        additionalProperties: false,
      },
      defaults: { untagged: true, floatingTags: ['latest'], checkCopyFrom: true },
      docs: {
        untagged: 'Report references with no tag and no digest (they resolve to `latest`).',
        floatingTags: 'Tags treated like `latest`, for example `stable`, `edge`, `lts` or `nightly`.',
        checkCopyFrom: 'Also check the images named by `COPY --from=<image>` and `RUN --mount=from=<image>`.',
      },
    },
    examples: {
      invalid: [
        'FROM ubuntu:latest\nUSER app\n',
        'FROM ubuntu\nUSER app\n',
        'ARG BASE=node\nFROM ${BASE}\nUSER node\n',
        'FROM localhost:5000/app\nUSER app\n',
        'FROM alpine:3.20\nCOPY --from=busybox /bin/busybox /busybox\nUSER app\n',
      ],
      valid: [
        'FROM ubuntu:24.04\nUSER app\n',
        'FROM ubuntu:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nUSER app\n',
        'FROM scratch\nUSER 65532\n',
        'FROM golang:1.23 AS build\nFROM build\nUSER app\n',
        'ARG TAG\nFROM node:${TAG}\nUSER node\n',
      ],
    },
  },
  check(context) {
    const { options, file } = context;
    const floating = new Set(options.floatingTags);
    for (const use of imageUses(file)) {
      if (use.via !== 'from' && !options.checkCopyFrom) continue;
      const ref = use.ref;
      if (ref.kind !== 'image' || !ref.known || ref.digest !== undefined) continue;
      const token = ref.token;
      const resolvedFromVariable = token.text !== ref.resolved;
      if (ref.tag === undefined) {
        if (!options.untagged) continue;
        context.report({
          message: `Image '${ref.resolved}' has no tag and resolves to 'latest'; pin a specific version`,
          range: token.range,
          codes: UNTAGGED_CODES,
        });
        continue;
      }
      if (!floating.has(ref.tag)) continue;
      context.report({
        message: `Image '${ref.resolved}' uses the floating tag '${ref.tag}'; pin a specific version`,
        range: resolvedFromVariable ? token.range : tagRange(token.range, token.text, ref.tag),
        codes: ref.tag === 'latest' ? LATEST_CODES : [],
      });
    }
  },
});

/** The range of a literally written tag at the end of a single-line token. */
function tagRange(range: Range, text: string, tag: string): Range {
  const index = text.lastIndexOf(`:${tag}`);
  if (index === -1 || range.start.line !== range.end.line) return range;
  const start = range.start.character + index + 1;
  return { start: { line: range.start.line, character: start }, end: { line: range.start.line, character: start + tag.length } };
}
