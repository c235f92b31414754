import { describe, expect, it } from 'vitest';
import { BuildFile } from '../../src/model/build-file.js';
import { LineTable } from '../../src/model/line-table.js';

const lines = (...parts: string[]) => parts.join('\n');

describe('LineTable', () => {
  it('maps offsets and positions for LF, CRLF and CR line endings', () => {
    const table = new LineTable('ab\r\ncd\ref\ngh');
    expect(table.lineCount).toBe(4);
    expect(table.positionAt(4)).toEqual({ line: 1, character: 0 });
    expect(table.positionAt(7)).toEqual({ line: 2, character: 0 });
    expect(table.lineText(0)).toBe('ab');
    expect(table.lineText(1)).toBe('cd');
    expect(table.offsetAt({ line: 3, character: 1 })).toBe(11);
    expect(table.offsetAt({ line: 0, character: 99 })).toBe(2);
  });
});

describe('BuildFile instructions', () => {
  it('gives every argument exact ranges across continuations and drops comment lines inside them', () => {
    const file = new BuildFile(lines('FROM alpine:3.20', 'RUN apk add \\', '  # a comment', '    curl \\', '    git', ''));
    const run = file.find('RUN')[0];
    expect(run?.argsValue).toBe('apk add     curl     git');
    expect(run?.args.map((a) => [a.text, a.range.start.line, a.range.start.character, a.range.end.character])).toEqual([
      ['apk', 1, 4, 7],
      ['add', 1, 8, 11],
      ['curl', 3, 4, 8],
      ['git', 4, 4, 7],
    ]);
    expect(run?.token.range.end).toEqual({ line: 4, character: 7 });
  });

  it('parses flags and mount options with their ranges', () => {
    const file = new BuildFile('FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache --network=none pip install x\n');
    const run = file.find('RUN')[0];
    expect(run?.flags.map((f) => [f.name, f.value])).toEqual([
      ['mount', 'type=cache,target=/root/.cache'],
      ['network', 'none'],
    ]);
    const target = run?.flags[0]?.options[1];
    expect(target?.key).toBe('target');
    expect(target?.value).toBe('/root/.cache');
    expect(target?.valueToken?.range).toEqual({ start: { line: 1, character: 30 }, end: { line: 1, character: 42 } });
    expect(run?.args[0]?.text).toBe('pip');
  });

  it('reads flags word by word up to the first argument, quotes and a bare -- included', () => {
    const file = new BuildFile('FROM alpine:3.20\nCOPY --chown="a b" \\\n  --link -- "x y" /dst\n');
    const copy = file.find('COPY')[0];
    expect(copy?.flags.map((f) => [f.name, f.value])).toEqual([
      ['chown', 'a b'],
      ['link', undefined],
    ]);
    expect(copy?.argsValue).toBe('-- "x y" /dst');
    expect(copy?.args.map((a) => a.text)).toEqual(['--', '"x y"', '/dst']);
    expect(copy?.args).toBe(copy?.args);
    const mapArgsOffset = copy?.mapArgsOffset;
    expect(mapArgsOffset?.(3)).toBe(copy?.args[1]?.startOffset);
  });

  it('recognises the exec form and keeps shell form for text that is not a JSON array', () => {
    const file = new BuildFile('FROM alpine:3.20\nCMD ["node", "server.js"]\nENTRYPOINT [not json]\n');
    expect(file.find('CMD')[0]?.json?.strings.map((s) => s.value)).toEqual(['node', 'server.js']);
    expect(file.find('CMD')[0]?.json?.strings[1]?.token.range.start).toEqual({ line: 1, character: 13 });
    expect(file.find('ENTRYPOINT')[0]?.json).toBeUndefined();
  });

  it('reads the exec form around any JavaScript whitespace, and only that', () => {
    // The JSON-form scanner tests ASCII blanks by char code and the rest with /\s/: both kinds must pass.
    const file = new BuildFile('FROM alpine\nCMD\t[\u00a0"a",\v"b"\u3000]\u2028\nRUN ["a",\u200b"b"]\n');
    expect(file.find('CMD')[0]?.json?.strings.map((s) => s.value)).toEqual(['a', 'b']);
    expect(file.find('RUN')[0]?.json).toBeUndefined(); // U+200B is not whitespace
  });

  it('reads heredocs with a space before a quoted delimiter, which dockerfile-ast misses', () => {
    const file = new BuildFile(lines('FROM alpine:3.20', 'RUN << "EOF"', 'FROM notreal', 'EOF', 'RUN <<-EOT bash', '\techo hi', '\tEOT', 'USER app', ''));
    expect(file.stages).toHaveLength(1);
    const [first, second] = file.find('RUN');
    expect(first?.heredocs[0]).toMatchObject({ name: 'EOF', quoted: true, stripTabs: false });
    expect(first?.heredocs[0]?.body?.text).toBe('FROM notreal\n');
    expect(second?.heredocs[0]).toMatchObject({ name: 'EOT', quoted: false, stripTabs: true });
    expect(file.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'RUN', 'USER']);
  });

  it('treats an unterminated heredoc as running to the end of the file', () => {
    const file = new BuildFile('FROM alpine:3.20\nRUN <<EOF\necho hi\nUSER app\n');
    const run = file.find('RUN')[0];
    expect(run?.heredocs[0]?.terminator).toBeUndefined();
    expect(file.instructions).toHaveLength(2);
  });

  it('parses ENV, ARG and LABEL properties in both forms', () => {
    const file = new BuildFile(lines('ARG A=1 B', 'FROM alpine:3.20', 'ENV X="two words" Y=$X', 'ENV LEGACY some value', 'LABEL "my key"=v', ''));
    expect(file.find('ARG')[0]?.properties.map((p) => [p.name, p.value])).toEqual([['A', '1'], ['B', undefined]]);
    const [env, legacy] = file.find('ENV');
    expect(env?.properties.map((p) => [p.name, p.value, p.legacy])).toEqual([['X', 'two words', false], ['Y', '$X', false]]);
    expect(legacy?.properties.map((p) => [p.name, p.value, p.legacy])).toEqual([['LEGACY', 'some value', true]]);
    expect(file.find('LABEL')[0]?.properties[0]?.name).toBe('my key');
  });

  it('reads parser directives only at the top of the file', () => {
    const file = new BuildFile('# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nFROM alpine:3.20\n# escape=`\n');
    expect(file.directives.map((d) => [d.name, d.value])).toEqual([['syntax', 'docker/dockerfile:1'], ['check', 'skip=JSONArgsRecommended']]);
    expect(file.comments.map((c) => c.content)).toEqual(['escape=`']);
  });

  it('honours the backtick escape directive for continuations', () => {
    const file = new BuildFile('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n  b\nWORKDIR C:\\app\n');
    expect(file.escapeChar).toBe('`');
    expect(file.find('RUN')[0]?.argsValue).toBe('echo a   b');
    expect(file.stages[0]?.windows).toBe(true);
    expect(file.find('WORKDIR')[0]?.args[0]?.text).toBe('C:\\app');
  });

  it('attaches the comment lines directly above an instruction', () => {
    const file = new BuildFile('FROM alpine:3.20\n# one\n# two\nRUN true\n# detached\n\nUSER app\n');
    expect(file.find('RUN')[0]?.leadingComments.map((c) => c.content)).toEqual(['one', 'two']);
    expect(file.find('USER')[0]?.leadingComments).toEqual([]);
  });

  it('parses ONBUILD triggers as instructions of their own', () => {
    const file = new BuildFile('FROM alpine:3.20\nONBUILD RUN apk add curl\n');
    const trigger = file.instructions[1]?.trigger;
    expect(trigger?.keyword).toBe('RUN');
    expect(trigger?.onbuildParent).toBe(file.instructions[1]);
    expect(trigger?.args[0]?.range.start).toEqual({ line: 1, character: 12 });
    expect(file.find('RUN').map((r) => r.onbuildParent !== undefined)).toEqual([true]);
    expect(file.find('RUN', { triggers: false })).toEqual([]);
  });

  it('accepts lower-case keywords', () => {
    const file = new BuildFile('from alpine:3.20 as build\nrun echo hi\n');
    expect(file.stages[0]?.name).toBe('build');
    expect(file.find('RUN')).toHaveLength(1);
  });
});

describe('firstArg', () => {
  const texts = [
    'RUN   apt-get update && \\\n  apt-get install -y curl\n',
    'RUN "quoted word" next\n',
    'RUN ba\\\nsh -c true\n',
    'RUN --mount=type=cache,target=/root/.cache pip install x\n',
    'FROM alpine:3.20 AS base\n',
    'CMD\n',
    '# escape=`\nRUN a`\n b c\n',
  ];
  it('is the first of args, read before or after args', () => {
    for (const text of texts) {
      for (const node of new BuildFile(text).instructions) {
        const first = node.firstArg;
        const args = node.args;
        expect([first?.text, first?.range], text).toEqual([args[0]?.text, args[0]?.range]);
        expect(node.firstArg, text).toBe(args[0]);
      }
    }
  });
});

describe('BuildFile stages', () => {
  const text = lines('ARG BASE=golang', 'ARG VERSION=1.23', 'FROM ${BASE}:${VERSION} AS Build', 'FROM --platform=linux/amd64 build AS test', 'FROM scratch', 'COPY --from=build /app /app', '');
  const file = new BuildFile(text);

  it('splits stages with names, bases, platforms and parents', () => {
    expect(file.stages.map((s) => [s.index, s.name, s.base.kind])).toEqual([
      [0, 'build', 'image'],
      [1, 'test', 'stage'],
      [2, undefined, 'scratch'],
    ]);
    expect(file.stages[0]?.nameToken?.text).toBe('Build');
    expect(file.stages[1]?.parent).toBe(file.stages[0]);
    expect(file.stages[1]?.platform?.value).toBe('linux/amd64');
    expect(file.globalInstructions.map((i) => i.keyword)).toEqual(['ARG', 'ARG']);
  });

  it('resolves the base reference through global ARGs and normalises it', () => {
    const base = file.stages[0]?.base;
    expect(base).toMatchObject({ resolved: 'golang:1.23', known: true, registry: 'docker.io', repository: 'library/golang', tag: '1.23', digest: undefined });
    expect(base?.normalized).toBe('docker.io/library/golang:1.23');
  });

  it('uses build args over ARG defaults', () => {
    const withArgs = new BuildFile(text, { buildArgs: { VERSION: '1.22' } });
    expect(withArgs.stages[0]?.base.resolved).toBe('golang:1.22');
  });

  it('knows targets, chains and shipped stages', () => {
    expect(file.targetStages().map((s) => s.index)).toEqual([2]);
    expect(file.targetStages(['test']).map((s) => s.index)).toEqual([1]);
    expect(file.chain(file.stages[1]!).map((s) => s.index)).toEqual([1, 0]);
    expect([...file.shippedStages(['test'])].map((s) => s.index).sort()).toEqual([0, 1]);
  });
});

describe('BuildFile scopes', () => {
  it('sees global ARGs only in FROM, or when re-declared in the stage', () => {
    const file = new BuildFile(lines('ARG V=1', 'FROM alpine:3.20', 'RUN echo $V', 'ARG V', 'RUN echo $V', ''));
    const [before, after] = file.find('RUN');
    expect(file.scope(before!).lookup('V')).toBeUndefined();
    expect(file.scope(after!).lookup('V')).toEqual({ known: true, value: '1' });
  });

  it('inherits ARG and ENV values through the stage chain and marks ARGs without defaults unknown', () => {
    const file = new BuildFile(lines('FROM alpine:3.20 AS base', 'ENV HOME_DIR=/srv', 'ARG TOKEN', 'FROM base', 'RUN true', ''));
    const scope = file.scope(file.find('RUN')[0]!);
    expect(scope.lookup('HOME_DIR')).toEqual({ known: true, value: '/srv' });
    expect(scope.lookup('TOKEN')).toEqual({ known: false });
    expect(scope.lookup('PATH')).toEqual({ known: false });
    expect(scope.lookup('NEVER')).toBeUndefined();
  });

  it('resolves undeclared names to empty in a scratch-rooted stage', () => {
    const file = new BuildFile('FROM scratch\nUSER $NOBODY\n');
    expect(file.scope(file.find('USER')[0]!).lookup('NOBODY')).toEqual({ known: true, value: '' });
  });

  it('gives ONBUILD triggers an empty scope', () => {
    const file = new BuildFile('FROM alpine:3.20\nENV A=1\nONBUILD RUN echo $A\n');
    const trigger = file.find('RUN')[0]!;
    expect(file.scope(trigger).lookup('A')).toBeUndefined();
  });

  it('follows SHELL through the chain', () => {
    const file = new BuildFile('FROM alpine:3.20 AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM a\nRUN true\n');
    expect(file.shellAt(file.find('RUN')[0]!)).toEqual(['/bin/bash', '-o', 'pipefail', '-c']);
  });
});

describe('shell pragma', () => {
  it('sets the default shell with # hadolint shell= or # layerlint shell=, below any SHELL instruction', () => {
    const file = new BuildFile('# hadolint shell=powershell\nFROM alpine:3.20\nRUN Get-ChildItem\nSHELL ["/bin/bash", "-c"]\nRUN ls\n');
    const [first, second] = file.find('RUN');
    expect(file.shellAt(first!)).toEqual(['powershell', '-c']);
    expect(file.shellAt(second!)).toEqual(['/bin/bash', '-c']);
    expect(new BuildFile('FROM alpine:3.20\nRUN true\n').shellPragma()).toBeUndefined();
  });
});
