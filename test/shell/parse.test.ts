import { describe, expect, it } from 'vitest';
import { LineTable } from '../../src/model/line-table.js';
import { parseShellScript, parseShellText } from '../../src/shell/parse.js';
import type { ShellWord } from '../../src/shell/types.js';
import { copyWord } from '../../src/shell/word.js';
import { argvs, cmds, names, parseRun, r0, rng } from './helpers.js';

describe('lists and operators', () => {
  it('lists commands joined by && || ; & and newlines, with followedBy', () => {
    const list = cmds('a && b || c; d & e\nf');
    expect(list.map((c) => c.name?.value)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(list.map((c) => c.followedBy)).toEqual(['&&', '||', ';', '&', '\n', undefined]);
    expect(list.every((c) => c.placement === 'list')).toBe(true);
  });

  it('allows newlines after && and ||', () => {
    expect(names('a &&\n  b ||\n\n c')).toEqual(['a', 'b', 'c']);
  });

  it('gives exact word and command ranges', () => {
    const [a, b] = cmds('apt-get update && apt-get install -y curl');
    expect(a?.name?.range).toEqual(r0(0, 7));
    expect(a?.range).toEqual(r0(0, 14));
    expect(b?.name?.range).toEqual(r0(18, 25));
    expect(b?.args.map((w) => w.range)).toEqual([r0(26, 33), r0(34, 36), r0(37, 41)]);
    expect(b?.args[2]?.startOffset).toBe(37);
    expect(b?.args[2]?.endOffset).toBe(41);
    expect(b?.range).toEqual(r0(18, 41));
  });

  it('keeps the raw text apart from the value only where quoting or escapes change it', () => {
    const [plain, quoted, escaped] = cmds(`echo plain 'q t' a\\ b`)[0]?.args ?? [];
    expect(plain).toMatchObject({ raw: 'plain', value: 'plain', quoted: false });
    expect(quoted).toMatchObject({ raw: "'q t'", value: 'q t', quoted: true });
    expect(escaped).toMatchObject({ raw: 'a\\ b', value: 'a b', quoted: true });
  });

  it('computes ranges on demand, and copyWord keeps them', () => {
    const [, arg] = cmds('echo \\\n  two')[0]?.words ?? [];
    expect(arg?.range).toEqual(rng(1, 2, 1, 5));
    const copy = copyWord(arg as ShellWord, { value: 'other' });
    expect(copy).toMatchObject({ raw: 'two', value: 'other', startOffset: 9, endOffset: 12, range: rng(1, 2, 1, 5) });
  });

  it('handles multi-line scripts', () => {
    const list = cmds('set -e\n\nif true; then\n  echo  hi\nfi\n');
    expect(list.map((c) => c.name?.value)).toEqual(['set', 'true', 'echo']);
    expect(list[2]?.args[0]?.range).toEqual(rng(3, 8, 3, 10));
  });
});

describe('pipelines', () => {
  it('marks the stages of a pipeline', () => {
    const list = cmds('curl -s x | tar xz -C / && ls | grep a |& wc -l');
    expect(list.map((c) => c.placement)).toEqual(['pipeline', 'pipeline', 'pipeline', 'pipeline', 'pipeline']);
    expect(list.map((c) => c.pipeline)).toEqual([
      { id: 0, stage: 0, stages: 2 },
      { id: 0, stage: 1, stages: 2 },
      { id: 1, stage: 0, stages: 3 },
      { id: 1, stage: 1, stages: 3 },
      { id: 1, stage: 2, stages: 3 },
    ]);
    expect(list.map((c) => c.followedBy)).toEqual(['|', '&&', '|', '|', undefined]);
  });

  it('a single command is not a pipeline', () => {
    const [c] = cmds('echo hi');
    expect(c?.pipeline).toBeUndefined();
    expect(c?.placement).toBe('list');
  });

  it('handles ! negation', () => {
    const list = cmds('! grep -q x f && ! a | b');
    expect(list.map((c) => c.name?.value)).toEqual(['grep', 'a', 'b']);
    expect(list[0]?.name?.range).toEqual(r0(2, 6));
    expect(list[1]?.placement).toBe('pipeline');
  });
});

describe('compound commands', () => {
  it('subshells and brace groups', () => {
    const list = cmds('(cd /x && make) ; { echo a; echo b; } > log');
    expect(list.map((c) => [c.name?.value, c.placement])).toEqual([
      ['cd', 'subshell'],
      ['make', 'subshell'],
      ['echo', 'list'],
      ['echo', 'list'],
    ]);
    expect(list[1]?.range).toEqual(r0(10, 14));
  });

  it('nested subshells', () => {
    expect(names('( (a) ; (b | c) )')).toEqual(['a', 'b', 'c']);
    expect(cmds('( (a) )')[0]?.placement).toBe('subshell');
  });

  it('if / elif / else', () => {
    expect(names('if a; then b; elif c; then d; else e; fi; f')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(names('if a\nthen\n b\nfi')).toEqual(['a', 'b']);
    expect(names('if ! a; then b; fi > /dev/null 2>&1')).toEqual(['a', 'b']);
  });

  it('for / while / until / select', () => {
    expect(names('for i in 1 2 $(seq 3); do echo $i; done')).toEqual(['seq', 'echo']);
    expect(names('for i\ndo echo $i\ndone')).toEqual(['echo']);
    expect(names('for ((i=0; i<3; i++)); do echo $i; done')).toEqual(['echo']);
    expect(names('while read -r l; do echo "$l"; done < file')).toEqual(['read', 'echo']);
    expect(names('until test -f x; do sleep 1; done')).toEqual(['test', 'sleep']);
    expect(names('select x in a b; do break; done')).toEqual(['break']);
    expect(cmds('for i in a b; do echo $i; done')[0]?.args[0]?.range).toEqual(r0(22, 24));
  });

  it('case: patterns are not commands', () => {
    const text = 'case "$1" in\n  start|run) exec app ;;\n  (stop) kill 1;;\n  *) echo usage; exit 1 ;;\nesac; after';
    expect(names(text)).toEqual(['app', 'kill', 'echo', 'exit', 'after']);
    expect(cmds(text)[0]?.wrappers).toEqual(['exec']);
    expect(names('case x in a) b ;& c) d ;;& *) e\nesac')).toEqual(['b', 'd', 'e']);
    expect(names('case x in esac; y')).toEqual(['y']);
  });

  it('function definitions list their body commands only', () => {
    expect(names('f() { echo a; }; f')).toEqual(['echo', 'f']);
    expect(names('f () {\n  echo a\n}\nf')).toEqual(['echo', 'f']);
    expect(names('function g { echo b; }; function h() ( echo c ); g')).toEqual(['echo', 'echo', 'g']);
  });

  it('[[ ]] is a command named [[', () => {
    const [c, d] = cmds('[[ -n "$x" && $y =~ ^(a|b)$ ]] && echo ok');
    expect(c?.name?.value).toBe('[[');
    expect(c?.args.map((w) => w.value).slice(0, 4)).toEqual(['-n', '$x', '&&', '$y']);
    expect(c?.args.at(-1)?.value).toBe(']]');
    expect(c?.followedBy).toBe('&&');
    expect(d?.name?.value).toBe('echo');
    expect(names('[[ a < b ]] || x')).toEqual(['[[', 'x']);
  });

  it('a reserved word is recognised only as a whole word', () => {
    expect(names('iffy; done2 x; fiddle; thenx; casey; functions; {x; [[x')).toEqual(['iffy', 'done2', 'fiddle', 'thenx', 'casey', 'functions', '{x', '[[x']);
    expect(names('if a; then b; fi;c')).toEqual(['a', 'b', 'c']);
    expect(names('while a; do b; done|c')).toEqual(['a', 'b', 'c']);
    expect(parseShellText('then x').hasSyntaxError).toBe(true);
    expect(parseShellText('thenx y').hasSyntaxError).toBe(false);
  });

  it('arithmetic (( )) has no commands', () => {
    expect(names('(( i++ )) && echo $(( i * 2 ))')).toEqual(['echo']);
    expect(names('((x = $(cmd) ))')).toEqual([]);
    // `((` that is really two subshells (it does not end in `))`)
    expect(names('((a) ; (b) )')).toEqual(['a', 'b']);
  });

  it('comments', () => {
    const s = parseShellText('echo a # not a command; rm -rf /\n# b\necho c#d');
    expect(s.hasComments).toBe(true);
    expect(s.commands.map((c) => c.name?.value)).toEqual(['echo', 'echo']);
    expect(s.commands[1]?.args[0]?.value).toBe('c#d');
    expect(s.commands[0]?.followedBy).toBe('\n');
    expect(parseShellText('echo a#b').hasComments).toBe(false);
    expect(parseShellText("echo '#x' \"#y\" \\#z").hasComments).toBe(false);
  });
});

describe('substitutions', () => {
  it('$( ) commands are listed with placement substitution, in source order', () => {
    const list = cmds('echo "v=$(cat /v | tr -d x)" $(date)');
    expect(list.map((c) => [c.name?.value, c.placement])).toEqual([
      ['echo', 'list'],
      ['cat', 'pipeline'],
      ['tr', 'pipeline'],
      ['date', 'substitution'],
    ]);
    expect(list[1]?.scope).toBe('substitution');
    expect(list[0]?.scope).toBe('list');
    expect(list[1]?.name?.range).toEqual(r0(10, 13));
    expect(list[3]?.name?.range).toEqual(r0(31, 35));
    expect(list[0]?.args.map((w) => w.value)).toEqual(['v=$(cat /v | tr -d x)', '$(date)']);
  });

  it('nested $( $( ) )', () => {
    const list = cmds('a $(b $(c) "$(d)")');
    expect(list.map((c) => [c.name?.value, c.placement])).toEqual([
      ['a', 'list'],
      ['b', 'substitution'],
      ['c', 'substitution'],
      ['d', 'substitution'],
    ]);
    expect(list[2]?.name?.range).toEqual(r0(8, 9));
  });

  it('backquotes', () => {
    const list = cmds('echo `uname -m` "`id -u`"');
    expect(list.map((c) => [c.name?.value, c.placement])).toEqual([
      ['echo', 'list'],
      ['uname', 'substitution'],
      ['id', 'substitution'],
    ]);
    expect(list[1]?.args[0]?.range).toEqual(r0(12, 14));
    expect(list[2]?.name?.range).toEqual(r0(18, 20));
    expect(list[0]?.args[0]?.hasCommandSubstitution).toBe(true);
  });

  it('backquotes with escapes inside map back monotonically', () => {
    const list = cmds('a `b \\`c\\` d`');
    expect(list.map((c) => c.name?.value)).toEqual(['a', 'b', 'c']);
    const b = list[1];
    // The unescaped inner word starts at its backquote (the removed backslash is left out).
    expect(b?.args.map((w) => w.range)).toEqual([r0(6, 10), r0(11, 12)]);
    expect(list[2]?.name?.range).toEqual(r0(7, 8));
  });

  it('backquotes inside double quotes drop the backslash of \\"', () => {
    const list = cmds('echo "`echo \\"x y\\"`"');
    expect(list[1]?.args.map((w) => w.value)).toEqual(['x y']);
  });

  it('process substitution', () => {
    const list = cmds('diff <(sort a) >(tee b) && cat < <(ls)');
    expect(list.map((c) => [c.name?.value, c.placement])).toEqual([
      ['diff', 'list'],
      ['sort', 'substitution'],
      ['tee', 'substitution'],
      ['cat', 'list'],
      ['ls', 'substitution'],
    ]);
    expect(list[0]?.args.map((w) => w.raw)).toEqual(['<(sort a)', '>(tee b)']);
    expect(list[3]?.redirects[0]?.target?.raw).toBe('<(ls)');
  });

  it('substitutions in assignments and ${ }', () => {
    const list = cmds('V=$(id -u) W="${X:-$(hostname)}" env');
    expect(list.map((c) => c.name?.value)).toEqual(['env', 'id', 'hostname']);
    expect(list[0]?.assignments.map((a) => a.name)).toEqual(['V', 'W']);
  });

  it('a case inside $( ) does not close the substitution early', () => {
    expect(names('x=$(case a in a) echo 1;; esac); y')).toEqual([undefined, 'echo', 'y']);
  });
});

describe('words', () => {
  const word = (text: string) => cmds(`echo ${text}`)[0]?.args[0];

  it('unquoted', () => {
    expect(word('abc')).toMatchObject({ raw: 'abc', value: 'abc', quoted: false, hasVariables: false, hasCommandSubstitution: false });
  });

  it('single quotes', () => {
    expect(word("'a b $x \\n'")).toMatchObject({ value: 'a b $x \\n', quoted: true, hasVariables: false });
    expect(word("pre'mid'post")).toMatchObject({ value: 'premidpost', quoted: true });
  });

  it('double quotes and their escapes', () => {
    expect(word('"a \\" \\\\ \\$x \\` \\n"')).toMatchObject({ value: 'a " \\ $x ` \\n', quoted: true, hasVariables: false });
    expect(word('"$HOME/x"')).toMatchObject({ value: '$HOME/x', hasVariables: true, hasCommandSubstitution: false });
    expect(word('"a\'b"')?.value).toBe("a'b");
  });

  it('ANSI-C quotes', () => {
    expect(word("$'a\\tb\\n\\x41\\101\\u00e9\\'q'")).toMatchObject({ value: "a\tb\nAAé'q", quoted: true, hasVariables: false });
    expect(word("$'\\z\\cA'")?.value).toBe('\\z\x01');
  });

  it('locale quotes $"..."', () => {
    expect(word('$"hi $x"')).toMatchObject({ value: 'hi $x', quoted: true, hasVariables: true });
  });

  it('backslash escapes', () => {
    expect(word('a\\ b\\$c')).toMatchObject({ raw: 'a\\ b\\$c', value: 'a b$c', quoted: true, hasVariables: false });
    expect(cmds('echo a\\\nb c')[0]?.args.map((w) => w.value)).toEqual(['ab', 'c']);
  });

  it('variables are kept literally', () => {
    expect(word('${A:-${B}}/$C$1$@')).toMatchObject({ value: '${A:-${B}}/$C$1$@', hasVariables: true, quoted: false });
    expect(word('${A:-"x y"}')?.raw).toBe('${A:-"x y"}');
    expect(word('a$')).toMatchObject({ value: 'a$', hasVariables: false });
    expect(word('$((1 + $x))')).toMatchObject({ value: '$((1 + $x))', hasVariables: true, hasCommandSubstitution: false });
    expect(word('$(a)')).toMatchObject({ hasVariables: true, hasCommandSubstitution: true });
  });

  it('globs, braces and extglobs stay literal', () => {
    expect(word('*.{a,b}')?.value).toBe('*.{a,b}');
    expect(word('!(x|y)')?.value).toBe('!(x|y)');
    expect(word('{a,b}')?.value).toBe('{a,b}');
  });

  it('quoted words span their quotes', () => {
    const w = word('"a b"c');
    expect(w?.range).toEqual(r0(5, 11));
    expect(w?.raw).toBe('"a b"c');
  });

  it('a quoted string with a newline spans lines', () => {
    const w = word('"a\nb"');
    expect(w?.range).toEqual(rng(0, 5, 1, 2));
  });
});

describe('assignments and redirects', () => {
  it('leading assignments', () => {
    const [c] = cmds('DEBIAN_FRONTEND=noninteractive A= B+=x C[1]=y apt-get -y install');
    expect(c?.name?.value).toBe('apt-get');
    expect(c?.assignments.map((a) => [a.name, a.value?.value])).toEqual([
      ['DEBIAN_FRONTEND', 'noninteractive'],
      ['A', undefined],
      ['B', 'x'],
      ['C[1]', 'y'],
    ]);
    expect(c?.assignments[0]?.range).toEqual(r0(0, 30));
    expect(c?.assignments[0]?.value?.range).toEqual(r0(16, 30));
    expect(c?.assignments[1]?.range).toEqual(r0(31, 33));
  });

  it('assignment names are exactly [A-Za-z_][A-Za-z0-9_]* (names are tested by char code)', () => {
    // Quoting, expansion, operators, blanks and the `[`, `+`, `=` of an assignment mean something else.
    const special = new Set('"\'\\$`;&|<>() \t\n\r[+=');
    for (let c = 0; c < 0x250; c++) {
      const ch = String.fromCharCode(c);
      if (special.has(ch)) continue;
      const continuesName = /[A-Za-z0-9_]/.test(ch);
      const [command] = cmds(`a${ch}=1 x`);
      expect(command?.assignments.map((a) => a.name)).toEqual(continuesName ? [`a${ch}`] : []);
      // Some characters first (`#`, `{`, `!`, ...) leave no command at all.
      const [first] = cmds(`${ch}a=1 x`);
      expect((first?.assignments ?? []).map((a) => a.name)).toEqual(/[A-Za-z_]/.test(ch) ? [`${ch}a`] : []);
    }
  });

  it('assignment-only commands have no name', () => {
    const [c] = cmds('A=1 B="x y"');
    expect(c?.name).toBeUndefined();
    expect(c?.args).toEqual([]);
    expect(c?.words).toEqual([]);
    expect(c?.assignments.map((a) => a.value?.value)).toEqual(['1', 'x y']);
  });

  it('array assignments', () => {
    const [c] = cmds('arr=(a "b c" $(d)) x');
    expect(c?.assignments[0]?.value?.raw).toBe('(a "b c" $(d))');
    expect(c?.name?.value).toBe('x');
  });

  it('words after the name that look like assignments are arguments', () => {
    const [c] = cmds('export A=1 B=2');
    expect(c?.args.map((w) => w.value)).toEqual(['A=1', 'B=2']);
    expect(c?.assignments).toEqual([]);
  });

  it('redirections are not argv words', () => {
    const [c] = cmds('cmd >out 2>&1 arg >>log <in &>all 3<>rw 2>/dev/null >| f <<<"here $x" 4>&- &>>both');
    expect(c?.args.map((w) => w.value)).toEqual(['arg']);
    expect(c?.redirects.map((r) => [r.operator, r.target?.value])).toEqual([
      ['>', 'out'],
      ['2>&', '1'],
      ['>>', 'log'],
      ['<', 'in'],
      ['&>', 'all'],
      ['3<>', 'rw'],
      ['2>', '/dev/null'],
      ['>|', 'f'],
      ['<<<', 'here $x'],
      ['4>&', '-'],
      ['&>>', 'both'],
    ]);
    expect(c?.redirects[1]?.range).toEqual(r0(9, 13));
    expect(c?.range.end.character).toBe(c?.redirects.at(-1)?.range.end.character);
  });

  it('redirections before the name', () => {
    const [c] = cmds('2>/dev/null >x cmd a');
    expect(c?.name?.value).toBe('cmd');
    expect(c?.redirects.length).toBe(2);
    expect(c?.range).toEqual(r0(0, 20));
  });

  it('a redirect-only command', () => {
    const [c] = cmds('> file');
    expect(c?.name).toBeUndefined();
    expect(c?.redirects[0]?.target?.value).toBe('file');
  });

  it('a digit word is not a redirect unless glued to the operator', () => {
    expect(cmds('echo 2 > x')[0]?.args.map((w) => w.value)).toEqual(['2']);
    expect(cmds('echo 2> x')[0]?.args).toEqual([]);
  });
});

describe('heredocs', () => {
  it('body lines are not commands', () => {
    const s = parseShellText('cat <<EOF > /etc/x\nrm -rf /\n$(evil)\nEOF\necho done');
    expect(s.commands.map((c) => c.name?.value)).toEqual(['cat', 'echo']);
    expect(s.commands[0]?.redirects.map((r) => [r.operator, r.target?.value])).toEqual([
      ['<<', 'EOF'],
      ['>', '/etc/x'],
    ]);
    expect(s.commands[1]?.range).toEqual(rng(4, 0, 4, 9));
    expect(s.hasSyntaxError).toBe(false);
  });

  it('<<- strips tabs and quoted delimiters are unquoted', () => {
    expect(names("cat <<-'END'\n\tnot a command\n\tEND\nls")).toEqual(['cat', 'ls']);
    expect(names('cat <<"E O"\nx\nE O\nls')).toEqual(['cat', 'ls']);
    expect(names('cat <<\\EOF\nx\nEOF\nls')).toEqual(['cat', 'ls']);
  });

  it('two heredocs on one line, and a pipeline continuing after the operator', () => {
    expect(names('paste <<A <<B | sort\na\nA\nb\nB\nls')).toEqual(['paste', 'sort', 'ls']);
  });

  it('heredoc inside $( ) and in a loop', () => {
    expect(names('x=$(cat <<EOF\nnot\nEOF\n)\nwhile read l; do echo; done <<EOF\nnope\nEOF\nls')).toEqual([
      undefined,
      'cat',
      'read',
      'echo',
      'ls',
    ]);
  });

  it('an unterminated heredoc swallows the rest', () => {
    const s = parseShellText('cat <<EOF\nrm -rf /');
    expect(s.commands.map((c) => c.name?.value)).toEqual(['cat']);
  });

  it('here-strings are not heredocs', () => {
    expect(names('cat <<< "x"\nls')).toEqual(['cat', 'ls']);
  });
});

describe('positions through a joined continuation', () => {
  it('maps words continued over lines back to the file', () => {
    const file = 'FROM x\nRUN apt-get install \\\n    curl \\\n  && rm -rf /var/lib/apt/lists/*';
    const s = parseRun(file, file.indexOf('apt-get'));
    const [install, rm] = s.commands;
    expect(install?.name?.range).toEqual(rng(1, 4, 1, 11));
    expect(install?.args[1]?.range).toEqual(rng(2, 4, 2, 8));
    expect(install?.args[1]?.startOffset).toBe(file.indexOf('curl'));
    expect(install?.range).toEqual(rng(1, 4, 2, 8));
    expect(install?.followedBy).toBe('&&');
    expect(rm?.name?.range).toEqual(rng(3, 5, 3, 7));
    expect(rm?.args[1]?.range).toEqual(rng(3, 12, 3, 32));
  });

  it('a word split by a continuation spans both lines', () => {
    const file = 'RUN echo cu\\\nrl';
    const s = parseRun(file, 4);
    const w = s.commands[0]?.args[0];
    expect(w?.value).toBe('curl');
    expect(w?.raw).toBe('curl');
    expect(w?.range).toEqual(rng(0, 9, 1, 2));
    expect(w?.startOffset).toBe(9);
    expect(w?.endOffset).toBe(15);
  });

  it('maps the value of an assignment behind a wrapper, and a word ending at a continuation', () => {
    const file = 'RUN sudo A=\\\nvalue \\\n  env B=x cmd';
    const [c] = parseRun(file, 4).commands;
    const [a, b] = c?.assignments ?? [];
    expect(a?.value?.value).toBe('value');
    expect(a?.value?.startOffset).toBe(file.indexOf('value'));
    expect(a?.value?.endOffset).toBe(file.indexOf('value') + 5);
    expect(a?.value?.range).toEqual(rng(1, 0, 1, 5));
    expect(b?.value?.range).toEqual(rng(2, 8, 2, 9));
    expect(c?.wrapperWords?.[1]?.endOffset).toBe(file.indexOf('value') + 5);
  });

  it('uses the given line table', () => {
    const file = 'X\r\nRUN a  b';
    const s = parseShellScript({ text: 'a  b', toFileOffset: (o) => o + 7, lines: new LineTable(file) });
    expect(s.commands[0]?.args[0]?.range).toEqual(rng(1, 7, 1, 8));
  });
});

describe('syntax errors', () => {
  it('unbalanced quotes keep the commands before', () => {
    const s = parseShellText('apt-get update && echo "oops');
    expect(s.hasSyntaxError).toBe(true);
    expect(s.commands.map((c) => c.name?.value)).toEqual(['apt-get', 'echo']);
    expect(s.syntaxError?.message).toMatch(/quote/);
    expect(parseShellText("echo 'x").hasSyntaxError).toBe(true);
  });

  it('unclosed $( and ${ and backquote', () => {
    for (const text of ['a; echo $(b', 'a; echo ${b', 'a; echo `b', 'a; (b', 'a; { b;', "a; echo $'x"]) {
      const s = parseShellText(text);
      expect(s.hasSyntaxError, text).toBe(true);
      expect(s.commands[0]?.name?.value, text).toBe('a');
    }
  });

  it('recovers after a stray ) or fi', () => {
    const s = parseShellText('a ) ; b\nfi\nc; done; d');
    expect(s.hasSyntaxError).toBe(true);
    expect(s.commands.map((c) => c.name?.value)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('incomplete compound commands', () => {
    for (const text of ['if a; then b', 'while a; do b', 'for x in 1; do b', 'case x in a) b', 'a &&', 'a |', 'f() {']) {
      const s = parseShellText(text);
      expect(s.hasSyntaxError, text).toBe(true);
    }
    expect(names('if a; then b')).toEqual(['a', 'b']);
  });

  it('no error on valid scripts', () => {
    for (const text of [
      'a && b || c; d & e',
      'if a; then b; fi',
      'for i in 1 2; do :; done',
      'case $x in *) y;; esac',
      'f() { :; }',
      "echo $'a' \"b\" 'c' `d` $(e) ${f:-g} $((1))",
      'cat <<EOF\nx\nEOF',
      '[[ a && b ]]',
      '',
      '   \n  # only a comment',
    ]) {
      expect(parseShellText(text).hasSyntaxError, text).toBe(false);
    }
  });

  it('never throws on hostile input', () => {
    const inputs = [
      '\u0000\u0000',
      '$('.repeat(5000),
      '('.repeat(5000),
      '`'.repeat(999),
      '"$('.repeat(3000),
      '${'.repeat(3000),
      'a | '.repeat(10000),
      "'".repeat(10001),
      'x'.repeat(100_000),
      'if '.repeat(5000),
      '$((' .repeat(3000),
      'case '.repeat(2000),
      '<<'.repeat(2000),
      'sh -c "sh -c \\"sh -c \'sh -c x\'\\""',
    ];
    for (const text of inputs) {
      expect(() => parseShellText(text)).not.toThrow();
    }
  });

  it('stays fast on large input', () => {
    const text = 'apt-get install -y "pkg-$i" $(echo x) | tee log && echo ok; '.repeat(2000);
    const start = performance.now();
    const s = parseShellText(text);
    expect(s.commands.length).toBe(8000);
    expect(performance.now() - start).toBeLessThan(2000);
    const deep = '$('.repeat(20000);
    const t0 = performance.now();
    parseShellText(deep);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('argv helpers', () => {
  it('argvs', () => {
    expect(argvs('a b; c')).toEqual([['a', 'b'], ['c']]);
  });
});
