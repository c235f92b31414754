import { defineRule } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import { PLATFORM_ARGS } from '../src/model/buildkit.js';
import { referenceProblem } from '../src/model/reference-grammar.js';
import type { VariableValue } from '../src/model/types.js';
import { expandWord, findReferences } from '../src/model/variables.js';

/** Placeholder values for the automatic platform ARGs: any valid value will do. */
const PLACEHOLDERS: Record<string, string> = {
  TARGETPLATFORM: 'linux/amd64', BUILDPLATFORM: 'linux/amd64', TARGETOS: 'linux', BUILDOS: 'linux',
  TARGETARCH: 'amd64', BUILDARCH: 'amd64', TARGETVARIANT: 'v8', BUILDVARIANT: 'v8',
  TARGETOSVERSION: '10.0.20348', BUILDOSVERSION: '10.0.20348', TARGETSTAGE: 'stage',
};

export default defineRule({
  meta: {
    id: 'invalid-default-arg-in-from',
    codes: ['InvalidDefaultArgInFrom'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'With only the ARG defaults, a `FROM` image reference is empty or invalid',
    rationale:
      'A build without `--build-arg` uses the ARG defaults; when they make the base image reference empty or ' +
      'invalid (`busybox:` with an empty tag), the build fails for anyone who does not know which build args to pass.',
    fixable: undefined,
    alsoKnownAs: ['dockerfile-utils:BASE_NAME_EMPTY'],
    examples: {
      invalid: ['ARG TAG\nFROM busybox:${TAG}\n', 'ARG IMAGE\nFROM $IMAGE\n'],
      valid: [
        'ARG TAG=1.36\nFROM busybox:${TAG}\n',
        'ARG VARIANT\nFROM busybox:stable${VARIANT}\n',
        'ARG TAG\nFROM busybox:${TAG:-1.36}\n',
        'FROM alpine:3.20-$TARGETARCH\n',
      ],
    },
  },
  check(context) {
    const { file, settings } = context;
    // Most FROM lines name a literal image: the global ARG defaults are evaluated only for one with a variable.
    let lookup: ((name: string) => VariableValue) | undefined;
    for (const stage of file.stages) {
      const token = stage.from.args[0];
      if (!token || findReferences(token.text, file.escapeChar).length === 0) continue;
      lookup ??= globalArgDefaults(file, settings.buildArgs);
      const value = expandWord(token.text, lookup, file.escapeChar).value.trim();
      if (value !== '') {
        const lower = value.toLowerCase();
        if (lower === 'scratch' || file.stages.some((each) => each.index < stage.index && each.name === lower)) continue;
        if (!referenceProblem(value)) continue;
      }
      context.report({
        message: `With default ARG values the image reference becomes '${value}', which is not valid`,
        range: token.range,
        codes: ['InvalidDefaultArgInFrom'],
      });
    }
  },
});

/** The value of each global ARG with its default (or build argument), the platform ARGs as placeholders, others empty. */
function globalArgDefaults(file: BuildFile, buildArgs: Readonly<Record<string, string>>): (name: string) => VariableValue {
  const values = new Map<string, VariableValue>();
  for (const name of PLATFORM_ARGS) values.set(name, { known: true, value: PLACEHOLDERS[name] ?? 'x' });
  const lookup = (name: string): VariableValue => values.get(name) ?? { known: true, value: '' };
  for (const node of file.globalInstructions) {
    if (node.keyword !== 'ARG') continue;
    for (const property of node.properties) {
      const fromBuild = buildArgs[property.name];
      if (fromBuild !== undefined) values.set(property.name, { known: true, value: fromBuild });
      else if (!PLATFORM_ARGS.includes(property.name)) {
        const raw = property.valueToken?.text;
        values.set(property.name, { known: true, value: raw === undefined ? '' : expandWord(raw, lookup, file.escapeChar).value });
      }
    }
  }
  return lookup;
}
