import { describe, expect, it } from 'vitest';
import { parseShellText } from '../../src/shell/parse.js';
import { unwrapWords } from '../../src/shell/unwrap.js';
import { argvs, cmds, parseRun, r0, rng } from './helpers.js';

function one(text: string) {
  const list = cmds(text);
  expect(list.length, text).toBe(1);
  return list[0] as NonNullable<(typeof list)[0]>;
}

describe('unwrapping wrappers', () => {
  it('sudo with and without option values', () => {
    const c = one('sudo -E -u root -H apt-get install -y curl');
    expect(c.name?.value).toBe('apt-get');
    expect(c.args.map((w) => w.value)).toEqual(['install', '-y', 'curl']);
    expect(c.words.map((w) => w.value)).toEqual(['sudo', '-E', '-u', 'root', '-H', 'apt-get', 'install', '-y', 'curl']);
    expect(c.wrappers).toEqual(['sudo']);
    expect(c.wrapperWords?.map((w) => w.value)).toEqual(['sudo', '-E', '-u', 'root', '-H']);
    expect(c.name?.range).toEqual(r0(19, 26));
    expect(c.complete).toBe(true);
    for (const opt of ['-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T']) {
      expect(one(`sudo ${opt} v cmd`).name?.value, opt).toBe('cmd');
    }
    for (const opt of ['-n', '-S', '-i', '-s', '-nE', '-uroot', '--user=x', '--']) {
      expect(one(`sudo ${opt} cmd`).name?.value, opt).toBe('cmd');
    }
    expect(one('sudo --user x cmd').name?.value).toBe('cmd');
    expect(one('/usr/bin/sudo cmd').wrappers).toEqual(['sudo']);
  });

  it('sudo with VAR=value', () => {
    const c = one('sudo DEBIAN_FRONTEND=noninteractive apt-get -y install x');
    expect(c.name?.value).toBe('apt-get');
    expect(c.assignments.map((a) => [a.name, a.value?.value])).toEqual([['DEBIAN_FRONTEND', 'noninteractive']]);
  });

  it('a wrapper with nothing to wrap is the command', () => {
    expect(one('sudo -v').name?.value).toBe('sudo');
    expect(one('sudo -u root').name?.value).toBe('sudo');
    expect(one('env').name?.value).toBe('env');
    expect(one('env -i A=1').name?.value).toBe('env');
    expect(one('exec 3>&1').name?.value).toBe('exec');
    expect(one('time').name?.value).toBe('time');
    expect(one('sudo env').wrappers).toEqual(['sudo']);
    expect(one('sudo env').name?.value).toBe('env');
  });

  it('doas', () => {
    expect(argvs('doas -u app make install')).toEqual([['make', 'install']]);
    expect(one('doas -n make').wrappers).toEqual(['doas']);
  });

  it('env with options and assignments', () => {
    const c = one('env -i -u HOME PATH=/bin LANG=C.UTF-8 sh script.sh');
    expect(c.name?.value).toBe('sh');
    expect(c.args.map((w) => w.value)).toEqual(['script.sh']);
    expect(c.wrappers).toEqual(['env']);
    expect(c.assignments.map((a) => [a.name, a.value?.value])).toEqual([
      ['PATH', '/bin'],
      ['LANG', 'C.UTF-8'],
    ]);
    expect(c.assignments[0]?.range).toEqual(r0(15, 24));
    expect(c.assignments[0]?.value?.range).toEqual(r0(20, 24));
    expect(c.assignments[0]?.value?.raw).toBe('/bin');
    expect(one('env - X= y').assignments.map((a) => [a.name, a.value])).toEqual([['X', undefined]]);
    expect(one('A=1 env B=2 c').assignments.map((a) => a.name)).toEqual(['A', 'B']);
  });

  it('env assignment values continued over a joined line map exactly', () => {
    const file = 'RUN env A=x\\\ny cmd';
    const c = parseRun(file, 4).commands[0];
    expect(c?.assignments[0]?.value?.value).toBe('xy');
    expect(c?.assignments[0]?.value?.range).toEqual(rng(0, 10, 1, 1));
  });

  it('command, exec, nice, nohup, time, timeout, stdbuf, ionice, busybox', () => {
    const cases: [string, string[], string[]][] = [
      ['command -p ls -l', ['ls', '-l'], ['command']],
      ['exec -a name -cl app --flag', ['app', '--flag'], ['exec']],
      ['exec app', ['app'], ['exec']],
      ['nice -n 10 make -j4', ['make', '-j4'], ['nice']],
      ['nice -10 make', ['make'], ['nice']],
      ['nice --adjustment=5 make', ['make'], ['nice']],
      ['nohup server &', ['server'], ['nohup']],
      ['time -p make', ['make'], ['time']],
      ['timeout 30 curl x', ['curl', 'x'], ['timeout']],
      ['timeout -s KILL -k 5 --preserve-status 1m curl x', ['curl', 'x'], ['timeout']],
      ['stdbuf -oL -e 0 tail -f log', ['tail', '-f', 'log'], ['stdbuf']],
      ['ionice -c 3 -n7 tar c .', ['tar', 'c', '.'], ['ionice']],
      ['busybox wget -q x', ['wget', '-q', 'x'], ['busybox']],
      ['sudo env X=1 nice -n 5 nohup cmd a', ['cmd', 'a'], ['sudo', 'env', 'nice', 'nohup']],
    ];
    for (const [text, argv, wrappers] of cases) {
      const c = one(text);
      expect(c.name ? [c.name.value, ...c.args.map((w) => w.value)] : [], text).toEqual(argv);
      expect(c.wrappers, text).toEqual(wrappers);
    }
  });

  it('command -v is not a wrapper; busybox --install is not either', () => {
    expect(one('command -v curl').name?.value).toBe('command');
    expect(one('command -V curl').wrappers).toEqual([]);
    expect(one('busybox --install -s').name?.value).toBe('busybox');
    expect(one('timeout 5').name?.value).toBe('timeout');
  });

  it('a wrapper name built from a variable is not unwrapped', () => {
    expect(one('$SUDO apt-get x').name?.value).toBe('$SUDO');
  });

  it('xargs marks the inner command incomplete', () => {
    const [find, rm] = cmds('find . -name "*.o" -print0 | xargs -0 -r -n 10 -I{} rm -f');
    expect(find?.complete).toBe(true);
    expect(rm?.name?.value).toBe('rm');
    expect(rm?.args.map((w) => w.value)).toEqual(['-f']);
    expect(rm?.complete).toBe(false);
    expect(rm?.wrappers).toEqual(['xargs']);
    expect(rm?.placement).toBe('pipeline');
    expect(one('xargs -a list -d "\\n" -P4 apt-get install -y').name?.value).toBe('apt-get');
    expect(one('xargs -i{} cp {} /x').name?.value).toBe('cp');
    expect(one('xargs').name?.value).toBe('xargs');
    expect(one('xargs').complete).toBe(true);
  });
});

describe('sh -c and su -c', () => {
  it('re-parses a single-quoted script with exact positions', () => {
    const text = "sh -c 'apt-get update && apt-get install -y curl'";
    const list = cmds(text);
    expect(list.map((c) => c.name?.value)).toEqual(['apt-get', 'apt-get']);
    expect(list.map((c) => c.wrappers)).toEqual([['sh -c'], ['sh -c']]);
    expect(list[0]?.name?.range).toEqual(r0(7, 14));
    expect(list[1]?.args[2]?.range).toEqual(r0(44, 48));
    expect(list[1]?.args[2]?.startOffset).toBe(44);
    expect(list[0]?.range).toEqual(r0(7, 21));
    expect(list[0]?.followedBy).toBe('&&');
    expect(list[1]?.wrapperWords?.map((w) => w.raw)).toEqual(['sh', '-c', "'apt-get update && apt-get install -y curl'"]);
    expect(list[0]?.words.map((w) => w.value)).toEqual(['apt-get', 'update']);
  });

  it('handles every POSIX shell name and option placement', () => {
    for (const text of [
      'bash -c "x y"',
      'dash -c "x y"',
      'ash -c "x y"',
      'zsh -c "x y"',
      'ksh -c "x y"',
      '/bin/sh -c "x y"',
      'bash -eux -o pipefail -c "x y"',
      'bash -lc "x y"',
      'sh -c -e "x y"',
      'bash --norc -c "x y" arg0 arg1',
    ]) {
      const [c] = cmds(text);
      expect(c?.name?.value, text).toBe('x');
      expect(c?.args.map((w) => w.value), text).toEqual(['y']);
      expect(c?.wrappers[0]?.endsWith(' -c'), text).toBe(true);
    }
    expect(cmds('/bin/bash -c "x"')[0]?.wrappers).toEqual(['bash -c']);
  });

  it('a shell without -c is the command', () => {
    expect(one('bash script.sh').name?.value).toBe('bash');
    expect(one('sh -s').name?.value).toBe('sh');
    expect(one('sh -c').name?.value).toBe('sh');
    expect(one("sh -c ''").name?.value).toBe('sh');
  });

  it('maps double-quoted scripts with escapes', () => {
    const text = 'sh -c "echo \\"a b\\" && rm -rf \\$HOME/x"';
    const list = cmds(text);
    expect(list.map((c) => c.name?.value)).toEqual(['echo', 'rm']);
    const echo = list[0];
    expect(echo?.args[0]?.value).toBe('a b');
    expect(echo?.name?.range).toEqual(r0(7, 11));
    // the inner word `"a b"` was written as \"a b\" (offsets 12 to 19): each character of
    // the unescaped script maps to the character it came from
    expect(echo?.args[0]?.startOffset).toBe(13);
    expect(echo?.args[0]?.endOffset).toBe(19);
    const rm = list[1];
    expect(rm?.args[1]?.value).toBe('$HOME/x');
    expect(rm?.args[1]?.hasVariables).toBe(true);
    expect(text.slice(rm?.args[1]?.startOffset, rm?.args[1]?.endOffset)).toBe('$HOME/x');
  });

  it('nested unwrapping through sudo, env and sh -c', () => {
    const text = "sudo env X=1 sh -c 'apt-get install -y curl'";
    const [c] = cmds(text);
    expect(c?.name?.value).toBe('apt-get');
    expect(c?.wrappers).toEqual(['sudo', 'env', 'sh -c']);
    expect(c?.assignments.map((a) => a.name)).toEqual(['X']);
    expect(c?.args[2]?.range).toEqual(r0(39, 43));
  });

  it('wrappers inside the script are unwrapped too', () => {
    const [c] = cmds("bash -c 'sudo -u app sh -c \"nice make\"'");
    expect(c?.name?.value).toBe('make');
    expect(c?.wrappers).toEqual(['bash -c', 'sudo', 'sh -c', 'nice']);
    expect(c?.name?.range).toEqual(r0(33, 37));
  });

  it('keeps the outer context: pipeline, substitution, followedBy, xargs', () => {
    const list = cmds("curl x | sh -c 'cat > f' && y=$(sh -c 'id -u') ; xargs sh -c 'echo \"$@\"' _");
    expect(list.map((c) => [c.name?.value, c.placement, c.followedBy])).toEqual([
      ['curl', 'pipeline', '|'],
      ['cat', 'pipeline', '&&'],
      [undefined, 'list', ';'],
      ['id', 'substitution', undefined],
      ['echo', 'list', undefined],
    ]);
    expect(list[1]?.pipeline).toEqual({ id: 0, stage: 1, stages: 2 });
    expect(list[4]?.complete).toBe(false);
    expect(list[4]?.wrappers).toEqual(['xargs', 'sh -c']);
  });

  it('inner scripts keep their own structure', () => {
    const list = cmds("sh -c 'a | b; (c)'");
    expect(list.map((c) => [c.name?.value, c.placement])).toEqual([
      ['a', 'pipeline'],
      ['b', 'pipeline'],
      ['c', 'subshell'],
    ]);
  });

  it('command substitutions in a double-quoted script are listed once', () => {
    const list = cmds('sh -c "apt-get install $(cat pkgs)"');
    expect(list.map((c) => [c.name?.value, c.wrappers])).toEqual([
      ['apt-get', ['sh -c']],
      ['cat', []],
    ]);
  });

  it('su -c', () => {
    for (const text of ["su - app -c 'make install'", "su app -c 'make install'", "su -c 'make install' app", "su -l -s /bin/sh app -c 'make install'"]) {
      const [c] = cmds(text);
      expect(c?.name?.value, text).toBe('make');
      expect(c?.wrappers, text).toEqual(['su -c']);
    }
    expect(one('su app').name?.value).toBe('su');
  });

  it('sh -c inside a continued RUN line maps to the file', () => {
    const file = "RUN sh -c 'apt-get update \\\n  && apt-get install -y curl'";
    const s = parseRun(file, 4);
    const [, install] = s.commands;
    expect(install?.name?.range).toEqual(rng(1, 5, 1, 12));
    expect(install?.args[2]?.range).toEqual(rng(1, 24, 1, 28));
  });

  it('a syntax error inside the script is reported', () => {
    const s = parseShellText("sh -c 'echo \"x'");
    expect(s.hasSyntaxError).toBe(true);
    expect(s.commands[0]?.name?.value).toBe('echo');
  });
});

describe('unwrapWords directly', () => {
  it('reports the name index and script', () => {
    const words = cmds("sudo -u x sh -c 'y' z")[0]?.wrapperWords ?? [];
    const u = unwrapWords(words);
    expect(u.nameIndex).toBe(3);
    expect(u.wrappers).toEqual(['sudo']);
    expect(u.script?.wrapper).toBe('sh -c');
    expect(u.script?.index).toBe(5);
  });

  it('handles an empty word list', () => {
    expect(unwrapWords([])).toEqual({ nameIndex: 0, wrappers: [], assignments: [], complete: true, script: undefined });
  });
});
