import { defineRule } from '../src/engine/types.js';
import { cleanPath } from '../src/model/dockerignore.js';

type Options = {
  allowAbsolute: boolean;
};

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;

function unquote(value: string): string {
  // Most words are unquoted: only a leading quote can start a match.
  const first = value.charAt(0);
  return first === '"' || first === "'" ? value.replace(/^(["'])(.*)\1$/, '$2') : value;
}

/** Whether a relative walk along the path's segments ever goes above its start. */
function climbsOut(path: string): boolean {
  let depth = 0;
  for (const part of path.split('/')) {
    if (part === '..') depth--;
    else if (part !== '' && part !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

export default defineRule<Options>({
  meta: {
    id: 'copy-source-outside-context',
    codes: [],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A COPY/ADD source tries to leave the build context or uses an absolute host path',
    rationale:
      'Sources are always resolved inside the build context: `../config` and `/etc/app.conf` are silently re-rooted ' +
      'there, so the build copies a different file than the author expected, or fails.',
    fixable: undefined,
    alsoKnownAs: ['dockerfilelint:add_src_invalid'],
    options: {
      schema: { type: 'object', properties: { allowAbsolute: { type: 'boolean' } }, additionalProperties: false },
      defaults: { allowAbsolute: false },
      docs: { allowAbsolute: 'Accept sources that start with `/` (they are relative to the context root).' },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nCOPY ../shared/config.yml /app/\n'],
      valid: ['FROM alpine:3.20\nCOPY config.yml ./extra/ /app/\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const keyword of ['COPY', 'ADD']) {
      for (const node of file.find(keyword)) {
        if (node.flags.some((flag) => flag.name === 'from')) continue;
        // Tokens, not ranges: a range is computed on first read, and only reported sources need one.
        const sources = node.json
          ? node.json.strings.slice(0, -1).map((each) => ({ text: each.value, token: each.token }))
          : node.args.slice(0, -1).filter((arg) => !/^\d*<</.test(arg.text)).map((arg) => ({ text: unquote(arg.text), token: arg }));
        for (const source of sources) {
          if (REMOTE.test(source.text) || /^[A-Za-z]:[\\/]/.test(source.text)) continue;
          const expansion = node.onbuildParent ? { known: !source.text.includes('$'), value: source.text } : file.scope(node).expand(source.text, file.escapeChar);
          if (!expansion.known) continue;
          const path = node.stage?.windows ? expansion.value.replace(/\\/g, '/') : expansion.value;
          const absolute = path.startsWith('/');
          const climbs = path.includes('..') && climbsOut(path);
          if (!climbs && (!absolute || options.allowAbsolute)) continue;
          const resolved = `${cleanPath(path).replace(/^(\.\.\/)+|^\.\.$/, '') || '.'}`;
          context.report({
            message: `'${source.text}' cannot reach outside the build context; it resolves to '${resolved}' inside it`,
            range: source.token.range,
            codes: [],
          });
        }
      }
    }
  },
});
