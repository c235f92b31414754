import { defineRule } from '../src/engine/types.js';
import { copySources, isGitSource, isHttpUrl } from '../src/shell/downloads.js';

export default defineRule({
  meta: {
    id: 'no-unverified-add-url',
    codes: ['CKV_DOCKER_4'],
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'ADD fetches a remote URL or git repository without --checksum',
    rationale:
      'ADD downloads the URL at build time and trusts whatever comes back. Without `--checksum` (or a commit for a ' +
      'git source) the content can change between builds or be replaced by an attacker on the server or the path.',
    fixable: undefined,
    securitySeverity: 5.9,
    alsoKnownAs: ['kics:9513a694', 'kics:4b410d24', 'semgrep:prefer-copy-over-add', 'dockerfile_lint:no_add_without_https', 'cis:4.9'],
    examples: {
      invalid: ['FROM alpine:3.22\nADD https://example.com/tool.tar.gz /opt/\nUSER nobody\n'],
      valid: [
        'FROM alpine:3.22\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/\nUSER nobody\n',
        'FROM alpine:3.22\nADD https://github.com/moby/buildkit.git#2ff9de2cad8f4bd9e3a4bf0ab6ab05d1c1d70d6d /src\nUSER nobody\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('ADD')) {
      if (node.flags.some((flag) => flag.name === 'checksum' && flag.value !== undefined && flag.value !== '')) continue;
      for (const source of copySources(file, node)) {
        if (!source.known) continue;
        const value = source.value;
        if (isGitSource(value)) {
          const ref = /#([^:]*)/.exec(value)?.[1] ?? '';
          if (/^[0-9a-f]{40}$/i.test(ref)) continue;
        } else if (!isHttpUrl(value)) continue;
        context.report({
          message: `ADD downloads '${value}' without --checksum; pin it with --checksum=sha256:… (or a commit for git)`,
          range: source.token.range,
          codes: ['CKV_DOCKER_4'],
        });
      }
    }
  },
});
