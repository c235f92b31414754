import { describe, expect, it } from 'vitest';
import { lintRule, where } from '../helpers.js';

const check = (text: string, options?: Record<string, unknown>) =>
  lintRule('no-latest-tag', text, options ? { rules: { 'no-latest-tag': ['warning', options] } } : {}).map((f) => [where(f), f.codes.join(','), f.message]);

describe('no-latest-tag', () => {
  it('reports an explicit latest tag on the tag itself (DL3007)', () => {
    expect(check('FROM ubuntu:latest\n')).toEqual([['1:13-1:19', 'DL3007,DS-0001,CKV_DOCKER_7', "Image 'ubuntu:latest' uses the floating tag 'latest'; pin a specific version"]]);
  });

  it('reports a missing tag on the image name (DL3006), every FROM, not only the first', () => {
    expect(check('FROM ubuntu AS a\nFROM --platform=linux/amd64 debian\n')).toEqual([
      ['1:6-1:12', 'DL3006,DS-0001,CKV_DOCKER_7', "Image 'ubuntu' has no tag and resolves to 'latest'; pin a specific version"],
      ['2:29-2:35', 'DL3006,DS-0001,CKV_DOCKER_7', "Image 'debian' has no tag and resolves to 'latest'; pin a specific version"],
    ]);
  });

  it('treats a registry port as no tag', () => {
    expect(check('FROM localhost:5000/app\n').map((r) => r[1])).toEqual(['DL3006,DS-0001,CKV_DOCKER_7']);
    expect(check('FROM registry.example.com:443/team/app\n')).toHaveLength(1);
    expect(check('FROM registry.example.com:443/team/app:2.1\n')).toEqual([]);
  });

  it('resolves ARGs and ranges the variable reference', () => {
    expect(check('ARG BASE=ubuntu\nFROM ${BASE}\n')).toEqual([['2:6-2:13', 'DL3006,DS-0001,CKV_DOCKER_7', "Image 'ubuntu' has no tag and resolves to 'latest'; pin a specific version"]]);
    expect(check('ARG NODE=latest\nFROM node:${NODE}\n').map((r) => [r[0], r[1]])).toEqual([['2:6-2:18', 'DL3007,DS-0001,CKV_DOCKER_7']]);
    expect(check('ARG NODE=22\nFROM node:${NODE}\n')).toEqual([]);
  });

  it('stays silent on unknown values, digests, scratch and stage references', () => {
    expect(check('ARG TAG\nFROM node:${TAG}\n')).toEqual([]);
    expect(check('ARG IMAGE\nFROM ${IMAGE}\n')).toEqual([]);
    expect(check('FROM ubuntu@sha256:abc\n')).toEqual([]);
    expect(check('FROM ubuntu:latest@sha256:abc\n')).toEqual([]);
    expect(check('FROM scratch\n')).toEqual([]);
    expect(check('FROM golang:1.23 AS Build\nFROM build\n')).toEqual([]);
  });

  it('checks a name that matches a later stage as an image', () => {
    expect(check('FROM builder\nFROM golang:1.23 AS builder\n')).toHaveLength(1);
  });

  it('checks COPY --from and RUN --mount from images, unless checkCopyFrom is off', () => {
    const text = 'FROM alpine:3.20 AS a\nCOPY --from=busybox /bin/sh /sh\nCOPY --from=a /x /x\nCOPY --from=0 /y /y\nRUN --mount=type=bind,from=nginx:latest,target=/n true\n';
    expect(check(text).map((r) => [r[0], r[1]])).toEqual([
      ['2:13-2:20', 'DL3006,DS-0001,CKV_DOCKER_7'],
      ['5:34-5:40', 'DL3007,DS-0001,CKV_DOCKER_7'],
    ]);
    expect(check(text, { checkCopyFrom: false })).toEqual([]);
  });

  it('supports floatingTags and untagged options', () => {
    expect(check('FROM node:lts\n', { floatingTags: ['latest', 'lts'] })).toEqual([['1:11-1:14', '', "Image 'node:lts' uses the floating tag 'lts'; pin a specific version"]]);
    expect(check('FROM node\n', { untagged: false })).toEqual([]);
  });
});
