import { defineRule } from '../src/engine/types.js';
import { isPlainHttpUrl, runVerifies } from '../src/shell/downloads.js';
import { analyzeRun } from '../src/shell/run-script.js';
import { fetchSources, type FetchKind } from '../src/shell/sources.js';

interface Options {
  allowHosts: string[];
}

/** Package-manager sources whose content is signature-checked: not this rule's concern. */
const SIGNED: ReadonlySet<FetchKind> = new Set(['apt-source', 'rpm-repo', 'apk-repo', 'zypper-repo']);

export default defineRule<Options>({
  meta: {
    id: 'no-plain-http',
    codes: [],
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'Something is downloaded over plain http:// by a tool that does not verify the content',
    rationale:
      'Plain HTTP lets anyone on the network path read and replace the download. For curl, wget, ADD, git, pip and ' +
      'npm nothing else checks the bytes, so a tampered file goes straight into the image.',
    fixable: 'unsafe',
    fixDescription: 'Rewrites `http://` to `https://`. Unsafe: the server may not offer TLS, or may serve something else there.',
    securitySeverity: 5.9,
    alsoKnownAs: ['dockerfile_lint:no_add_without_https', 'dockerfile_lint:no_run_without_https', 'cis:4.11'],
    options: {
      schema: { type: 'object', properties: { allowHosts: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
      defaults: { allowHosts: [] },
      docs: { allowHosts: 'Host globs that may be fetched over plain HTTP (loopback hosts always may).' },
    },
    examples: {
      invalid: ['FROM alpine:3.22\nRUN wget -q http://example.com/tool -O /usr/local/bin/tool\nUSER nobody\n'],
      valid: ['FROM alpine:3.22\nRUN wget -q https://example.com/tool -O /usr/local/bin/tool\nUSER nobody\n', 'FROM alpine:3.22\nRUN curl -fsS http://localhost:8080/health\nUSER nobody\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const source of fetchSources(file)) {
      if (SIGNED.has(source.kind) || !isPlainHttpUrl(source.value, options.allowHosts)) continue;
      // A download whose checksum or signature the same RUN verifies is checked after all.
      if (source.kind === 'download' && runVerifies(analyzeRun(file, source.node).commands)) continue;
      const literal = source.offset !== undefined && /^http:/i.test(file.text.slice(source.offset, source.offset + 5));
      const fix =
        literal && source.offset !== undefined
          ? { edits: [{ range: file.lines.range(source.offset, source.offset + 4), text: 'https' }], safe: false, description: 'Use https://' }
          : undefined;
      context.report({ message: `'${source.value}' is fetched over plain HTTP; use HTTPS`, range: source.range, codes: [], ...(fix ? { fix } : {}) });
    }
  },
});
