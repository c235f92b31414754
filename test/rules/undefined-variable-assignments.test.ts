/**
 * Differential test of undefined-variable's `ShellAssignments` against the four global regular
 * expressions it replaced (kept here verbatim as the reference): for every `$` of every corpus RUN
 * script (and each name it references) and of thousands of generated scripts (and a few names), both say whether the script assigns
 * the name before that `$`.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShellAssignments } from '../../rules/undefined-variable.js';
import { BuildFile } from '../../src/model/build-file.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus/files');
const hasCorpus = fs.existsSync(CORPUS);

const OLD_PATTERNS: readonly RegExp[] = [
  /(?:^|[\s;&|(`])(?:(?:export|local|readonly|declare|typeset)\s+(?:-\w+\s+)*)?([A-Za-z_][A-Za-z0-9_]*)\+?=/g,
  /\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s/g,
  /\bread\s+(?:-[A-Za-z]+\s+(?:\S+\s+)?){0,8}([A-Za-z_][A-Za-z0-9_]*(?:\s+[A-Za-z_][A-Za-z0-9_]*)*)/g,
  /\bexport\s+([A-Za-z_][A-Za-z0-9_]*)\b/g,
];

/** The old assignments: every match of every pattern, for each name it captures. */
function oldAssignments(text: string): { name: string; offset: number }[] {
  const found: { name: string; offset: number }[] = [];
  for (const pattern of OLD_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      for (const name of (match[1] as string).trim().split(/\s+/)) found.push({ name, offset: match.index });
    }
  }
  return found;
}

function expectSameAnswers(text: string, names: readonly string[]): void {
  const assignments = new ShellAssignments(text);
  const old = oldAssignments(text);
  for (let at = text.indexOf('$'); at !== -1; at = text.indexOf('$', at + 1)) {
    for (const name of names) {
      const expected = old.some((each) => each.name === name && each.offset < at);
      if (assignments.before(name, at) !== expected) expect({ text, name, at, assigned: !expected }).toEqual({ text, name, at, assigned: expected });
    }
  }
}

const NAMES = ['x', 'X', 'FOO', 'ab_1', 'export', 'read', 'for', 'local'];
const PIECES = [
  ...NAMES, ' ', '  ', '\t', '\n', '\u00a0', '=', '+=', '+', ';', '&', '|', '(', '`', '$', '${', '}', '-p', '-a', '-r', '--', 'in',
  '"', "'", '\\', 'declare', 'readonly', 'typeset', 'do', 'done', 'echo', '1', '/x', 'X1', '_',
];

describe('undefined-variable: shell assignments', () => {
  it('agrees with the old patterns on generated scripts', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => expectSameAnswers(pieces.join(''), NAMES)),
      { numRuns: 20_000 },
    );
  });

  it('agrees with the old patterns on examples', () => {
    for (const text of [
      'x=1 && echo $x',
      'echo $x; x=1',
      'export -n x=1; echo $x',
      'local x+=1 $x',
      'read -p "$x" x',
      'read -r -p prompt a b x; echo $x',
      'for x in 1 2; do echo $x; done',
      'export x; echo $x',
      'exportx=1 $x',
      'x=$x',
      '(x=1)$x',
      'ab_1=1 $ab_1 X1=2 $X',
    ]) {
      expectSameAnswers(text, NAMES);
    }
  });

  it.skipIf(!hasCorpus)('agrees with the old patterns on every corpus RUN script, for the names it references', () => {
    for (const entry of fs.readdirSync(CORPUS)) {
      const file = new BuildFile(fs.readFileSync(path.join(CORPUS, entry), 'utf8'));
      for (const stage of file.stages) {
        for (const node of stage.instructions) {
          const text = node.keyword === 'RUN' ? node.argsToken?.text : undefined;
          if (!text?.includes('$')) continue;
          expectSameAnswers(text, [...new Set(text.match(/(?<=\$\{?)[A-Za-z_][A-Za-z0-9_]*/g))]);
        }
      }
    }
  });
});
