import { defineRule } from '../src/engine/types.js';

const PLAIN = /^\$(?:TARGETPLATFORM|\{TARGETPLATFORM\})$/;
const WITH_DEFAULT = /^\$\{TARGETPLATFORM:-[^}]*\}$/;

export default defineRule({
  meta: {
    id: 'no-redundant-target-platform',
    codes: ['DL3065', 'RedundantTargetPlatform'],
    severity: 'info',
    category: 'maintainability',
    presets: ['recommended'],
    description: '`FROM --platform=$TARGETPLATFORM` restates the default',
    rationale:
      'Every stage is built for the target platform unless told otherwise, so `--platform=$TARGETPLATFORM` adds ' +
      'noise and suggests to readers that the stage is special when it is not.',
    fixable: 'safe/unsafe',
    fixDescription:
      'Deletes the flag and the whitespace after it. Safe for `$TARGETPLATFORM` and `${TARGETPLATFORM}`; unsafe for ' +
      '`${TARGETPLATFORM:-default}`, since a builder without automatic platform ARGs would use the default.',
    examples: {
      invalid: ['FROM --platform=$TARGETPLATFORM alpine:3.20\n'],
      valid: ['FROM alpine:3.20\n', 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM alpine:3.20\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const stage of file.stages) {
      const flag = stage.platform;
      if (flag?.value === undefined) continue;
      const plain = PLAIN.test(flag.value);
      if (!plain && !WITH_DEFAULT.test(flag.value)) continue;
      let end = flag.token.endOffset;
      while (end < file.text.length && /[ \t]/.test(file.text[end] as string)) end++;
      context.report({
        message: '--platform=$TARGETPLATFORM is the default and can be removed',
        range: flag.token.range,
        codes: ['DL3065', 'RedundantTargetPlatform'],
        fix: { edits: [{ range: file.lines.range(flag.token.startOffset, end), text: '' }], safe: plain, description: 'Remove the redundant --platform flag' },
      });
    }
  },
});
