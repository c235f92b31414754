import { describe, expect, it } from 'vitest';
import { BuildFile } from '../../src/model/build-file.js';
import { parseShellText } from '../../src/shell/parse.js';
import {
  checkAptPackage,
  checkGoPath,
  checkNpmSpec,
  checkPipRequirement,
  checkRpmPackage,
  globToRegExp,
  hasVersionShape,
  packageCommands,
  recognizePackageCommand,
  type PackageCommand,
} from '../../src/shell/package-managers/index.js';

/** The package commands of a shell script (no variable resolution). */
function recognize(script: string): PackageCommand[] {
  return parseShellText(script)
    .commands.map((command) => recognizePackageCommand(command))
    .filter((found): found is PackageCommand => found !== undefined);
}

function one(script: string): PackageCommand {
  const found = recognize(script);
  expect(found).toHaveLength(1);
  return found[0] as PackageCommand;
}

/** `text` of every package word, `!` marking the unpinned ones. */
function pins(script: string, exact = false): string[] {
  return recognize(script).flatMap((command) => command.packages.map((pkg) => `${(exact ? pkg.exact : pkg.pinned) ? '' : '!'}${pkg.text}`));
}

/** The same through a build file: variables resolved from ARG/ENV. */
function filePins(text: string): string[] {
  const file = new BuildFile(text);
  return file.find('RUN').flatMap((node) => packageCommands(file, node).flatMap((command) => command.packages.map((pkg) => `${pkg.pinned ? '' : '!'}${pkg.text}`)));
}

describe('recognizePackageCommand: shared behaviour', () => {
  it('returns undefined for other commands', () => {
    expect(recognize('echo apt-get install curl; ls -l; make install')).toEqual([]);
  });

  it('reports manager, tool, subcommand and action', () => {
    const found = one('apt-get -q update');
    expect(found).toMatchObject({ manager: 'apt', tool: 'apt-get', action: 'update', packages: [], checkPins: true });
    expect(found.subcommand?.value).toBe('update');
    expect(found.options.map((o) => o.name)).toEqual(['-q']);
  });

  it('recognises tools by basename', () => {
    expect(one('/usr/bin/apt-get install -y curl').tool).toBe('apt-get');
    expect(one('/usr/local/bin/pip3 install flask').tool).toBe('pip3');
  });

  it('asks each recogniser its every spelling of a tool name (the memoized name look-up lets them through)', () => {
    const tools = (script: string) => recognize(script).map((found) => `${found.manager}:${found.tool}`);
    expect(tools('aptitude install x; pip3.11 install x; python3 -m pip install x; uv pip install x; pipx install x')).toEqual([
      'apt:aptitude',
      'pip:pip3.11',
      'pip:pip',
      'pip:uv pip',
      'pip:pipx',
    ]);
    expect(tools('npm.cmd i x; yarn.exe add x; pnpm add x; apk add x; gem install x; microdnf install x; zypper in x')).toEqual([
      'npm:npm',
      'yarn:yarn',
      'pnpm:pnpm',
      'apk:apk',
      'gem:gem',
      'dnf:microdnf',
      'zypper:zypper',
    ]);
    expect(tools('go.exe install x@v1; cargo install x; composer.phar require x; mamba.exe install x')).toEqual([
      'go:go.exe',
      'cargo:cargo',
      'composer:composer',
      'conda:mamba',
    ]);
    expect(tools('python3 -c "import pip"; uv sync; pip3x install x')).toEqual([]);
  });

  it('looks through sudo, env and sh -c', () => {
    expect(pins('sudo -u root apt-get install -y curl')).toEqual(['!curl']);
    expect(pins('env DEBIAN_FRONTEND=noninteractive X=1 apt-get install -y curl')).toEqual(['!curl']);
    expect(pins("sh -c 'pip install flask'")).toEqual(['!flask']);
    expect(pins("bash -c \"apk add --no-cache git=2.45.2-r0\"")).toEqual(['git=2.45.2-r0']);
  });

  it('marks commands behind xargs as not checkable', () => {
    const found = one('cat pkgs.txt | xargs apt-get install -y curl')
    expect(found.checkPins).toBe(false);
  });

  it('keeps package word ranges exact', () => {
    const found = one('apt-get install -y curl wget=1.2');
    expect(found.packages.map((p) => [p.word.range.start.character, p.word.range.end.character])).toEqual([
      [19, 23],
      [24, 32],
    ]);
  });

  it('treats a word with an unknown variable after the name as pinned, and skips a wholly unknown word', () => {
    expect(pins('apt-get install -y curl=${CURL_VERSION} $PKGS')).toEqual(['curl=${CURL_VERSION}']);
    const found = one('dnf install -y tomcat-$V');
    expect(found.packages[0]).toMatchObject({ name: 'tomcat', pinned: true, known: false });
  });

  it('skips words with command substitutions', () => {
    expect(pins('apt-get install -y $(cat pkgs.txt)')).toEqual([]);
  });

  it('notes an unquoted > constraint', () => {
    const found = one('pip install flask>=2');
    expect(found.packages).toHaveLength(1);
    expect(found.packages[0]).toMatchObject({ text: 'flask', pinned: false, note: 'quote the version constraint' });
    expect(one('pip install flask > /tmp/log').packages[0]?.note).toBeUndefined();
  });
});

describe('variables through the build file', () => {
  it('splits a known unquoted variable into packages ranged on the variable', () => {
    const text = 'FROM debian:12\nARG PKGS="curl wget=1.2"\nRUN apt-get install -y $PKGS\n';
    const file = new BuildFile(text);
    const node = file.find('RUN')[0];
    if (!node) throw new Error('no RUN');
    const [command] = packageCommands(file, node);
    expect(command?.packages.map((p) => [p.text, p.pinned, p.variable, p.word.range.start.character, p.word.range.end.character])).toEqual([
      ['curl', false, 'PKGS', 23, 28],
      ['wget=1.2', true, 'PKGS', 23, 28],
    ]);
  });

  it('resolves ${VAR} and ENV values, and partly variable words', () => {
    expect(filePins('FROM alpine:3.20\nENV PKGS="git curl=8.9.1-r0"\nRUN apk add ${PKGS}\n')).toEqual(['!git', 'curl=8.9.1-r0']);
    expect(filePins('FROM python:3.12\nENV V=3.0.3\nRUN pip install flask==$V\n')).toEqual(['flask==3.0.3']);
    expect(filePins('FROM python:3.12\nENV V=""\nRUN pip install flask$V\n')).toEqual(['!flask']);
  });

  it('skips unknown variables', () => {
    expect(filePins('FROM debian:12\nARG PKGS\nRUN apt-get install -y $PKGS\n')).toEqual([]);
    expect(filePins('FROM debian:12\nRUN apt-get install -y $FROM_BASE_IMAGE\n')).toEqual([]);
  });

  it('resolves variables that hold options', () => {
    expect(filePins('FROM python:3.12\nARG FLAGS="--no-cache-dir -r req.txt"\nRUN pip install $FLAGS flask\n')).toEqual(['!flask']);
  });

  it('does not expand variables in a plain exec form', () => {
    expect(filePins('FROM debian:12\nARG P=curl\nRUN ["apt-get", "install", "-y", "$P", "wget"]\n')).toEqual(['!wget']);
  });

  it('covers heredocs, exec form with sh -c, and ONBUILD triggers', () => {
    expect(filePins('FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n')).toEqual(['!curl']);
    expect(filePins('FROM debian:12\nRUN ["sh", "-c", "apt-get install -y curl"]\n')).toEqual(['!curl']);
    expect(filePins('FROM debian:12\nONBUILD RUN apt-get install -y curl\n')).toEqual(['!curl']);
  });

  it('caches per node', () => {
    const file = new BuildFile('FROM debian:12\nRUN apt-get install -y curl\n');
    const node = file.find('RUN')[0];
    if (!node) throw new Error('no RUN');
    expect(packageCommands(file, node)).toBe(packageCommands(file, node));
  });
});

describe('apt', () => {
  it('needs install in subcommand position', () => {
    expect(one('apt-get download install').action).toBe('other');
    expect(pins('apt-get download install curl')).toEqual([]);
    expect(one('apt-get -y install curl').action).toBe('install');
  });

  it('maps actions', () => {
    expect(recognize('apt-get update; apt upgrade; apt-get dist-upgrade; apt-get purge x; apt-get clean').map((c) => c.action)).toEqual([
      'update',
      'upgrade',
      'upgrade',
      'remove',
      'clean',
    ]);
  });

  it('skips option values and handles clustered flags', () => {
    expect(pins('apt-get -o Dpkg::Options::=--force-confold -t bookworm-backports install -qy curl')).toEqual(['!curl']);
    expect(pins('apt-get install -qyo APT::Foo=1 curl')).toEqual(['!curl']);
    expect(pins('apt-get install --target-release bookworm --option=a=b -a arm64 -c /etc/apt.conf curl')).toEqual(['!curl']);
    expect(one('apt-get install -qy curl').options.map((o) => o.name)).toEqual(['-q', '-y']);
  });

  it('accepts the pinned forms and rejects the others', () => {
    expect(pins('apt-get install -y a=1.2.* b=1:2.0-1 c/bookworm-backports ./d.deb e:amd64 f g- h+ g++')).toEqual(['a=1.2.*', 'b=1:2.0-1', 'c/bookworm-backports', './d.deb', '!e:amd64', '!f']);
    expect(pins('apt install curl; aptitude install -y vim')).toEqual(['!curl', '!vim']);
  });

  it('names packages without their version or architecture', () => {
    expect(checkAptPackage('curl:amd64')).toMatchObject({ name: 'curl', pinned: false });
    expect(checkAptPackage('curl=7.88')).toMatchObject({ name: 'curl', pinned: true, exact: true });
    expect(checkAptPackage('curl=7.*')).toMatchObject({ pinned: true, exact: false });
  });
});

describe('pip', () => {
  it('recognises every spelling', () => {
    for (const script of ['pip install x', 'pip2 install x', 'pip3 install x', 'pip3.11 install x', 'python -m pip install x', 'python3.12 -m pip install x', 'py -m pip install x', 'python3 -u -m pip install x', 'python3 -Im pip install x', 'pipx install x', 'uv pip install x', 'uv --no-cache pip install x']) {
      expect(pins(script), script).toEqual(['!x']);
    }
    expect(one('uv pip install x').tool).toBe('uv pip');
    expect(one('python3 -m pip install x').tool).toBe('pip');
    expect(recognize('python -c "import pip" install x; python script.py install x; python -m venv install x; uv sync')).toEqual([]);
  });

  it('needs install in subcommand position', () => {
    expect(pins('pip download install')).toEqual([]);
    expect(pins('pip --no-cache-dir --retries 3 install flask')).toEqual(['!flask']);
    expect(one('pip uninstall -y flask').action).toBe('remove');
  });

  it('skips option values', () => {
    expect(pins('pip install -r requirements.txt --index-url https://x/simple -t /opt --prefix /usr --root-user-action ignore --only-binary :all: -C k=v flask')).toEqual(['!flask']);
    expect(pins('pip install -qr requirements.txt')).toEqual([]);
  });

  it('skips the command when a constraints file pins', () => {
    expect(one('pip install -c constraints.txt flask').checkPins).toBe(false);
    expect(one('pip install --constraint=c.txt flask').checkPins).toBe(false);
    expect(one('pip install -r req.txt flask').checkPins).toBe(true);
  });

  it('accepts the pinned forms', () => {
    expect(
      pins(
        'pip install "a==1" "b===1" "c~=1.2" "d>=1" "e<=1" "f!=1" "g<2" "h>1" "i @ https://x/i.zip" git+https://github.com/u/j.git@v1#egg=j . ./k ../l /m n.whl o.tar.gz p.tgz q.tar.bz2 r.zip https://x/s-1.0.tar.gz -e ./t',
      ),
    ).toEqual(['a==1', 'b===1', 'c~=1.2', 'd>=1', 'e<=1', 'f!=1', 'g<2', 'h>1', 'i @ https://x/i.zip', 'git+https://github.com/u/j.git@v1#egg=j', '.', './k', '../l', '/m', 'n.whl', 'o.tar.gz', 'p.tgz', 'q.tar.bz2', 'r.zip', 'https://x/s-1.0.tar.gz', './t']);
  });

  it('rejects the unpinned forms', () => {
    expect(pins('pip install flask "flask[async]" gitpython git+https://github.com/u/j.git git+ssh://git@github.com/u/k.git -e git+https://github.com/u/l.git#egg=l https://x/page -U pip')).toEqual([
      '!flask',
      '!flask[async]',
      '!gitpython',
      '!git+https://github.com/u/j.git',
      '!git+ssh://git@github.com/u/k.git',
      '!git+https://github.com/u/l.git#egg=l',
      '!https://x/page',
      '!pip',
    ]);
  });

  it('with exactOnly, only == and === (and refs) count', () => {
    expect(pins('pip install "a==1" "b===1" "c>=1" "d~=1.2" "e==1.*" "f @ https://x/f.zip" git+https://h/u/g.git@abc', true)).toEqual([
      'a==1',
      'b===1',
      '!c>=1',
      '!d~=1.2',
      '!e==1.*',
      'f @ https://x/f.zip',
      'git+https://h/u/g.git@abc',
    ]);
    expect(checkPipRequirement('flask[async]')).toMatchObject({ name: 'flask', pinned: false });
  });

  it('reads pipx --spec and inject', () => {
    expect(pins('pipx install --spec "black==24.4.2" black')).toEqual(['black==24.4.2']);
    expect(pins('pipx inject poetry poetry-plugin-export')).toEqual(['!poetry-plugin-export']);
  });
});

describe('npm, yarn and pnpm', () => {
  it('recognises the install aliases', () => {
    for (const alias of ['install', 'i', 'add', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall']) {
      expect(pins(`npm ${alias} express`), alias).toEqual(['!express']);
    }
    expect(pins('npm run install express')).toEqual([]);
  });

  it('has nothing to pin without package words', () => {
    expect(pins('npm install && npm ci && yarn install --frozen-lockfile && pnpm install')).toEqual([]);
    expect(one('npm ci').action).toBe('install');
  });

  it('skips option values', () => {
    expect(pins('npm install --registry https://r -w app --omit dev --loglevel warn --prefix /x --cache /c -g express')).toEqual(['!express']);
    expect(pins('npm --loglevel=error install express')).toEqual(['!express']);
  });

  it('accepts the pinned forms and rejects the others', () => {
    expect(
      pins(
        'npm i a@1.2.3 @s/b@^2 c@next d@latest e@* f@x g@ @s/h git+https://g/u/i.git#v1 github:u/j#semver:^1 u/k#abc git://g/u/l.git u/m ./n /o ../p ~/q file:r s.tgz https://x/t.tar.gz u',
      ),
    ).toEqual(['a@1.2.3', '@s/b@^2', 'c@next', '!d@latest', '!e@*', '!f@x', '!g@', '!@s/h', 'git+https://g/u/i.git#v1', 'github:u/j#semver:^1', 'u/k#abc', '!git://g/u/l.git', '!u/m', './n', '/o', '../p', '~/q', 'file:r', 's.tgz', 'https://x/t.tar.gz', '!u']);
  });

  it('with exactOnly, ranges and dist-tags are unpinned', () => {
    expect(pins('npm i a@1.2.3 b@^1 c@~1.2 d@next "e@>1"', true)).toEqual(['a@1.2.3', '!b@^1', '!c@~1.2', '!d@next', '!e@>1']);
    expect(checkNpmSpec('@types/node@20.1.0')).toEqual({ name: '@types/node', pinned: true, exact: true });
  });

  it('handles yarn add, yarn global add, pnpm add and pnpm install <pkg>', () => {
    expect(pins('yarn add react; yarn global add typescript@5.4.5; pnpm add -D vite; pnpm install lodash@4.17.21')).toEqual(['!react', 'typescript@5.4.5', '!vite', 'lodash@4.17.21']);
    const managers = recognize('yarn add a; pnpm add b; npm i c').map((c) => c.manager);
    expect(managers).toEqual(['yarn', 'pnpm', 'npm']);
    expect(pins('yarn install react')).toEqual([]);
    expect(one('yarn').action).toBe('install');
    expect(one('yarn cache clean').action).toBe('clean');
  });
});

describe('apk', () => {
  it('checks add in subcommand position, skipping option values', () => {
    expect(pins('apk --no-cache add -t .build-deps -X https://x/main --repositories-file /r -p /root --arch x86_64 --cache-dir /c --keys-dir /k git')).toEqual(['!git']);
    expect(pins('apk info add git')).toEqual([]);
    expect(pins('apk add --virtual=.deps curl')).toEqual(['!curl']);
  });

  it('accepts the pinned forms', () => {
    expect(pins('apk add a=1.0-r0 b~1.2 "c<2" "d>1" ./e.apk f')).toEqual(['a=1.0-r0', 'b~1.2', 'c<2', 'd>1', './e.apk', '!f']);
    expect(pins('apk add a=1.0-r0 b~1.2', true)).toEqual(['a=1.0-r0', '!b~1.2']);
  });

  it('maps actions', () => {
    expect(recognize('apk update; apk upgrade; apk del x; apk cache clean').map((c) => c.action)).toEqual(['update', 'upgrade', 'remove', 'clean']);
  });
});

describe('gem', () => {
  it('treats options not listed as flags', () => {
    expect(pins('gem install --no-document -N --user-install --conservative rails')).toEqual(['!rails']);
    expect(pins('gem i -i /gems -n /bin --source https://r --platform ruby -P HighSecurity rake')).toEqual(['!rake']);
  });

  it('accepts name:version and -v for every gem', () => {
    expect(pins('gem install rails:7.1.3 rake')).toEqual(['rails:7.1.3', '!rake']);
    expect(pins('gem install -v 7.1.3 rails rake')).toEqual(['rails', 'rake']);
    expect(pins('gem install --version=7.1.3 rails')).toEqual(['rails']);
  });

  it('ignores build options after --', () => {
    expect(pins('gem install pg:1.5.6 -- --with-pg-config=/usr/bin/pg_config')).toEqual(['pg:1.5.6']);
  });

  it('needs install in subcommand position', () => {
    expect(pins('gem list install')).toEqual([]);
    expect(one('gem update --system').action).toBe('upgrade');
  });
});

describe('yum and dnf', () => {
  it('maps tools to managers', () => {
    expect(recognize('yum install a; dnf install b; microdnf install c; tdnf install d').map((c) => `${c.manager}:${c.tool}`)).toEqual(['yum:yum', 'dnf:dnf', 'dnf:microdnf', 'dnf:tdnf']);
  });

  it('checks install, localinstall, reinstall and skips option values', () => {
    expect(pins('yum --enablerepo epel -x kernel --setopt=tsflags=nodocs install -y a; dnf localinstall b; dnf reinstall c')).toEqual(['!a', '!b', '!c']);
    expect(pins('dnf --installroot /mnt --releasever 9 -c /etc/dnf.conf install -qy a')).toEqual(['!a']);
    expect(pins('dnf list install a')).toEqual([]);
  });

  it('skips groups, capabilities and file provides', () => {
    expect(pins('dnf install -y @development "dnf-command(config-manager)" /usr/bin/python3 a; yum groupinstall -y "Development Tools"; dnf group install x')).toEqual(['!a']);
  });

  it('accepts the pinned forms', () => {
    expect(pins('dnf install tomcat-9.0.1 gcc-c++-11.3.1 openssl-1:3.0.7 a.rpm https://x/b.rpm "c = 1.2" "d >= 2" python3-devel xorg-x11-server-Xvfb')).toEqual([
      'tomcat-9.0.1',
      'gcc-c++-11.3.1',
      'openssl-1:3.0.7',
      'a.rpm',
      'https://x/b.rpm',
      'c = 1.2',
      'd >= 2',
      '!python3-devel',
      '!xorg-x11-server-Xvfb',
    ]);
    expect(hasVersionShape('python3-devel')).toBe(false);
    expect(checkRpmPackage('tomcat-9.0.1')).toMatchObject({ name: 'tomcat', pinned: true });
  });

  it('requires a stream for module install', () => {
    expect(pins('dnf module install -y nodejs:18 php')).toEqual(['nodejs:18', '!php']);
    expect(one('dnf module install nodejs:18').action).toBe('install');
  });
});

describe('zypper', () => {
  it('checks install/in with global options', () => {
    expect(pins('zypper --non-interactive install -y a; zypper -n in b; zypper --root /mnt in -r repo c')).toEqual(['!a', '!b', '!c']);
  });

  it('skips patterns, products and patches', () => {
    expect(pins('zypper install -t pattern devel_basis; zypper in --type=patch p1; zypper in -t package a')).toEqual(['!a']);
  });

  it('accepts the pinned forms', () => {
    expect(pins('zypper in "a=1.2" "b>=2" c\\>=3 d.rpm e')).toEqual(['a=1.2', 'b>=2', 'c>=3', 'd.rpm', '!e']);
  });
});

describe('go', () => {
  it('checks module paths of install, get and run', () => {
    expect(pins('go install golang.org/x/tools/cmd/goimports@latest example.com/a@v1.2.3 example.com/b')).toEqual([
      '!golang.org/x/tools/cmd/goimports@latest',
      'example.com/a@v1.2.3',
      '!example.com/b',
    ]);
    expect(pins('go get -u github.com/a/b@master github.com/c/d@none github.com/e/f@abc1234')).toEqual(['!github.com/a/b@master', 'github.com/e/f@abc1234']);
    expect(pins('go run github.com/a/b@main -flag example.com/x')).toEqual(['!github.com/a/b@main']);
  });

  it('does not check local paths, files and the standard library', () => {
    expect(pins('go run main.go util.go; go install ./cmd/...; go install .; go get fmt; go install /src/x; go build example.com/x')).toEqual([]);
  });

  it('skips go flags and their values', () => {
    expect(pins('go install -v -trimpath -ldflags "-s -w" -tags netgo example.com/a@v1.0.0')).toEqual(['example.com/a@v1.0.0']);
    expect(pins('go install -ldflags=-s example.com/b')).toEqual(['!example.com/b']);
  });

  it('floating versions are unpinned', () => {
    for (const version of ['latest', 'upgrade', 'patch', 'master', 'main', 'HEAD']) expect(checkGoPath(`example.com/a@${version}`).pinned).toBe(false);
  });
});

describe('cargo, composer and conda', () => {
  it('cargo: --version, crate@ver, --git with --rev/--tag, --path', () => {
    expect(pins('cargo install ripgrep; cargo install ripgrep@14.1.0; cargo install --version 14.1.0 ripgrep; cargo install --locked -j 4 fd-find')).toEqual(['!ripgrep', 'ripgrep@14.1.0', 'ripgrep', '!fd-find']);
    expect(pins('cargo install --git https://g/x --rev abc x; cargo install --git https://g/y --branch main y; cargo install --path .; cargo +nightly install z')).toEqual(['x', '!y', '!z']);
    expect(pins('cargo install --git https://g/w')).toEqual(['!https://g/w']);
  });

  it('composer: vendor/pkg:constraint or a following constraint word', () => {
    expect(pins('composer require monolog/monolog:^3.0 guzzlehttp/guzzle "symfony/yaml 7.1.0" a/b "^2.0" c/d --dev; composer global require e/f')).toEqual([
      'monolog/monolog:^3.0',
      '!guzzlehttp/guzzle',
      'symfony/yaml 7.1.0',
      'a/b',
      '!c/d',
      '!e/f',
    ]);
    expect(pins('composer install')).toEqual([]);
  });

  it('conda, mamba, micromamba: the package must contain =', () => {
    expect(pins('conda install -y -c conda-forge numpy=1.26 pandas; mamba create -n env python=3.12 scipy; micromamba install -r /opt -f env.yml "conda-forge::pip"')).toEqual([
      'numpy=1.26',
      '!pandas',
      'python=3.12',
      '!scipy',
      '!conda-forge::pip',
    ]);
    expect(recognize('mamba install x').map((c) => c.manager)).toEqual(['conda']);
  });
});

describe('globToRegExp', () => {
  it('matches exact names and globs', () => {
    expect(globToRegExp('py3-*').test('py3-pip')).toBe(true);
    expect(globToRegExp('py3-*').test('python3')).toBe(false);
    expect(globToRegExp('lib?').test('libc')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
    expect(globToRegExp('[ab]c').test('bc')).toBe(true);
  });
});
