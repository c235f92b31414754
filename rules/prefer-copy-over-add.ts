import { defineRule, type Fix } from '../src/engine/types.js';
import { copySources, isArchiveName, isGitSource, isHttpUrl } from '../src/shell/downloads.js';

interface Options {
  allowArchives: boolean;
}

const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export default defineRule<Options>({
  meta: {
    id: 'prefer-copy-over-add',
    codes: ['DL3020', 'DS-0005', 'CKV_DOCKER_4'],
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'ADD used for a local file where COPY does the same without implicit fetching or extraction',
    rationale:
      'ADD also downloads URLs and unpacks archives, so a reader (and a reviewer) has to know the source to know what ' +
      'it does. COPY only copies, which keeps the instruction explicit and avoids surprises such as a tarball being ' +
      'extracted instead of copied.',
    fixable: 'safe',
    fixDescription:
      'Replaces ADD with COPY (same keyword case) when every source is a local, non-archive, non-glob path and there is ' +
      'no ADD-only flag (`--checksum`, `--keep-git-dir`, `--unpack`); for such sources the two instructions do the same.',
    securitySeverity: 3.1,
    alsoKnownAs: ['kics:9513a694', 'semgrep:prefer-copy-over-add', 'cis:4.9'],
    options: {
      schema: { type: 'object', properties: { allowArchives: { type: 'boolean' } }, additionalProperties: false },
      defaults: { allowArchives: true },
      docs: { allowArchives: 'Accept ADD of a local file whose name says it may be a (compressed) tar archive, which ADD extracts.' },
    },
    examples: {
      invalid: ['FROM alpine:3.22\nADD app.py /app/\nUSER nobody\n'],
      valid: ['FROM alpine:3.22\nCOPY app.py /app/\nUSER nobody\n', 'FROM alpine:3.22\nADD rootfs.tar.gz /\nUSER nobody\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const node of file.find('ADD')) {
      const sources = copySources(file, node);
      if (sources.length === 0) continue;
      let local = false;
      let fixable = !node.flags.some((flag) => ADD_ONLY_FLAGS.has(flag.name));
      for (const source of sources) {
        if (source.heredoc) {
          local = true;
          fixable = false;
          continue;
        }
        if (!source.known) {
          fixable = false;
          continue;
        }
        if (isHttpUrl(source.value) || isGitSource(source.value)) {
          fixable = false;
          continue;
        }
        if (isArchiveName(source.value)) {
          fixable = false;
          if (options.allowArchives) continue;
          local = true;
          continue;
        }
        local = true;
        if (/[*?[]/.test(source.value)) fixable = false;
      }
      if (!local) continue;
      const keyword = node.keywordToken;
      const text = keyword.text === keyword.text.toLowerCase() ? 'copy' : keyword.text === 'ADD' ? 'COPY' : 'Copy';
      const fix: Fix | undefined = fixable ? { edits: [{ range: keyword.range, text }], safe: true, description: 'Replace ADD with COPY' } : undefined;
      context.report({
        message: 'Use COPY for local files; ADD also fetches URLs and unpacks archives',
        range: keyword.range,
        codes: ['DL3020', 'DS-0005', 'CKV_DOCKER_4'],
        ...(fix ? { fix } : {}),
      });
    }
  },
});
