import { defineRule, type Fix, type RelatedLocation } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { InstructionNode } from '../src/model/types.js';
import { isNonSecretValue, isSecretName, type SecretNameOptions } from '../src/model/secrets.js';
import { findReferences } from '../src/model/variables.js';

interface Options {
  extraNames: string[];
  allowNames: string[];
  allowTokens: string[];
  usernames: boolean;
}

const CODES = ['DL3064', 'SecretsUsedInArgOrEnv', 'DS-0031'];

export default defineRule<Options>({
  meta: {
    id: 'no-secrets-in-arg-env',
    codes: CODES,
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'An ARG or ENV is named like a credential',
    rationale:
      'Build-arg values are recorded in the image history and in build provenance, and ENV values are part of ' +
      'the image configuration that anyone who can pull the image can read. Secrets belong in a secret mount ' +
      '(`RUN --mount=type=secret,id=…,env=NAME`), which never reaches a layer or the metadata.',
    fixable: undefined,
    alsoKnownAs: ['semgrep:secret-in-build-arg', 'cis:4.10'],
    options: {
      schema: {
        type: 'object',
        properties: {
          extraNames: { type: 'array', items: { type: 'string' } },
          allowNames: { type: 'array', items: { type: 'string' } },
          allowTokens: { type: 'array', items: { type: 'string' } },
          usernames: { type: 'boolean' },
        },
        additionalProperties: false,
      },
      defaults: { extraNames: [], allowNames: [], allowTokens: [], usernames: false },
      docs: {
        extraNames: 'More names that are always secret (exact, case-insensitive).',
        allowNames: 'Exact names never reported.',
        allowTokens: 'Name segments that make a name not secret, added to the built-in ones (`public`, `file`, `url`, …).',
        usernames: 'Also report user names (`user`, `username`, `login` segments and hadolint\'s identifiers such as `DOCKER_USERNAME`).',
      },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc\n', 'FROM alpine:3.20\nARG dbPassword\n'],
      valid: [
        'FROM alpine:3.20\nENV TOKEN_FILE=/run/secrets/token PUBLIC_KEY_URL=https://example.com/key.pub\n',
        'FROM alpine:3.20\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci\n',
      ],
    },
    securitySeverity: 6.5,
  },
  check(context) {
    const { file, options } = context;
    const nameOptions: SecretNameOptions = options;
    for (const node of [...file.find('ARG'), ...file.find('ENV')]) {
      for (const property of node.properties) {
        if (!isSecretName(property.name, nameOptions)) continue;
        if (node.keyword === 'ENV' && (property.value === undefined || property.value === '')) continue;
        // A literal that cannot be a credential (a path, a flag, a public key fingerprint) names no secret.
        if (property.value !== undefined && property.value !== '' && !property.value.includes('$') && isNonSecretValue(property.value)) continue;
        const related = usesOf(file, node, property.name);
        const suggestion = secretMountSuggestion(file, node, property.name, related);
        context.report({
          message: `${node.keyword} '${property.name}' looks like a secret; its value is kept in the image — use a secret mount`,
          range: property.nameToken.range,
          codes: CODES,
          related,
          ...(suggestion ? { fix: suggestion } : {}),
          ...(property.valueToken ? { redact: [property.valueToken.range] } : {}),
        });
      }
    }
  },
});

/** RUN instructions in the same chain that reference the variable. */
function usesOf(file: BuildFile, node: InstructionNode, name: string): RelatedLocation[] {
  const stage = node.onbuildParent ? undefined : node.stage;
  const stages = stage ? file.stages.filter((s) => file.chain(s).includes(stage)) : node.onbuildParent ? [] : file.stages;
  const related: RelatedLocation[] = [];
  for (const each of stages) {
    for (const run of each.instructions) {
      if (run.keyword !== 'RUN' || (each === stage && run.index < node.index)) continue;
      const text = run.argsValue + run.heredocs.map((h) => h.body?.text ?? '').join('\n');
      if (!findReferences(text, file.escapeChar).some((r) => r.name === name)) continue;
      related.push({ range: run.keywordToken.range, message: `Uses ${name}; pass it with --mount=type=secret,id=<id>,env=${name}` });
    }
  }
  return related;
}

/**
 * A display-only suggestion (never applied by `--fix`): drop a single-name ARG and pass the value
 * to each RUN that uses it as a secret mount. The build then needs `--secret id=…`, so it is
 * the user's decision.
 */
function secretMountSuggestion(file: BuildFile, node: InstructionNode, name: string, related: RelatedLocation[]): Fix | undefined {
  if (node.keyword !== 'ARG' || node.onbuildParent || node.properties.length !== 1 || related.length === 0) return undefined;
  const id = name.toLowerCase().replace(/_/g, '-');
  const firstLine = node.keywordToken.range.start.line;
  const lastLine = file.lines.positionAt(node.token.endOffset).line;
  return {
    safe: false,
    displayOnly: true,
    description: `Pass ${name} as a secret: RUN --mount=type=secret,id=${id},env=${name} (build with --secret id=${id},env=${name}) and drop the ARG`,
    edits: [
      { range: { start: { line: firstLine, character: 0 }, end: { line: lastLine + 1, character: 0 } }, text: '' },
      ...related.map((use) => ({ range: { start: use.range.end, end: use.range.end }, text: ` --mount=type=secret,id=${id},env=${name}` })),
    ],
  };
}
