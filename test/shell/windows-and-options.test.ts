import { describe, expect, it } from 'vitest';
import { BuildFile } from '../../src/model/build-file.js';
import type { InstructionNode } from '../../src/model/types.js';
import { analyzeRun } from '../../src/shell/run-script.js';
import { initialScriptOptions, optionInEffect, scriptOf } from '../../src/shell/shell-options.js';

function runs(text: string): { file: BuildFile; nodes: InstructionNode[] } {
  const file = new BuildFile(text);
  return { file, nodes: file.find('RUN') };
}

/** argv of every command of every RUN, one list per RUN; `null` for a RUN that is not POSIX. */
function commandsPerRun(text: string): (string[][] | null)[] {
  const { file, nodes } = runs(text);
  return nodes.map((node) => {
    const analysis = analyzeRun(file, node);
    if (!analysis.posix) {
      expect(analysis.commands).toEqual([]);
      expect(analysis.scripts).toEqual([]);
      return null;
    }
    return analysis.commands.map((c) => (c.name ? [c.name.value, ...c.args.map((a) => a.value)] : []));
  });
}

describe('Windows shells: analyzeRun yields no commands', () => {
  it('under SHELL ["powershell", ...] and ["pwsh", ...], also on a Linux base image', () => {
    expect(commandsPerRun('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem; apt-get install -y curl\n')).toEqual([null]);
    expect(commandsPerRun('FROM alpine:3.20\nSHELL ["pwsh", "-NoLogo", "-Command"]\nRUN Write-Host hi | Out-Null\n')).toEqual([null]);
    expect(commandsPerRun('FROM alpine:3.20\nSHELL ["C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe", "-Command"]\nRUN dir\n')).toEqual([null]);
  });

  it('under SHELL ["cmd", "/S", "/C"]', () => {
    expect(commandsPerRun('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nSHELL ["cmd", "/S", "/C"]\nRUN del /q C:\\temp && echo done\n')).toEqual([null]);
    expect(commandsPerRun('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nSHELL ["cmd.exe", "/S", "/C"]\nRUN echo %PATH%\n')).toEqual([null]);
  });

  it('in a Windows stage without SHELL (default cmd /S /C): base image, platform, Windows parent', () => {
    expect(commandsPerRun('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN mkdir C:\\app && sudo apt-get install -y x\n')).toEqual([null]);
    expect(commandsPerRun('FROM --platform=windows/amd64 example/tool:1.0\nRUN echo hi\n')).toEqual([null]);
    expect(commandsPerRun('FROM mcr.microsoft.com/dotnet/framework/sdk:4.8 AS build\nFROM build\nRUN msbuild app.sln\n')).toEqual([null]);
    // Exec form in a Windows stage runs no shell that we model either.
    expect(commandsPerRun('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN ["powershell", "-Command", "echo hi"]\n')).toEqual([null]);
  });

  it('a `# escape=`` file with a Windows base image: no commands', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Invoke-WebRequest https://example.com/x.zip -OutFile x.zip\n';
    expect(commandsPerRun(text)).toEqual([null]);
  });

  it('the escape directive alone does not make a stage Windows: backtick continuations join, positions stay exact', () => {
    const text = '# escape=`\nFROM alpine:3.20\nRUN apk add --no-cache curl `\n    git && echo C:\\dir\n';
    const { file, nodes } = runs(text);
    const analysis = analyzeRun(file, nodes[0] as InstructionNode);
    expect(analysis.posix).toBe(true);
    expect(analysis.commands.map((c) => [c.name?.value, ...c.args.map((a) => a.value)])).toEqual([
      ['apk', 'add', '--no-cache', 'curl', 'git'],
      ['echo', 'C:dir'],
    ]);
    const git = analysis.commands[0]?.args.at(-1);
    expect(git?.range).toEqual({ start: { line: 3, character: 4 }, end: { line: 3, character: 7 } });
  });

  it('a POSIX SHELL after a Windows one (later in the stage) is POSIX again', () => {
    expect(commandsPerRun('FROM alpine:3.20\nSHELL ["pwsh", "-Command"]\nRUN Write-Host a\nSHELL ["/bin/sh", "-c"]\nRUN echo b\n')).toEqual([null, [['echo', 'b']]]);
  });
});

describe('set -e / set -o pipefail state is available to rules (shell-options)', () => {
  function states(text: string, option: string): boolean[] {
    const { file, nodes } = runs(text);
    const out: boolean[] = [];
    for (const node of nodes) {
      for (const command of analyzeRun(file, node).commands) {
        if (!command.name) continue; // `RUN <<EOF`: the redirect-only command line
        const script = scriptOf(file, node, command);
        if (script) out.push(optionInEffect(file, node, script, command, option));
      }
    }
    return out;
  }

  it('`set -e` and `set -o pipefail` apply to the commands after them, `set +o` turns them off', () => {
    const text = 'FROM debian:12\nRUN a | b; set -eo pipefail; c | d; set +o pipefail; e | f\n';
    // Commands in order: a, b, set, c, d, set, e, f.
    expect(states(text, 'pipefail')).toEqual([false, false, false, true, true, true, false, false]);
    expect(states(text, 'errexit')).toEqual([false, false, false, true, true, true, true, true]);
  });

  it('SHELL with -o pipefail, a `bash -eo pipefail -c` wrapper, and a heredoc shebang set options from the start', () => {
    expect(states('FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\n', 'pipefail')).toEqual([true, true]);
    expect(states('FROM debian:12\nRUN bash -eo pipefail -c "a | b"\n', 'pipefail')).toEqual([true, true]);
    expect(states('FROM debian:12\nRUN <<EOF\n#!/bin/bash -e\na\nEOF\n', 'errexit')).toEqual([true]);
    // The command line itself (`bash`) runs under /bin/sh; the body runs under `bash -o pipefail`.
    expect(states('FROM debian:12\nRUN bash -o pipefail <<EOF\na | b\nEOF\n', 'pipefail')).toEqual([false, true, true]);
  });

  it('a `set` applies to the commands written after it at its own level, not to those of a `$( )` or `sh -c` before it', () => {
    // Commands in order: echo, a, set, b, c, set, d, e, set, g, h (the `$( )` commands listed after the one around them).
    const text = 'FROM debian:12\nRUN echo "$(a; set -e; b)" && c; set -e; d $(e) f; sh -c "set +e; g"; h\n';
    expect(states(text, 'errexit')).toEqual([false, false, false, false, false, false, true, true, false, false, true]);
    // In a heredoc script, the `set +e` inside `$( )` leaves the next top-level command under errexit.
    expect(states('FROM debian:12\nRUN <<EOF\nset -e\na $(b; set +e; c)\nd\nset +e\ne\nEOF\n', 'errexit')).toEqual([false, true, true, true, true, true, true, false]);
  });

  it('each RUN starts afresh: set -o pipefail in one RUN does not carry to the next', () => {
    expect(states('FROM debian:12\nRUN set -o pipefail\nRUN a | b\n', 'pipefail')).toEqual([false, false, false]);
  });

  it('initialScriptOptions reads the exec-form shell invocation', () => {
    const { file, nodes } = runs('FROM debian:12\nRUN ["/bin/bash", "-e", "-o", "pipefail", "-c", "a | b"]\n');
    const node = nodes[0] as InstructionNode;
    const script = analyzeRun(file, node).scripts[0];
    expect(script && [...initialScriptOptions(file, node, script)].sort()).toEqual(['errexit', 'pipefail']);
  });
});
