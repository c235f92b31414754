import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShellText } from '../../src/shell/parse.js';
import type { ShellScript, ShellWord } from '../../src/shell/types.js';
import { parseRun } from './helpers.js';

const TOKENS = [
  ' ', ' ', ' ', '\n', '\t', '\\\n', '\\', ';', ';;', '&', '&&', '|', '||', '|&', '(', ')', '((', '))', '{', '}', '[[', ']]',
  '<', '>', '>>', '2>&1', '&>', '<<', '<<-', '<<<', 'EOF', "'", '"', '`', '$', '$(', '${', '$((', "$'", '$"', '<(', '>(',
  '#', '=', 'X=', 'a', 'b', 'cmd', '-c', '-u', '--', 'if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done',
  'while', 'until', 'case', 'esac', 'function', 'f()', '!', 'sudo', 'env', 'sh', 'bash', 'su', 'xargs', 'exec',
  'timeout', 'nice', '\r', '\u0000', 'é', '\\n', '*', '?', '[', ']', '~', '%', '@',
];

const script = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join(''));

function* allWords(s: ShellScript): Generator<ShellWord> {
  for (const c of s.commands) {
    yield* c.words;
    yield* c.args;
    if (c.name) yield c.name;
    for (const a of c.assignments) if (a.value) yield a.value;
    for (const r of c.redirects) if (r.target) yield r.target;
    yield* c.wrapperWords ?? [];
  }
}

function checkScript(s: ShellScript, fileLength: number, lineCount: number): void {
  for (const w of allWords(s)) {
    expect(w.startOffset).toBeGreaterThanOrEqual(0);
    expect(w.startOffset).toBeLessThanOrEqual(w.endOffset);
    expect(w.endOffset).toBeLessThanOrEqual(fileLength);
    expect(w.range.start.line).toBeGreaterThanOrEqual(0);
    expect(w.range.end.line).toBeLessThan(lineCount);
    const { start, end } = w.range;
    expect(start.line < end.line || (start.line === end.line && start.character <= end.character)).toBe(true);
  }
  for (const c of s.commands) {
    const { start, end } = c.range;
    expect(start.line < end.line || (start.line === end.line && start.character <= end.character)).toBe(true);
    expect(end.line).toBeLessThan(lineCount);
  }
}

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

describe('property: the parser never throws and positions stay in bounds', () => {
  it('on random shell-ish token soup', () => {
    fc.assert(
      fc.property(script, (text) => {
        const s = parseShellText(text);
        checkScript(s, text.length, lineCount(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('on random token soup behind a joined RUN continuation', () => {
    fc.assert(
      fc.property(script, (body) => {
        const file = `FROM x\nRUN ${body}`;
        const s = parseRun(file, 11);
        checkScript(s, file.length, lineCount(file));
      }),
      { numRuns: 1000 },
    );
  });

  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
        const s = parseShellText(text);
        checkScript(s, text.length, lineCount(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('commands come out in source order', () => {
    fc.assert(
      fc.property(script, (text) => {
        const s = parseShellText(text);
        let last = -1;
        for (const c of s.commands) {
          if (c.wrappers.some((w) => w.endsWith(' -c'))) continue;
          const start = c.range.start.line * 1e6 + c.range.start.character;
          expect(start).toBeGreaterThanOrEqual(last);
          last = start;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
