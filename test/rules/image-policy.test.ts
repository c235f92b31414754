import { describe, expect, it } from 'vitest';
import { runFixes } from '../../src/engine/fixer.js';
import { lint, lintRule, where } from '../helpers.js';

const fix = (text: string, rule: string, unsafe = false): string =>
  runFixes(text, { unsafe, categoryOf: () => 'security', lint: (t) => lint(t).filter((f) => f.ruleId === rule) }).text;

const USER = 'USER nobody\n';

describe('eol-base-image', () => {
  const today = { today: '2026-11-27' };
  it('reports a runtime past end of life at the tag, with the table date', () => {
    const findings = lintRule('eol-base-image', `FROM python:3.8-slim\n${USER}`, { settings: today });
    expect(findings.map(where)).toEqual(['1:13-1:21']);
    expect(findings[0]?.message).toBe(
      "Python 3.8 in 'python:3.8-slim' reached end of life on 2024-10-07; move to a supported release (end-of-life data as of 2026-11-27)",
    );
    expect(findings[0]?.codes).toEqual([]);
  });
  it('reports the runtime and the distribution variant separately', () => {
    const findings = lintRule('eol-base-image', `FROM python:3.8-slim-bullseye\n${USER}`, { settings: today });
    expect(findings.map((f) => `${where(f)} ${f.message.split(' in ')[0]}`)).toEqual(['1:13-1:30 Python 3.8', '1:22-1:30 Debian 11 (bullseye)']);
  });
  it('understands distro codenames, Alpine variants and ARG defaults', () => {
    expect(lintRule('eol-base-image', `FROM ubuntu:focal\n${USER}`, { settings: today }).length).toBe(1);
    expect(lintRule('eol-base-image', `FROM node:22-alpine3.18\n${USER}`, { settings: today }).map((f) => f.message.split(' in ')[0])).toEqual(['Alpine 3.18']);
    const viaArg = lintRule('eol-base-image', `ARG V=16\nFROM node:\${V}\n${USER}`, { settings: today });
    expect(viaArg.map(where)).toEqual(['2:6-2:15']);
  });
  it('reports a release close to its end at info severity', () => {
    const findings = lintRule('eol-base-image', `FROM postgres:15\n${USER}`, { settings: { today: '2027-10-01' } });
    expect(findings[0]?.severity).toBe('info');
    expect(findings[0]?.message).toContain('reaches end of life on 2027-11-11');
  });
  it('does not report supported releases, latest, digests, unknown images or unresolved tags', () => {
    for (const text of [
      'FROM python:3.13-slim-bookworm',
      'FROM python:latest',
      'FROM node@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1',
      'FROM example/python:3.6',
      'ARG TAG\nFROM node:${TAG}',
      'FROM python:3.80',
      'FROM scratch',
    ]) {
      expect(lintRule('eol-base-image', `${text}\n${USER}`, { settings: today }), text).toEqual([]);
    }
  });
  it('uses the today setting, so results do not age', () => {
    expect(lintRule('eol-base-image', `FROM python:3.12\n${USER}`, { settings: { today: '2024-01-01' } })).toEqual([]);
    expect(lintRule('eol-base-image', `FROM python:3.12\n${USER}`, { settings: { today: '2029-01-01' } }).length).toBe(1);
  });
  it('accepts extra releases', () => {
    const rules = { 'eol-base-image': ['warning', { extraReleases: [{ image: 'registry.example.com/base', tag: '1.*', eol: '2025-01-01' }] }] as const };
    const findings = lintRule('eol-base-image', `FROM registry.example.com/base:1.4\n${USER}`, { settings: today, rules: rules as never });
    expect(findings[0]?.message).toContain("registry.example.com/base 1.4 in 'registry.example.com/base:1.4' reached end of life on 2025-01-01");
  });
  it('checks COPY --from images', () => {
    expect(lintRule('eol-base-image', `FROM alpine:3.22\nCOPY --from=golang:1.20 /usr/local/go /go\n${USER}`, { settings: today }).map(where)).toEqual(['2:20-2:24']);
  });
});

describe('require-image-digest', () => {
  it('reports references without a digest, FROM and COPY --from', () => {
    const findings = lintRule('require-image-digest', `FROM alpine:3.22\nCOPY --from=busybox:1.36 /bin/busybox /bin/\n${USER}`);
    expect(findings.map(where)).toEqual(['1:6-1:17', '2:13-2:25']);
    expect(findings[0]?.message).toBe("Pin image 'alpine:3.22' by digest (@sha256:…) so its contents cannot change");
  });
  it('accepts digests, scratch, stages, unknown and allowed references', () => {
    const digest = '@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1';
    expect(lintRule('require-image-digest', `FROM alpine:3.22${digest} AS a\nFROM a\n${USER}`)).toEqual([]);
    expect(lintRule('require-image-digest', `ARG IMG\nFROM $IMG\n${USER}`)).toEqual([]);
    const rules = { 'require-image-digest': ['warning', { allow: ['docker.io/library/alpine:*'] }] } as never;
    expect(lintRule('require-image-digest', `FROM alpine:3.22\n${USER}`, { rules })).toEqual([]);
  });
  it('checks the syntax frontend with checkSyntax', () => {
    const rules = { 'require-image-digest': ['warning', { checkSyntax: true, checkCopyFrom: false }] } as never;
    const findings = lintRule('require-image-digest', `# syntax=docker/dockerfile:1.7\nFROM scratch\n${USER}`, { rules });
    expect(findings.map(where)).toEqual(['1:10-1:31']);
  });
});

describe('trusted-registries', () => {
  const settings = { trustedRegistries: ['docker.io', '*.example.com', 'localhost:5000'] };
  it('reports untrusted registries of FROM, COPY --from, mounts and the syntax frontend', () => {
    const text = `# syntax=ghcr.io/acme/frontend:1\nFROM quay.io/a/b:1\nCOPY --from=gcr.io/x/y:2 /a /a\nRUN --mount=type=bind,from=registry.local:5000/tools:1,target=/t true\n${USER}`;
    const findings = lintRule('trusted-registries', text, { settings });
    expect(findings.map(where)).toEqual(['1:10-1:33', '2:6-2:19', '3:13-3:25', '4:28-4:55']);
    expect(findings.every((f) => f.codes.join() === 'DL3026')).toBe(true);
    expect(findings[1]?.message).toBe("Registry 'quay.io' of image 'quay.io/a/b:1' is not in trustedRegistries");
  });
  it('accepts matching registries, Docker Hub aliases, stage names and indexes', () => {
    const text = `FROM alpine:3.22 AS a\nFROM r.example.com/x:1\nFROM localhost:5000/app:1\nCOPY --from=a /x /x\nCOPY --from=0 /y /y\n${USER}`;
    expect(lintRule('trusted-registries', text, { settings })).toEqual([]);
    expect(lintRule('trusted-registries', `FROM alpine:3.22\n${USER}`, { settings: { trustedRegistries: ['index.docker.io'] } })).toEqual([]);
  });
  it('matches suffix patterns only below the suffix and prefix patterns by prefix', () => {
    expect(lintRule('trusted-registries', `FROM example.com/x:1\n${USER}`, { settings }).length).toBe(1);
    expect(lintRule('trusted-registries', `FROM reg.internal:443/x:1\n${USER}`, { settings: { trustedRegistries: ['reg.*'] } })).toEqual([]);
  });
  it('skips unknown registries unless strict', () => {
    const text = `ARG REG\nFROM $REG/app:1\n${USER}`;
    expect(lintRule('trusted-registries', text, { settings })).toEqual([]);
    const rules = { 'trusted-registries': ['error', { strict: true }] } as never;
    expect(lintRule('trusted-registries', text, { settings, rules }).map((f) => f.message)).toEqual(["Cannot verify the registry of '$REG/app:1'"]);
  });
  it('is switched on by the setting in the recommended preset', () => {
    expect(lintRule('trusted-registries', `FROM quay.io/a/b:1\n${USER}`, { presets: ['recommended'], settings }).length).toBe(1);
    expect(lintRule('trusted-registries', `FROM quay.io/a/b:1\n${USER}`, { presets: ['recommended'] })).toEqual([]);
  });
});

describe('allowed-images', () => {
  it('reports images outside the allowlist and images on the denylist', () => {
    const rules = { 'allowed-images': ['error', { allow: ['node:*', 'registry.example.com/*'], deny: ['node:16*'] }] } as never;
    const text = `FROM node:20-alpine AS a\nFROM node:16\nFROM python:3.13\nFROM registry.example.com/base:1\n${USER}`;
    const findings = lintRule('allowed-images', text, { rules });
    expect(findings.map((f) => `${where(f)} ${f.message}`)).toEqual([
      "2:6-2:13 Image 'node:16' is denied by pattern 'node:16*'",
      "3:6-3:17 Image 'python:3.13' is not in the allowed image list",
    ]);
  });
  it('is on in recommended once configured, and skips scratch, stages and unknown references', () => {
    const rules = { 'allowed-images': ['error', { allow: ['alpine:*'] }] } as never;
    expect(lintRule('allowed-images', `FROM quay.io/x/y:1\n${USER}`, { presets: ['recommended'], rules }).length).toBe(1);
    expect(lintRule('allowed-images', `ARG B\nFROM $B\nFROM scratch\n${USER}`, { rules })).toEqual([]);
  });
});

describe('pinned-syntax-directive', () => {
  it('reports a frontend pinned looser than the level', () => {
    const findings = lintRule('pinned-syntax-directive', `# syntax=docker/dockerfile:1\nFROM scratch\n${USER}`);
    expect(findings.map(where)).toEqual(['1:10-1:29']);
    expect(findings[0]?.message).toBe("The syntax frontend 'docker/dockerfile:1' is not pinned to at least a minor version (X.Y)");
  });
  it('accepts X.Y tags, labs tags and digests; honours level and require', () => {
    for (const value of ['docker/dockerfile:1.7', 'docker/dockerfile:1.7-labs', 'docker/dockerfile:1.7.1']) {
      expect(lintRule('pinned-syntax-directive', `# syntax=${value}\nFROM scratch\n${USER}`)).toEqual([]);
    }
    const digest = { 'pinned-syntax-directive': ['info', { level: 'digest', require: true }] } as never;
    expect(lintRule('pinned-syntax-directive', `# syntax=docker/dockerfile:1.7\nFROM scratch\n${USER}`, { rules: digest }).length).toBe(1);
    const missing = lintRule('pinned-syntax-directive', `FROM scratch\n${USER}`, { rules: digest });
    expect(missing.map((f) => `${where(f)} ${f.message}`)).toEqual(["1:1-1:13 Add a '# syntax=' directive to pin the Dockerfile frontend"]);
  });
});

describe('no-unverified-add-url', () => {
  it('reports remote ADD without --checksum, at the source', () => {
    const findings = lintRule('no-unverified-add-url', `FROM alpine:3.22\nADD https://example.com/a.tgz /opt/\nADD git@github.com:moby/buildkit.git /src\n${USER}`);
    expect(findings.map(where)).toEqual(['2:5-2:30', '3:5-3:37']);
    expect(findings[0]?.codes).toEqual(['CKV_DOCKER_4']);
    expect(findings[0]?.message).toBe("ADD downloads 'https://example.com/a.tgz' without --checksum; pin it with --checksum=sha256:… (or a commit for git)");
  });
  it('accepts ADD --checksum, a git commit ref and local sources', () => {
    const text = `FROM alpine:3.22\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tgz /opt/\nADD https://github.com/moby/buildkit.git#2ff9de2cad8f4bd9e3a4bf0ab6ab05d1c1d70d6d /src\nADD rootfs.tar.gz /\n${USER}`;
    expect(lintRule('no-unverified-add-url', text)).toEqual([]);
  });
  it('resolves variables in the source', () => {
    expect(lintRule('no-unverified-add-url', `FROM alpine:3.22\nARG URL=https://example.com/x\nADD $URL /x\n${USER}`).map(where)).toEqual(['3:5-3:9']);
  });
});

describe('prefer-copy-over-add', () => {
  it('reports ADD of local files at the keyword and fixes it to COPY', () => {
    const text = `FROM alpine:3.22\nadd --chown=1:1 app.py /app/\n${USER}`;
    const findings = lintRule('prefer-copy-over-add', text);
    expect(findings.map(where)).toEqual(['2:1-2:4']);
    expect(findings[0]?.codes).toEqual(['DL3020', 'DS-0005', 'CKV_DOCKER_4']);
    const fixed = fix(text, 'prefer-copy-over-add');
    expect(fixed).toBe(`FROM alpine:3.22\ncopy --chown=1:1 app.py /app/\n${USER}`);
    expect(lintRule('prefer-copy-over-add', fixed)).toEqual([]);
  });
  it('reports but does not fix globs, zips, heredocs and ADD-only flags', () => {
    for (const line of ['ADD *.py /app/', 'ADD <<EOF /app/x\nhi\nEOF', 'ADD --unpack=true x.txt /app/']) {
      const findings = lintRule('prefer-copy-over-add', `FROM alpine:3.22\n${line}\n${USER}`);
      expect(findings.length, line).toBe(1);
      expect(findings[0]?.fix, line).toBeUndefined();
    }
  });
  it('fixes a .zip, which ADD does not extract', () => {
    expect(lintRule('prefer-copy-over-add', `FROM alpine:3.22\nADD app.zip /app/\n${USER}`)[0]?.fix?.edits).toHaveLength(1);
  });
  it('accepts URLs, git sources and archives (unless allowArchives is off)', () => {
    const text = `FROM alpine:3.22\nADD https://example.com/x /x\nADD git@github.com:a/b.git /b\nADD rootfs.tar.xz /\n${USER}`;
    expect(lintRule('prefer-copy-over-add', text)).toEqual([]);
    const rules = { 'prefer-copy-over-add': ['warning', { allowArchives: false }] } as never;
    expect(lintRule('prefer-copy-over-add', `FROM alpine:3.22\nADD rootfs.tar.xz /\n${USER}`, { rules }).length).toBe(1);
  });
});
