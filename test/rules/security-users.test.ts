import { describe, expect, it } from 'vitest';
import { lint, lintRule, where } from '../helpers.js';

const F = 'FROM alpine:3.20\n';

describe('numeric-user', () => {
  it('reports a named runtime user on the user value', () => {
    const [finding, ...rest] = lintRule('numeric-user', 'FROM node:22\nUSER node\n');
    expect(rest).toEqual([]);
    expect(where(finding!)).toBe('2:6-2:10');
    expect(finding!.codes).toEqual(['DL3066']);
    expect(finding!.message).toBe("USER 'node' is not numeric, so runtime policies cannot verify it is non-root");
  });
  it('resolves variables and ignores unknown values, root and builder stages', () => {
    expect(lintRule('numeric-user', `${F}ARG U=app\nUSER $U\n`).map(where)).toEqual(['3:6-3:8']);
    expect(lintRule('numeric-user', `${F}ARG U\nUSER $U\n`)).toEqual([]);
    expect(lintRule('numeric-user', `${F}USER root\n`)).toEqual([]);
    expect(lintRule('numeric-user', `FROM alpine:3.20 AS b\nUSER builder\nFROM alpine:3.20\nUSER 1000\n`)).toEqual([]);
  });
  it('checks every USER with stages: all, and groups with requireNumericGroup', () => {
    const text = `FROM alpine:3.20 AS b\nUSER builder\nFROM alpine:3.20\nUSER 1000:app\n`;
    expect(lintRule('numeric-user', text, { rules: { 'numeric-user': ['info', { stages: 'all' }] } }).map(where)).toEqual(['2:6-2:13']);
    expect(lintRule('numeric-user', text, { rules: { 'numeric-user': ['info', { requireNumericGroup: true }] } }).map(where)).toEqual(['4:6-4:14']);
  });
});

describe('openshift-arbitrary-uid', () => {
  const UBI = 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\n';
  it('reports a chown to a specific user without root-group access', () => {
    const [finding] = lintRule('openshift-arbitrary-uid', `${UBI}RUN mkdir /app && chown -R 1001:1001 /app\nUSER 1001\n`);
    expect(where(finding!)).toBe('2:19-2:24');
    expect(finding!.message).toContain("'/app' is owned by 1001:1001 but not writable by the root group");
  });
  it('accepts group 0 plus group write on the path or a parent', () => {
    expect(lintRule('openshift-arbitrary-uid', `${UBI}RUN chown -R 1001:0 /app && chmod -R g=u /app\nUSER 1001\n`)).toEqual([]);
    expect(lintRule('openshift-arbitrary-uid', `${UBI}RUN chown 1001 /srv/app/data && chgrp -R 0 /srv && chmod -R g+rwX /srv\nUSER 1001\n`)).toEqual([]);
    expect(lintRule('openshift-arbitrary-uid', `${UBI}COPY --chown=1001:0 --chmod=775 app /app/\nUSER 1001\n`)).toEqual([]);
  });
  it('reports COPY --chown without group 0 at the flag, and ignores /tmp', () => {
    expect(lintRule('openshift-arbitrary-uid', `${UBI}COPY --chown=1001:1001 app /app/\nUSER 1001\n`).map(where)).toEqual(['2:6-2:23']);
    expect(lintRule('openshift-arbitrary-uid', `${UBI}RUN chown 1001 /tmp/x\nUSER 1001\n`)).toEqual([]);
  });
  it('reports a named USER and a USER group other than 0', () => {
    expect(lintRule('openshift-arbitrary-uid', `${UBI}USER app\n`).map((f) => f.message)).toEqual([
      "USER 'app' is a name; OpenShift runs the image with an arbitrary UID, so use a numeric UID in group 0",
    ]);
    const [group] = lintRule('openshift-arbitrary-uid', `${UBI}USER 1001:1001\n`);
    expect(group!.message).toBe("USER 1001:1001 sets group 1001; use group 0 so an arbitrary UID can use the image's files");
    expect(lintRule('openshift-arbitrary-uid', `${UBI}USER 1001:0\n`)).toEqual([]);
  });
  it('is in the openshift preset', () => {
    expect(lint(`${UBI}USER 1001:1001\n`, { presets: ['openshift'] }).map((f) => f.ruleId)).toContain('openshift-arbitrary-uid');
    expect(lint(`${UBI}USER 1001:1001\n`, { presets: ['recommended'] }).map((f) => f.ruleId)).not.toContain('openshift-arbitrary-uid');
  });
});

describe('no-sudo', () => {
  it('reports sudo and doas at any depth, with all codes', () => {
    const findings = lintRule('no-sudo', `${F}RUN sudo -u app make && env X=1 doas ls && sh -c "sudo id"\n`);
    expect(findings.map(where)).toEqual(['2:5-2:9', '2:33-2:37', '2:51-2:55']);
    expect(findings[0]!.codes).toEqual(['DL3004', 'DS-0010', 'CKV2_DOCKER_1']);
    expect(findings[0]!.message).toBe('Avoid sudo in RUN; switch USER for steps that need root');
  });
  it('does not report sudo as an argument', () => {
    expect(lintRule('no-sudo', `FROM debian:12\nRUN apt-get install -y sudo\n`)).toEqual([]);
  });
  it('removes sudo and its options; safe only under an explicit root USER', () => {
    const unsafe = lintRule('no-sudo', `${F}RUN sudo -u app make\n`)[0]!;
    expect(unsafe.fix?.safe).toBe(false);
    const text = `${F}USER root\nRUN sudo -E make install\n`;
    const finding = lintRule('no-sudo', text)[0]!;
    expect(finding.fix?.safe).toBe(true);
    const out = applyEdits(text, finding.fix!.edits);
    expect(out).toBe(`${F}USER root\nRUN make install\n`);
    expect(lintRule('no-sudo', out)).toEqual([]);
  });
});

describe('no-password-set-in-run', () => {
  it('reports chpasswd, passwd -d/--stdin, useradd/usermod -p, htpasswd -b on the command word', () => {
    const text = `${F}RUN echo "a:b" | chpasswd && passwd -d root && useradd -p x app && usermod --password y app && htpasswd -bc f u p\n`;
    const findings = lintRule('no-password-set-in-run', text);
    expect(findings.map(where)).toEqual(['2:18-2:26', '2:30-2:36', '2:48-2:55', '2:68-2:75', '2:96-2:104']);
    expect(findings[0]!.codes).toEqual(['CKV2_DOCKER_17']);
  });
  it('accepts passwd -l and plain useradd', () => {
    expect(lintRule('no-password-set-in-run', `${F}RUN passwd -l root && useradd -l -u 1000 app\n`)).toEqual([]);
  });
});

describe('no-setuid-setgid', () => {
  it('reports octal and symbolic setuid/setgid modes on the mode', () => {
    const text = `${F}RUN chmod 4755 /usr/bin/a && chmod u+s /usr/bin/b && install -m2755 x /usr/local/bin/c\nCOPY --chmod=6755 d /usr/bin/d\n`;
    expect(lintRule('no-setuid-setgid', text).map(where)).toEqual(['2:11-2:15', '2:36-2:39', '2:64-2:68', '3:14-3:18']);
  });
  it('does not report setgid on directories or plain modes', () => {
    expect(lintRule('no-setuid-setgid', `${F}RUN mkdir -p /srv/shared && chmod 2775 /srv/shared && chmod g+s /data/ && mkdir -m 2770 /x\n`)).toEqual([]);
    expect(lintRule('no-setuid-setgid', `${F}RUN chmod 0755 /usr/bin/a && chmod a-s /usr/bin/b\n`)).toEqual([]);
  });
  it('requireStrip reports an image that never strips the bits', () => {
    const options = { rules: { 'no-setuid-setgid': ['warning', { requireStrip: true }] as ['warning', Record<string, unknown>] } };
    expect(lintRule('no-setuid-setgid', `${F}RUN true\n`, options).map((f) => f.message)).toEqual(['This image does not remove setuid/setgid bits']);
    expect(lintRule('no-setuid-setgid', `${F}RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +\n`, options)).toEqual([]);
  });
});

describe('no-world-writable', () => {
  it('reports world-writable octal and symbolic modes', () => {
    const findings = lintRule('no-world-writable', `${F}RUN chmod -R 777 /app && chmod o+w /etc/x && chmod a=rwx /y\n`);
    expect(findings.map(where)).toEqual(['2:14-2:17', '2:32-2:35', '2:52-2:57']);
    expect(findings[0]!.message).toBe("Mode '777' makes '/app' writable by every user");
  });
  it('accepts sticky, group-only and bare +w modes, and allowPaths', () => {
    expect(lintRule('no-world-writable', `${F}RUN chmod 1777 /t && chmod ugo+rwx,o+t /u && chmod g+w /v && chmod +w /w && chmod 755 /x\n`)).toEqual([]);
    expect(lintRule('no-world-writable', `${F}RUN chmod 777 /var/cache/app\n`, { rules: { 'no-world-writable': ['warning', { allowPaths: ['/var/cache/**'] }] } })).toEqual([]);
  });
  it('checks COPY --chmod', () => {
    expect(lintRule('no-world-writable', `${F}COPY --chmod=0666 a /etc/a\n`).map(where)).toEqual(['2:14-2:18']);
  });
});

describe('no-chown-flag', () => {
  it('reports --chown on the flag', () => {
    const [finding] = lintRule('no-chown-flag', `${F}COPY --chown=app:app . /app\n`);
    expect(where(finding!)).toBe('2:6-2:21');
  });
  it('onlyRuntimeUser reports only the runtime user', () => {
    const options = { rules: { 'no-chown-flag': ['info', { onlyRuntimeUser: true }] as ['info', Record<string, unknown>] } };
    expect(lintRule('no-chown-flag', `${F}COPY --chown=app . /app\nCOPY --chown=other . /o\nUSER app\n`, options).map(where)).toEqual(['2:6-2:17']);
  });
});

describe('prefer-copy-chown', () => {
  it('reports chown/chmod of just-copied files, with the COPY as related information', () => {
    const [finding] = lintRule('prefer-copy-chown', `${F}COPY entrypoint.sh /usr/local/bin/\nRUN chmod +x /usr/local/bin/entrypoint.sh\n`);
    expect(where(finding!)).toBe('3:5-3:10');
    expect(finding!.message).toBe('Use --chown/--chmod on the COPY on line 2; this chmod copies the files into a new layer');
    expect(finding!.related.map((r) => r.range.start.line)).toEqual([1]);
  });
  it('resolves relative paths against WORKDIR', () => {
    expect(lintRule('prefer-copy-chown', `${F}WORKDIR /app\nCOPY . .\nRUN chown -R app .\n`).map(where)).toEqual(['4:5-4:10']);
  });
  it('does not report after another RUN or when the RUN writes first, or for unrelated paths', () => {
    expect(lintRule('prefer-copy-chown', `${F}COPY . /app\nRUN make -C /app\nRUN chown -R app /app\n`)).toEqual([]);
    expect(lintRule('prefer-copy-chown', `${F}COPY . /app\nRUN make -C /app && chown -R app /app\n`)).toEqual([]);
    expect(lintRule('prefer-copy-chown', `${F}COPY . /app\nRUN chown -R app /data\n`)).toEqual([]);
  });
});

describe('useradd-large-uid', () => {
  it('reports large UIDs in every spelling on the value', () => {
    const text = `FROM debian:12\nRUN useradd -u 200000 a && useradd -u200001 b && useradd --uid=200002 c && useradd -mu 200003 d\n`;
    const findings = lintRule('useradd-large-uid', text);
    expect(findings.map(where)).toEqual(['2:16-2:22', '2:38-2:44', '2:64-2:70', '2:88-2:94']);
    expect(findings[0]!.message).toBe('useradd with UID 200000 and no -l creates a very large lastlog file; add -l (--no-log-init)');
    expect(findings[0]!.codes).toEqual(['DL3046']);
  });
  it('accepts -l, small or unknown UIDs and adduser', () => {
    expect(lintRule('useradd-large-uid', `FROM debian:12\nARG UID\nRUN useradd -lmu 200000 a && useradd --no-log-init -u 300000 b && useradd -u 1000 c && useradd -u $UID d && adduser -u 200000 e\n`)).toEqual([]);
  });
  it('resolves ARG defaults and fixes by inserting -l (shell and exec form)', () => {
    const text = `FROM debian:12\nARG UID=123456\nRUN useradd -u \${UID} app\n`;
    const [finding] = lintRule('useradd-large-uid', text);
    const out = applyEdits(text, finding!.fix!.edits);
    expect(out).toBe(`FROM debian:12\nARG UID=123456\nRUN useradd -l -u \${UID} app\n`);
    expect(lintRule('useradd-large-uid', out)).toEqual([]);
    const exec = `FROM debian:12\nRUN ["useradd", "-u", "200000", "app"]\n`;
    const [execFinding] = lintRule('useradd-large-uid', exec);
    expect(applyEdits(exec, execFinding!.fix!.edits)).toBe(`FROM debian:12\nRUN ["useradd", "-l", "-u", "200000", "app"]\n`);
  });
});

describe('no-insecure-run-flags', () => {
  it('reports insecure security, host network and devices, on the flag', () => {
    const findings = lintRule('no-insecure-run-flags', `${F}RUN --security=insecure --network=host --device=/dev/fuse true\nONBUILD RUN --network=host true\n`);
    expect(findings.map(where)).toEqual(['2:5-2:24', '2:25-2:39', '2:40-2:58', '3:13-3:27']);
    expect(findings[0]!.message).toBe('RUN --security=insecure weakens build isolation');
  });
  it('accepts sandboxed flags and the allow list', () => {
    expect(lintRule('no-insecure-run-flags', `${F}RUN --network=none --security=sandbox true\n`)).toEqual([]);
    expect(lintRule('no-insecure-run-flags', `${F}RUN --network=host true\n`, { rules: { 'no-insecure-run-flags': ['warning', { allow: ['network=host'] }] } })).toEqual([]);
  });
});

describe('no-ssh-server', () => {
  it('reports EXPOSE 22 with the Trivy and Checkov codes, through variables and ranges', () => {
    const findings = lintRule('no-ssh-server', `${F}ARG P=22\nEXPOSE 80 $P/tcp 20-30/udp\n`);
    expect(findings.map(where)).toEqual(['3:11-3:17', '3:18-3:27']);
    expect(findings[0]!.codes).toEqual(['DS-0004', 'CKV_DOCKER_1']);
  });
  it('reports server installs and starts without codes', () => {
    const text = `FROM debian:12\nRUN apt-get install -y openssh-server && service ssh start\nCMD ["/usr/sbin/sshd", "-D"]\n`;
    const findings = lintRule('no-ssh-server', text);
    expect(findings.map(where)).toEqual(['2:24-2:38', '2:42-2:49', '3:6-3:22']);
    expect(findings.every((f) => f.codes.length === 0)).toBe(true);
  });
  it('accepts clients and other ports', () => {
    expect(lintRule('no-ssh-server', `FROM debian:12\nRUN apt-get install -y openssh-client\nEXPOSE 2222 8022\n`)).toEqual([]);
  });
});

describe('no-sensitive-volume', () => {
  it('reports the Docker socket and system directories, JSON and shell form', () => {
    const findings = lintRule('no-sensitive-volume', `${F}VOLUME /var/run/docker.sock /data\nVOLUME ["/etc/", "/proc"]\n`);
    expect(findings.map(where)).toEqual(['2:8-2:28', '3:9-3:16', '3:18-3:25']);
    expect(findings[1]!.message).toBe("VOLUME '/etc' invites mounting a host-sensitive path into the container");
  });
  it('accepts data paths and honours the paths option', () => {
    expect(lintRule('no-sensitive-volume', `${F}VOLUME /var/lib/app /var/lib/docker\n`)).toEqual([]);
    expect(lintRule('no-sensitive-volume', `${F}VOLUME /srv\n`, { rules: { 'no-sensitive-volume': ['warning', { paths: ['/srv'] }] } }).length).toBe(1);
  });
});

describe('no-system-workdir', () => {
  it('reports WORKDIR in system directories with DS-0030', () => {
    const findings = lintRule('no-system-workdir', `${F}WORKDIR /proc/self/fd/8\nWORKDIR /sys\nWORKDIR /\nWORKDIR dev/x\n`);
    expect(findings.map(where)).toEqual(['2:9-2:24', '3:9-3:13', '5:9-5:14']);
    expect(findings[0]!.codes).toEqual(['DS-0030']);
  });
  it('accepts look-alike paths', () => {
    expect(lintRule('no-system-workdir', `${F}WORKDIR /process\nWORKDIR /srv/dev\n`)).toEqual([]);
  });
});

describe('no-privileged-port', () => {
  it('reports ports below 1024 when the runtime user is non-root', () => {
    const [finding] = lintRule('no-privileged-port', `${F}EXPOSE 80 8080\nUSER 1000\n`);
    expect(where(finding!)).toBe('2:8-2:10');
    expect(finding!.message).toBe('Port 80 is privileged; an unprivileged user may not be able to bind it');
  });
  it('accepts root or unknown users', () => {
    expect(lintRule('no-privileged-port', `${F}EXPOSE 80\n`)).toEqual([]);
    expect(lintRule('no-privileged-port', `${F}EXPOSE 80\nUSER root\n`)).toEqual([]);
  });
});

describe('no-copy-entire-stage', () => {
  it('reports COPY --from=stage / / on the source with DL3067', () => {
    const [finding] = lintRule('no-copy-entire-stage', `FROM alpine:3.20 AS b\nFROM scratch\nCOPY --from=b / /\n`);
    expect(where(finding!)).toBe('3:15-3:16');
    expect(finding!.codes).toEqual(['DL3067']);
    expect(finding!.message).toBe("This copies the entire filesystem of 'b'; copy only the paths you need");
  });
  it('needs a root destination unless anyDestination', () => {
    const text = `FROM alpine:3.20 AS b\nFROM scratch\nCOPY --from=b /. /rootfs/\n`;
    expect(lintRule('no-copy-entire-stage', text)).toEqual([]);
    expect(lintRule('no-copy-entire-stage', text, { rules: { 'no-copy-entire-stage': ['warning', { anyDestination: true }] } }).length).toBe(1);
    expect(lintRule('no-copy-entire-stage', `FROM alpine:3.20 AS b\nFROM scratch\nCOPY --from=b /app /\n`)).toEqual([]);
  });
});

function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const edit of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(edit.range.start)) + edit.text + out.slice(offset(edit.range.end));
  }
  return out;
}

describe('no-chown-flag with root', () => {
  it('does not report root ownership', () => {
    expect(lintRule('no-chown-flag', 'FROM alpine:3.20\nCOPY --chown=0:0 a /a\nCOPY --chown=root b /b\n')).toEqual([]);
  });
});
