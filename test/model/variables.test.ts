import { describe, expect, it } from 'vitest';
import { expandWord, NAME_CHARS } from '../../src/model/variables.js';
import type { VariableValue } from '../../src/model/types.js';
import { parseImageRef, splitReference } from '../../src/model/image-ref.js';

const vars: Record<string, VariableValue> = {
  NAME: { known: true, value: 'app' },
  EMPTY: { known: true, value: '' },
  FILE: { known: true, value: 'archive.tar.gz' },
  UNKNOWN: { known: false },
};
const lookup = (name: string) => vars[name];
const expand = (word: string) => expandWord(word, lookup);

describe('expandWord', () => {
  it('reads variable names of exactly [A-Za-z_][A-Za-z0-9_]* (names are tested by char code)', () => {
    const known = (name: string): VariableValue | undefined => ({ known: true, value: `<${name}>` });
    // Quotes, escapes, `$`, braces and modifier characters mean something else after a name.
    const special = new Set('"\'\\${}:-+?#%/');
    for (let c = 0; c < 0x250; c++) {
      const ch = String.fromCharCode(c);
      if (special.has(ch)) continue;
      const startsName = /[A-Za-z_]/.test(ch);
      const continuesName = /[A-Za-z0-9_]/.test(ch);
      expect(expandWord(`$${ch}x`, known).value).toBe(startsName ? `<${ch}x>` : `$${ch}x`);
      expect(expandWord(`$a${ch}`, known).value).toBe(continuesName ? `<a${ch}>` : `<a>${ch}`);
      expect(expandWord(`\${a${ch}}`, known).value).toBe(continuesName ? `<a${ch}>` : `\${a${ch}}`);
    }
  });

  it('NAME_CHARS holds 1 for exactly [A-Za-z0-9_], for every char code and NaN', () => {
    for (let c = 0; c <= 0xffff; c++) {
      expect(NAME_CHARS[c] === 1).toBe(/[A-Za-z0-9_]/.test(String.fromCharCode(c)));
    }
    expect(NAME_CHARS[Number.NaN] === 1).toBe(false);
  });

  it.each([
    ['$NAME', 'app'],
    ['${NAME}', 'app'],
    ['pre-${NAME}-post', 'pre-app-post'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${NAME:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${FILE#*.}', 'tar.gz'],
    ['${FILE##*.}', 'gz'],
    ['${FILE%.*}', 'archive.tar'],
    ['${FILE%%.*}', 'archive'],
    ['${FILE/tar/zip}', 'archive.zip.gz'],
    ["'$NAME'", '$NAME'],
    ['"$NAME"', 'app'],
    ['\\$NAME', '$NAME'],
    ['${EMPTY:-${NAME}}', 'app'],
  ])('%s → %s', (word, expected) => {
    const result = expand(word);
    expect(result.value).toBe(expected);
    expect(result.known).toBe(true);
  });

  it('marks references to unknown or undeclared variables unknown and keeps their text', () => {
    expect(expand('img:${UNKNOWN}')).toMatchObject({ known: false, value: 'img:${UNKNOWN}' });
    expect(expand('$UNDECLARED')).toMatchObject({ known: false });
    expect(expand('${UNKNOWN:-x}').known).toBe(false);
  });

  it('records each reference with its modifier', () => {
    expect(expand('${FILE%%.*} $NAME').references.map((r) => [r.name, r.modifier, r.modifierWord, r.start, r.end])).toEqual([
      ['FILE', '%%', '.*', 0, 11],
      ['NAME', undefined, undefined, 12, 17],
    ]);
  });

  it('leaves a lone or malformed dollar alone', () => {
    expect(expand('cost $5 and ${').value).toBe('cost $5 and ${');
  });

  // Ordinary characters are copied in runs between quotes, `$` and escapes: the runs must join
  // exactly as the character-by-character reading did (expected values from that reading).
  it.each([
    ['plain text with no specials', '\\', 'plain text with no specials'],
    ["head 'single $NAME' tail", '\\', 'head single $NAME tail'],
    ["unterminated 'single quote", '\\', 'unterminated single quote'],
    ['a"b c"d', '\\', 'ab cd'],
    ['"in \\"double\\" \\$NAME \\x"', '\\', 'in "double" $NAME \\x'],
    ['trailing escape\\', '\\', 'trailing escape\\'],
    ['esc\\aped\\ space', '\\', 'escaped space'],
    ['cost $5 and ${ and $', '\\', 'cost $5 and ${ and $'],
    ['pre$NAME.post${NAME}end', '\\', 'preapp.postappend'],
    ['back`tick `$NAME and \\kept', '`', 'backtick $NAME and \\kept'],
    ['"quoted `" and `$NAME"', '`', 'quoted " and $NAME'],
  ])('%s (escape %s) → %s', (word, escapeChar, expected) => {
    expect(expandWord(word, lookup, escapeChar).value).toBe(expected);
  });
});

describe('image references', () => {
  it.each([
    ['ubuntu', 'docker.io', 'library/ubuntu', undefined, undefined],
    ['ubuntu:22.04', 'docker.io', 'library/ubuntu', '22.04', undefined],
    ['bitnami/redis:7', 'docker.io', 'bitnami/redis', '7', undefined],
    ['localhost:5000/app', 'localhost:5000', 'app', undefined, undefined],
    ['registry.example.com:443/team/app:1.0', 'registry.example.com:443', 'team/app', '1.0', undefined],
    ['ghcr.io/o/i@sha256:abc', 'ghcr.io', 'o/i', undefined, 'sha256:abc'],
    ['img:latest@sha256:abc', 'docker.io', 'library/img', 'latest', 'sha256:abc'],
  ])('%s', (reference, registry, repository, tag, digest) => {
    expect(splitReference(reference)).toMatchObject({ registry, repository, tag, digest });
  });

  it('recognises scratch and empty references', () => {
    const token = { text: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, startOffset: 0, endOffset: 0 };
    expect(parseImageRef({ written: 'SCRATCH', resolved: 'SCRATCH', known: true, token, earlierStages: [] }).kind).toBe('scratch');
    expect(parseImageRef({ written: '$X', resolved: '', known: true, token, earlierStages: [] }).kind).toBe('empty');
  });
});
