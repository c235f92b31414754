import { describe, expect, it } from 'vitest';
import { REPORTER_NAMES, loadReporter } from '../../src/reporters/index.js';
import { BUILTIN_RULES } from '../../rules/index.js';
import { isKeyFingerprint, isSecretName, maskSecret, nameSegments, shannonEntropy } from '../../src/model/secrets.js';
import { lint, lintRule, where } from '../helpers.js';

const F = 'FROM alpine:3.20\n';
const SECRET_RULES = new Set(['no-secrets-in-arg-env', 'no-hardcoded-secrets', 'no-credential-setup-in-run', 'no-secret-file-copy']);
const GH = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';

describe('secret names (src/model/secrets)', () => {
  it('splits names into segments', () => {
    expect(nameSegments('dbPassword')).toEqual(['db', 'password']);
    expect(nameSegments('APIKey')).toEqual(['api', 'key']);
    expect(nameSegments('my-app.SECRET_value')).toEqual(['my', 'app', 'secret', 'value']);
  });
  it('decides known names, allow tokens and secret tokens in order', () => {
    for (const name of ['GITHUB_TOKEN', 'VITE_OPENAI_API_KEY', 'DB_PASSWORD', 'dbPassword', 'APIKey', 'MY_PASS', 'SSH_PRIVATE_KEY', 'AUTH']) expect(isSecretName(name), name).toBe(true);
    for (const name of ['PUBLIC_KEY_URL', 'TOKEN_FILE', 'PUBLIC_KEY', 'SECRET_PASSPHRASE_FILE', 'AUTH_MODULE_VERSION', 'GPG_KEY', 'TOKEN_URL', 'PWD', 'PASS', 'PRIVATE_NETWORK', 'GHC_RELEASE_KEY', 'KEY_SHA512', 'JENKINS_USERNAME']) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
  it('honours extraNames, allowNames, allowTokens and usernames', () => {
    expect(isSecretName('SENTRY_DSN', { extraNames: ['sentry_dsn'] })).toBe(true);
    expect(isSecretName('DB_PASSWORD', { allowNames: ['DB_PASSWORD'] })).toBe(false);
    expect(isSecretName('TOKEN_AUDIENCE', { allowTokens: ['audience'] })).toBe(false);
    expect(isSecretName('JENKINS_USERNAME', { usernames: true })).toBe(true);
    expect(isSecretName('DOCKER_USERNAME', { usernames: true })).toBe(true);
  });
  it('masks, measures entropy and recognises key fingerprints', () => {
    expect(maskSecret(GH)).toBe('ghp_…');
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(isKeyFingerprint('B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8')).toBe(true);
    expect(isKeyFingerprint('0xBA5473A2B0587B07FB27CF2D216094DFD0CB81EF')).toBe(true);
    expect(isKeyFingerprint('BCA4 3417 C3B4 85DD 128E C6D4 B7B3 B788 A8D3 785C')).toBe(true);
    expect(isKeyFingerprint('5f4dcc3b5aa765d61d8327deb882cf99')).toBe(false);
  });
});

describe('no-secrets-in-arg-env', () => {
  it('reports secret-named ARG and ENV keys with all three codes and related RUNs', () => {
    const text = `ARG NPM_TOKEN\n${F}ARG NPM_TOKEN\nENV DB_PASSWORD=hunter2 APP_NAME=x\nRUN echo "$NPM_TOKEN" > /dev/null\n`;
    const findings = lintRule('no-secrets-in-arg-env', text);
    expect(findings.map(where)).toEqual(['1:5-1:14', '3:5-3:14', '4:5-4:16']);
    expect(findings[0]!.codes).toEqual(['DL3064', 'SecretsUsedInArgOrEnv', 'DS-0031']);
    expect(findings[1]!.message).toBe("ARG 'NPM_TOKEN' looks like a secret; its value is kept in the image — use a secret mount");
    expect(findings[1]!.related.map((r) => r.range.start.line)).toEqual([4]);
  });
  it('checks ONBUILD triggers and legacy ENV', () => {
    expect(lintRule('no-secrets-in-arg-env', `${F}ONBUILD ARG GITHUB_TOKEN\nENV API_SECRET abc\n`).map(where)).toEqual(['2:13-2:25', '3:5-3:15']);
  });
  it('false-positive traps: PUBLIC_KEY_URL, TOKEN_FILE=/run/secrets/x, secret mounts, empty ENV, fingerprints, flags', () => {
    const text =
      `${F}ARG PUBLIC_KEY_URL=https://example.com/key.pub\nENV TOKEN_FILE=/run/secrets/x\nENV TOKEN=\n` +
      `ARG GHC_RELEASE_KEY=FFEB7CE81E16A36B3E2DED6F2DE04D4E97DB64AD\nENV SIGNING_KEY=0x0A9AF2115F4687BD29803A206B73A36E6026DFCA\n` +
      `ENV DISABLE_TOKEN_AUTH=true\nENV CREDENTIALS_CONFIG=/etc/app/creds.json\n` +
      `RUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci\n`;
    expect(lintRule('no-secrets-in-arg-env', text)).toEqual([]);
  });
  it('options: allowNames, extraNames, usernames', () => {
    expect(lintRule('no-secrets-in-arg-env', `${F}ARG DB_PASSWORD\n`, { rules: { 'no-secrets-in-arg-env': ['warning', { allowNames: ['DB_PASSWORD'] }] } })).toEqual([]);
    expect(lintRule('no-secrets-in-arg-env', `${F}ARG SENTRY_DSN\n`, { rules: { 'no-secrets-in-arg-env': ['warning', { extraNames: ['SENTRY_DSN'] }] } }).length).toBe(1);
    expect(lintRule('no-secrets-in-arg-env', `${F}ARG DOCKER_USERNAME\n`)).toEqual([]);
    expect(lintRule('no-secrets-in-arg-env', `${F}ARG DOCKER_USERNAME\n`, { rules: { 'no-secrets-in-arg-env': ['warning', { usernames: true }] } }).length).toBe(1);
  });
});

describe('no-hardcoded-secrets', () => {
  it('reports platform tokens anywhere (instructions, comments, heredocs) on the value, masked', () => {
    const text = `${F}# token: ${GH}\nRUN <<EOF\nexport X=glpat-abcdefghij0123456789\nEOF\n`;
    const findings = lintRule('no-hardcoded-secrets', text);
    expect(findings.map(where)).toEqual(['2:10-2:50', '4:10-4:36']);
    expect(findings[0]!.message).toBe('Hard-coded GitHub token (ghp_…); remove it and rotate the credential');
    expect(findings[1]!.message).toBe('Hard-coded GitLab token (glpa…); remove it and rotate the credential');
  });
  it('reports private keys, AWS keys, Slack, npm, Stripe, Google keys and JWTs', () => {
    const values = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'AKIAZ7Q4MNB3XK2PLR5T',
      'xoxb-1234567890-abcdefghij',
      'https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX',
      'npm_abcdefghijABCDEFGHIJ0123456789abcdef',
      'sk_live_abcdefghijABCDEFGHIJ0123',
      'AIzaSyA-abcdefghijABCDEFGHIJ01234567890',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ];
    for (const value of values) {
      const findings = lintRule('no-hardcoded-secrets', `${F}RUN echo "${value}" > /dev/null\n`);
      expect(findings.length, value).toBe(1);
      expect(where(findings[0]!), value).toBe(`2:11-2:${11 + value.length}`);
    }
  });
  it('reports passwords in URLs on the password part, but not variables or placeholders', () => {
    const findings = lintRule('no-hardcoded-secrets', `${F}RUN git clone https://bot:Zx9-kq3TtP@git.example.com/r.git\n`);
    expect(findings.map(where)).toEqual(['2:27-2:37']);
    expect(findings[0]!.message).toBe('Hard-coded password in a URL (Zx9-…); remove it and rotate the credential');
    expect(lintRule('no-hardcoded-secrets', `${F}RUN git clone https://bot:$TOKEN@git.example.com/r.git && curl https://user:pass@x.test/ && curl http://u:\${PW}@h/\n`)).toEqual([]);
  });
  it('reports secret-named assignments with literal values in ARG, ENV, scripts and login options', () => {
    const text = `${F}ARG DB_PASSWORD=Sup3rS3cret!\nRUN API_TOKEN=a8f5f167f44f4964e6c998dee827110c ./deploy && export SECRET_KEY=kd93Jd0sLq && docker login -u ci -p Tr0ub4dor3x reg.test && mysql -pQwerty12345 db\n`;
    const findings = lintRule('no-hardcoded-secrets', text);
    expect(findings.map(where)).toEqual(['2:17-2:29', '3:15-3:47', '3:78-3:88', '3:114-3:125', '3:146-3:157']);
    expect(findings.map((f) => f.message.split(' (')[0])).toEqual([
      "Hard-coded value for 'DB_PASSWORD'",
      "Hard-coded value for 'API_TOKEN'",
      "Hard-coded value for 'SECRET_KEY'",
      'Hard-coded password option',
      'Hard-coded password option',
    ]);
  });
  it('false-positive traps: AWS documentation keys, placeholders, variables, paths, fingerprints, short values, secret mounts', () => {
    const text =
      `${F}ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n` +
      `ARG DB_PASSWORD=changeme\nENV API_TOKEN=\${TOKEN}\nENV TOKEN_FILE=/run/secrets/x\nENV PUBLIC_KEY_URL=https://keys.example.com/k.pub\n` +
      `ENV PASSWORD=<password>\nENV APP_SECRET=xxxxxxxxxx\nARG GPG_KEY=B42F6819007F00F88E364FD4036A9C25BF357DD4\nENV SESSION_SECRET=short\n` +
      `RUN --mount=type=secret,id=db,env=DB_PASSWORD ./migrate\nENV TOKEN=00000000-0000-0000-0000-000000000000\n`;
    expect(lintRule('no-hardcoded-secrets', text)).toEqual([]);
  });
  it('options: allowValues and extraPatterns', () => {
    const text = `${F}ENV GITHUB_TOKEN=${GH}\n`;
    expect(lintRule('no-hardcoded-secrets', text, { rules: { 'no-hardcoded-secrets': ['error', { allowValues: ['^ghp_0123'] }] } })).toEqual([]);
    const custom = lintRule('no-hardcoded-secrets', `${F}RUN echo acme_live_0123456789abcdef\n`, {
      rules: { 'no-hardcoded-secrets': ['error', { extraPatterns: [{ name: 'ACME key', regex: 'acme_live_[0-9a-f]{16}' }] }] },
    });
    expect(custom.map((f) => f.message)).toEqual(['Hard-coded ACME key (acme…); remove it and rotate the credential']);
  });
  it('never prints a full secret value in any message or output format', async () => {
    const secrets = [GH, 'Sup3rS3cret!', 'Zx9-kq3TtP', 'AKIAZ7Q4MNB3XK2PLR5T'];
    const text = `${F}ENV GITHUB_TOKEN=${GH}\nARG DB_PASSWORD=Sup3rS3cret!\nRUN git clone https://bot:Zx9-kq3TtP@git.example.com/r.git\n# AKIAZ7Q4MNB3XK2PLR5T\n`;
    // The secret and credential rules of RULES.md §4 (other rules' messages are their owners' concern).
    const findings = lint(text).filter((f) => SECRET_RULES.has(f.ruleId));
    expect(findings.filter((f) => f.ruleId === 'no-hardcoded-secrets').length).toBe(4);
    for (const finding of findings) for (const secret of secrets) expect(finding.message).not.toContain(secret);
    for (const name of REPORTER_NAMES) {
      const reporter = await loadReporter(name);
      // Code frames quote the user's own source line; every other part of the output must be masked.
      const output = reporter([{ filePath: 'Dockerfile', source: undefined, findings }], { color: false, cwd: '/', rules: BUILTIN_RULES });
      for (const secret of secrets) expect(output, `${name} prints ${secret}`).not.toContain(secret);
    }
  });
});

describe('no-credential-setup-in-run', () => {
  it('reports CLI logins and config commands on the command word with DS-0031', () => {
    const text =
      `${F}RUN aws configure set aws_secret_access_key "$K" && gcloud auth activate-service-account --key-file=k.json && az login -u a -p "$P" && doctl auth init -t "$T"\n` +
      `RUN docker login -u ci -p "$P" r.test && npm config set //r.test/:_authToken "$T" && yarn config set npmAuthToken "$T" && git config --global credential.helper store && kubectl config set-credentials ci --token="$T"\n`;
    const findings = lintRule('no-credential-setup-in-run', text);
    expect(findings.map((f) => f.message.split(' ')[0])).toEqual(['aws', 'gcloud', 'az', 'doctl', 'docker', 'npm', 'yarn', 'git', 'kubectl']);
    expect(where(findings[0]!)).toBe('2:5-2:8');
    expect(findings[0]!.codes).toEqual(['DS-0031']);
    expect(findings[0]!.message).toBe('aws stores credentials in the image layer; use a secret mount and avoid writing credential files');
  });
  it('reports credential writes to .npmrc/.netrc with auth fields', () => {
    const text = `${F}RUN echo "//r.test/:_authToken=$T" > ~/.npmrc && npm ci\nRUN cat > /root/.netrc <<EOF\nmachine h login u password $P\nEOF\n`;
    expect(lintRule('no-credential-setup-in-run', text).map(where)).toEqual(['2:5-2:9', '3:5-3:8']);
  });
  it('accepts removal in the same RUN, logout, secret/tmpfs mounts and non-credential writes', () => {
    const text =
      `${F}RUN echo "//r.test/:_authToken=$T" > ~/.npmrc && npm ci && rm -f ~/.npmrc\n` +
      `RUN --mount=type=secret,id=pw,env=PW docker login -u ci -p "$PW" r.test && docker pull r.test/x:1 && docker logout r.test\n` +
      `RUN --mount=type=tmpfs,target=/root/.aws aws configure set aws_access_key_id "$K" && aws s3 cp s3://b/x /x\n` +
      `RUN echo "registry=https://r.test/" > ~/.npmrc && git config --global credential.helper cache && aws configure set region eu-west-1\n`;
    expect(lintRule('no-credential-setup-in-run', text)).toEqual([]);
  });
});

describe('no-secret-file-copy', () => {
  it('reports credential files on the source with DS-0031', () => {
    const text = `${F}COPY id_rsa .npmrc config/.env.production certs/server.key keystore.jks .aws/ /app/\nADD --from=build /root/.docker/config.json /x\n`;
    const findings = lintRule('no-secret-file-copy', text);
    expect(findings.map(where)).toEqual(['2:6-2:12', '2:13-2:19', '2:20-2:42', '2:43-2:59', '2:60-2:72', '2:73-2:78', '3:18-3:43']);
    expect(findings[0]!.codes).toEqual(['DS-0031']);
    expect(findings[0]!.message).toBe("'id_rsa' looks like a credential file and would be stored in the image; use a secret mount");
  });
  it('reports globs naming a secret extension and files behind credential variables', () => {
    expect(lintRule('no-secret-file-copy', `${F}COPY *.key /keys/\n`).map(where)).toEqual(['2:6-2:11']);
    expect(lintRule('no-secret-file-copy', `${F}ENV GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json\nCOPY sa.json /secrets/sa.json\n`).map(where)).toEqual(['3:6-3:13']);
    expect(lintRule('no-secret-file-copy', `${F}COPY gcp.json $GOOGLE_APPLICATION_CREDENTIALS\n`).map(where)).toEqual(['2:6-2:14']);
  });
  it('accepts public keys, example env files and the allow option', () => {
    expect(lintRule('no-secret-file-copy', `${F}COPY id_rsa.pub public.key yarn-pubkey.gpg.key cert.pem .env.example go.env /x/\n`)).toEqual([]);
    expect(lintRule('no-secret-file-copy', `${F}COPY test/fixtures/id_rsa /x\n`, { rules: { 'no-secret-file-copy': ['warning', { allow: ['test/fixtures/*'] }] } })).toEqual([]);
  });
});

describe('no-copy-entire-context', () => {
  const text = `${F}COPY . /app\nCOPY ["./", "/b"]\nCOPY src/ /app/src/\nCOPY --from=build / /\n`;
  it('is silent when the build context is unknown', () => {
    expect(lintRule('no-copy-entire-context', text)).toEqual([]);
  });
  it('reports whole-context sources when the context has no ignore file', () => {
    const findings = lintRule('no-copy-entire-context', text, { settings: { context: '/ctx' } });
    expect(findings.map(where)).toEqual(['2:6-2:7', '3:7-3:11']);
    expect(findings[0]!.message).toBe('This copies the whole build context, including .git and .env; exclude them in .dockerignore or copy specific paths');
  });
  it('names only what the ignore file leaves in, and is silent when both are excluded', () => {
    const partly = lintRule('no-copy-entire-context', text, { settings: { context: '/ctx', ignoreRules: { file: '.dockerignore', patterns: ['.git'] } } });
    expect(partly[0]!.message).toContain('including .env;');
    const covered = { context: '/ctx', ignoreRules: { file: '.dockerignore', patterns: ['**/.git', '.env*', '!.env.example'] } };
    expect(lintRule('no-copy-entire-context', text, { settings: covered })).toEqual([]);
  });
  it('reports every whole-context copy with when: always', () => {
    expect(lintRule('no-copy-entire-context', text, { rules: { 'no-copy-entire-context': ['warning', { when: 'always' }] } }).length).toBe(2);
  });
});

describe('no-delete-in-later-layer', () => {
  it('reports removal of copied files and downloads in later layers, with the adding instruction', () => {
    const text = `${F}WORKDIR /build\nCOPY app.tgz /tmp/\nRUN curl -fsSLO https://example.com/tool.tar.gz && wget -q -O /opt/x.zip https://example.com/x.zip\nRUN rm /tmp/app.tgz tool.tar.gz && rm -rf /opt\n`;
    const findings = lintRule('no-delete-in-later-layer', text);
    expect(findings.map(where)).toEqual(['5:8-5:20', '5:21-5:32', '5:43-5:47']);
    expect(findings[0]!.message).toBe("'/tmp/app.tgz' was added on line 3; removing it in a later layer does not shrink the image (or hide its content)");
    expect(findings[0]!.related.map((r) => r.range.start.line)).toEqual([2]);
  });
  it('reports packages removed by a later RUN', () => {
    const text = `FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc make\nRUN apt-get purge -y gcc\n`;
    expect(lintRule('no-delete-in-later-layer', text).map(where)).toEqual(['3:22-3:25']);
    expect(lintRule('no-delete-in-later-layer', text, { rules: { 'no-delete-in-later-layer': ['warning', { packages: false }] } })).toEqual([]);
  });
  it('accepts removals in the same RUN, under cache mounts, in unshipped stages, and of paths a RUN may have created', () => {
    expect(lintRule('no-delete-in-later-layer', `${F}RUN wget -O /tmp/a https://x.test/a && rm /tmp/a\n`)).toEqual([]);
    expect(lintRule('no-delete-in-later-layer', `${F}COPY a /cache/a\nRUN --mount=type=cache,target=/cache rm /cache/a\n`)).toEqual([]);
    expect(lintRule('no-delete-in-later-layer', `FROM alpine:3.20 AS b\nCOPY a /a\nRUN rm /a\nFROM alpine:3.20\nCOPY --from=b /etc/os-release /x\n`)).toEqual([]);
    expect(lintRule('no-delete-in-later-layer', `${F}COPY . /app\nRUN cd /app && npm ci\nRUN rm -rf /app/node_modules/.cache\n`)).toEqual([]);
  });
});
