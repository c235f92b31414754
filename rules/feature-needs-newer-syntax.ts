import { defineRule } from '../src/engine/types.js';
import { FRONTEND_FEATURES, olderThan, syntaxFrontend, type FrontendFeature } from '../src/model/frontend-features.js';
import type { Range, Token } from '../src/model/types.js';
import { findReferences } from '../src/model/variables.js';

const PATTERN_MODIFIERS = new Set(['#', '##', '%', '%%', '/', '//']);
const CHECK_COMMENT = /^#\s*check\s*=/i;

export default defineRule({
  meta: {
    id: 'feature-needs-newer-syntax',
    codes: [],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'The file uses a feature newer than the Dockerfile frontend version its `# syntax` directive pins',
    rationale:
      'A `# syntax=docker/dockerfile:1.3` directive makes every builder use that frontend version, which rejects or ' +
      'silently ignores newer syntax such as heredocs or `COPY --link`.',
    fixable: undefined,
    examples: {
      invalid: ['# syntax=docker/dockerfile:1.3\nFROM alpine:3.20\nCOPY --link a.txt /app/\n'],
      valid: ['# syntax=docker/dockerfile:1\nFROM alpine:3.20\nCOPY --link a.txt /app/\n', '# syntax=docker/dockerfile:1.4\nFROM alpine:3.20\nRUN <<EOF\necho hi\nEOF\n'],
    },
  },
  check(context) {
    const { file } = context;
    const frontend = syntaxFrontend(file.directives);
    const syntax = file.directives.find((each) => each.name === 'syntax');
    if (!frontend?.docker || !frontend.pinned || !syntax) return;
    const pinned = frontend.pinned;
    const use = (feature: FrontendFeature, range: Range): void => {
      const { label, version } = FRONTEND_FEATURES[feature];
      if (!olderThan(pinned, version)) return;
      context.report({
        message: `${label} needs Dockerfile frontend ${version} or later, but the file pins ${frontend.tag ?? ''}`,
        range,
        codes: [],
        related: [{ range: syntax.token.range, message: 'Frontend pinned here' }],
      });
    };
    const variables = (token: Token | undefined): void => {
      if (!token) return;
      for (const reference of findReferences(token.text, file.escapeChar)) {
        const range = file.lines.range(token.startOffset + reference.start, token.startOffset + reference.end);
        if (reference.modifier && PATTERN_MODIFIERS.has(reference.modifier)) use('patternSubstitution', range);
        if (reference.name === 'TARGETSTAGE') use('targetStage', range);
        if (reference.name === 'TARGETOSVERSION' || reference.name === 'BUILDOSVERSION') use('osVersion', range);
      }
    };

    for (const directive of file.directives) if (directive.name === 'check') use('checkDirective', directive.nameToken.range);
    const nodes = file.instructions.flatMap((node) => (node.trigger ? [node, node.trigger] : [node]));
    for (const node of nodes) {
      if (!node.onbuildParent && node.leadingComments.some((comment) => CHECK_COMMENT.test(comment.token.text))) {
        const comment = node.leadingComments.find((each) => CHECK_COMMENT.test(each.token.text));
        if (comment) use('checkComment', comment.token.range);
      }
      for (const flag of node.flags) {
        const name = flag.nameToken.text.slice(2);
        const range = flag.nameToken.range;
        if (node.keyword === 'RUN') {
          if (name === 'mount') {
            use('runMount', range);
            const type = flag.options.find((option) => option.key === 'type')?.value;
            const env = flag.options.find((option) => option.key === 'env');
            if (type === 'secret' && env) use('secretEnv', env.token.range);
          }
          if (name === 'network') use('runNetwork', range);
          if (name === 'security') use('runSecurity', range);
          if (name === 'device') use('runDevice', range);
        }
        if (node.keyword === 'COPY' || node.keyword === 'ADD') {
          if (name === 'chmod') use(/^[0-7]+$/.test(flag.value ?? '') ? 'chmodOctal' : 'chmodSymbolic', range);
          if (name === 'link') use('link', range);
          if (name === 'exclude') use('exclude', range);
          if (name === 'parents' && node.keyword === 'COPY') use('copyParents', range);
          if (node.keyword === 'ADD' && name === 'keep-git-dir') use('addKeepGitDir', range);
          if (node.keyword === 'ADD' && name === 'checksum') use('addChecksum', range);
          if (node.keyword === 'ADD' && name === 'unpack') use('addUnpack', range);
        }
        variables(flag.valueToken);
      }
      for (const heredoc of node.heredocs) {
        use('heredoc', heredoc.startToken.range);
        if (/<<-?\s/.test(heredoc.startToken.text)) use('heredocSpace', heredoc.startToken.range);
      }
      if (['FROM', 'COPY', 'ADD', 'WORKDIR', 'USER', 'VOLUME', 'EXPOSE', 'STOPSIGNAL'].includes(node.keyword)) for (const arg of node.args) variables(arg);
      for (const property of node.properties) variables(property.valueToken);
    }
  },
});
