/**
 * Differential test of the model's instruction starts and escape character against
 * dockerfile-ast (a devDependency since the model no longer uses it): for every corpus file
 * and for thousands of generated texts, (a) the escape character is dockerfile-ast's
 * `getEscapeCharacter()`, (b) the instructions BuildFile builds start where the old model's
 * did: dockerfile-ast's instruction starts, dropping any that lies inside the extent
 * `[start, endOffset)` of the previously kept instruction (a heredoc body dockerfile-ast did
 * not see, a continuation it ended earlier).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { BuildFile } from '../../src/model/build-file.js';
import { ParsedInstruction } from '../../src/model/instruction.js';
import { LineTable } from '../../src/model/line-table.js';
import { scanInstructionStarts } from '../../src/model/instruction-starts.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus/files');
const hasCorpus = fs.existsSync(CORPUS);

interface Reference {
  /** dockerfile-ast's `getEscapeCharacter()`, as returned. */
  escape: string;
  /** Every instruction start dockerfile-ast reports. */
  astStarts: number[];
  /** The starts the old BuildFile kept. */
  starts: number[];
}

/** The old BuildFile loop, verbatim in what decides the starts. */
function reference(text: string): Reference {
  const parsed = DockerfileParser.parse(text);
  const escape = parsed.getEscapeCharacter();
  const lines = new LineTable(text);
  const source = { text, lines, escapeChar: escape === '`' ? '`' : '\\' };
  const astStarts: number[] = [];
  const starts: number[] = [];
  let coveredUntil = -1;
  for (const instruction of parsed.getInstructions()) {
    const start = lines.offsetAt(instruction.getInstructionRange().start);
    astStarts.push(start);
    if (start < coveredUntil) continue;
    coveredUntil = new ParsedInstruction(source, start, starts.length, undefined).endOffset;
    starts.push(start);
  }
  return { escape, astStarts, starts };
}

function check(text: string): void {
  const expected = reference(text);
  // The scan reproduces dockerfile-ast's own starts (the model then drops those inside the previous extent).
  const scanned = scanInstructionStarts(text);
  expect(scanned.escapeChar).toBe(expected.escape);
  expect(scanned.starts).toEqual(expected.astStarts);
  const file = new BuildFile(text);
  expect(file.escapeChar).toBe(expected.escape);
  expect(file.instructions.map((node) => node.keywordToken.startOffset)).toEqual(expected.starts);
}

/** A readable label for a failing text. */
const show = (text: string): string => JSON.stringify(text);

describe.skipIf(!hasCorpus)('instruction starts and escape character on the corpus', () => {
  const names = hasCorpus ? fs.readdirSync(CORPUS).sort() : [];
  it(`match dockerfile-ast for every file (${names.length}), read as UTF-8 and as latin1`, () => {
    const failures: string[] = [];
    for (const name of names) {
      const bytes = fs.readFileSync(path.join(CORPUS, name));
      for (const encoding of ['utf8', 'latin1'] as const) {
        try {
          check(bytes.toString(encoding));
        } catch (error) {
          failures.push(`${name} (${encoding}): ${(error as Error).message.split('\n')[0]}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated texts: lines built from tricky pieces, joined with LF, CRLF or a lone CR.

const LINES = [
  // instructions
  'FROM alpine:3.20', 'from alpine AS build', 'RUN echo hi', 'run echo hi', '  RUN indented', '\tCOPY a b', 'USER app',
  'RUN echo a \\', 'RUN echo a `', 'RUN echo a \\  ', 'RUN a \\ \\', 'RUN a \\ b', 'RUN a` b', 'ENV A=1 \\', 'LABEL a=b`',
  'CMD ["a", "b"]', 'CMD ["a", \\', 'RUN ["sh", "-c", "<<EOF"]', 'ENTRYPOINT [ "x" ] `', 'EXPOSE 80 # not a comment',
  'ONBUILD RUN echo', 'ONBUILD RUN <<EOF', 'onbuild copy <<X /x', 'ONBUILD', 'ONBUILD \\', 'HEALTHCHECK CMD x',
  'RU\\', 'N x', 'RU`', 'R\\UN x', 'RUN\\', 'RUN\\ x', 'FROM\\ \\', 'RUN#x', 'RUN\t#x',
  // heredocs
  'RUN <<EOF', 'RUN <<-EOF', 'RUN <<-"EOF"', "COPY << 'X' /x", 'COPY <<X /x', 'ADD <<"EOF" /a', 'RUN <<EOF cat <<EOT',
  'RUN <<EOF <<-EOT', 'RUN cat <<EOF \\', 'RUN --mount=type=cache,target=/x <<EOF', "RUN <<'EOF'", 'RUN <<"EOF',
  'RUN <<-', 'RUN <<""', 'RUN 2<<EOF', 'RUN <<<EOF', 'RUN <\\<EOF', 'RUN <`<EOF', 'RUN x<<EOF', 'RUN "<<EOF"',
  'RUN <<EOF\\', 'RUN <<E\\OF', 'RUN --x <<EOF', 'RUN a--b --m <<EOF', 'RUN <<--EOF --x', 'COPY --from=a <<EOF /b',
  'RUN << EOF', 'RUN <<EOF && echo', 'RUN <<E$F', 'RUN <<EOF #', 'RUN <<"', "COPY <<' /x", 'RUN <<-\'X\'', 'RUN <<E\\$F',
  'RUN \\', '  <<EOF', 'RUN \\', '# c', '<<-EOT',
  // heredoc bodies and terminators
  'EOF', '\tEOF', '\t\tEOT', ' EOF', 'EOF ', 'X', 'EOT', 'echo body', '"EOF"', 'EOF\\', '"', "'", 'E$F', 'E\\$F', '\tX',
  // comments and directives
  '# comment', '   # indented comment', '#', '#\\', '# comment \\', '# escape=`', '# escape=\\', '#escape=`', '# ESCAPE = `',
  '#  escape  =  `  ', '# escape=` trailing', '# escape=x', '# escape=', '# escape= ', '# escape=``', '# Escape=`',
  '# es cape=`', '# escape foo=`', '# syntax=docker/dockerfile:1', '#syntax=x', '#!/bin/sh', '#directive=x',
  '# a=b #escape=`', '\t# escape=`', '  # escape=`', '#=`', '# check=skip=all',
  // blank lines and lone escapes
  '', '', '', '   ', '\t', ' \t ', '\\', '`', '  \\', ' ` ', '\\ ', '\\\\', '``',
];

/** Generated texts per property; raise for a longer run: `LAYERLINT_DIFF_RUNS=200000 npx vitest run test/model/instruction-starts.test.ts`. */
const RUNS = Number(process.env.LAYERLINT_DIFF_RUNS ?? 4000);

const LINE_BREAKS = ['\n', '\n', '\n', '\n', '\r\n', '\r\n', '\r'];

const linesText = fc
  .record({
    bom: fc.boolean(),
    lines: fc.array(fc.tuple(fc.constantFrom(...LINES), fc.constantFrom(...LINE_BREAKS)), { maxLength: 14 }),
    finalBreak: fc.boolean(),
  })
  .map(({ bom, lines, finalBreak }) => {
    let text = bom ? '\uFEFF' : '';
    lines.forEach(([line, br], i) => {
      text += line;
      if (i < lines.length - 1 || finalBreak) text += br;
    });
    return text;
  });

const CHARS = [
  ' ', ' ', '\t', '\n', '\n', '\n', '\r', '\r\n', '#', '#', '\\', '\\', '`', '<', '<<', '-', '"', "'", '=', '$', '[', ']',
  'R', 'U', 'N', 'r', 'u', 'n', 'E', 'O', 'F', 'X', 'escape', 'ONBUILD ', 'COPY ', 'ADD ', 'RUN ', 'FROM ', '\uFEFF', 'a',
];

const charsText = fc.array(fc.constantFrom(...CHARS), { maxLength: 60 }).map((parts) => parts.join(''));

describe('instruction starts and escape character on generated texts', () => {
  it('match dockerfile-ast on texts built from tricky lines', () => {
    fc.assert(
      fc.property(linesText, (text) => {
        try {
          check(text);
        } catch (error) {
          throw new Error(`${show(text)}: ${(error as Error).message}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('match dockerfile-ast on texts built from tricky characters', () => {
    fc.assert(
      fc.property(charsText, (text) => {
        try {
          check(text);
        } catch (error) {
          throw new Error(`${show(text)}: ${(error as Error).message}`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
