import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { Finding } from '../../src/engine/types.js';
import { registry } from '../helpers.js';
import { fixRule, lintFor } from './fix-helpers.js';

const hasShellCheck = spawnSync('shellcheck', ['--version']).status === 0;

/**
 * Hand-written cases, on top of each rule's `meta.examples.invalid`: the fixes issue 7 asks for
 * by name, with the exact expected output.
 */
const REQUIRED: { rule: string; name: string; input: string; output: string; unsafe?: boolean }[] = [
  { rule: 'keyword-casing', name: 'instruction casing, FROM and AS together', input: 'from alpine:3.20 as build\nrun echo hi\nFROM alpine:3.20\nCOPY --from=build /a /a\n', output: 'FROM alpine:3.20 AS build\nRUN echo hi\nFROM alpine:3.20\nCOPY --from=build /a /a\n' },
  { rule: 'keyword-casing', name: 'AS casing', input: 'FROM alpine:3.20 as build\nRUN true\n', output: 'FROM alpine:3.20 AS build\nRUN true\n' },
  { rule: 'stage-name-casing', name: 'stage name and every reference', input: 'FROM alpine:3.20 AS Build\nRUN true\nFROM Build AS Final\nRUN --mount=type=bind,from=Build,target=/b true\nFROM alpine:3.20\nCOPY --from=Build /a /a\nCOPY --from=Final /b /b\n', output: 'FROM alpine:3.20 AS build\nRUN true\nFROM build AS final\nRUN --mount=type=bind,from=build,target=/b true\nFROM alpine:3.20\nCOPY --from=build /a /a\nCOPY --from=final /b /b\n' },
  { rule: 'no-maintainer', name: 'MAINTAINER to the OCI authors label', input: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nUSER 1000\n', output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\nUSER 1000\n' },
  { rule: 'no-legacy-key-value', name: 'ENV key value to key=value', input: 'FROM alpine:3.20\nENV FOO bar\nENV GREETING hello world\n', output: 'FROM alpine:3.20\nENV FOO=bar\nENV GREETING="hello world"\n' },
  { rule: 'prefer-exec-form', name: 'shell-form CMD to exec form', input: 'FROM node:20\nCMD node server.js\n', output: 'FROM node:20\nCMD ["node", "server.js"]\n' },
  { rule: 'prefer-exec-form', name: 'shell-form ENTRYPOINT to exec form (unsafe)', input: 'FROM node:20\nENTRYPOINT /bin/app --flag\n', output: 'FROM node:20\nENTRYPOINT ["/bin/app", "--flag"]\n', unsafe: true },
  { rule: 'prefer-exec-form', name: 'not with shell features', input: 'FROM node:20\nCMD node server.js | tee log\n', output: 'FROM node:20\nCMD node server.js | tee log\n' },
  { rule: 'prefer-copy-over-add', name: 'ADD of a local file to COPY', input: 'FROM alpine:3.20\nADD app.txt /app/\n', output: 'FROM alpine:3.20\nCOPY app.txt /app/\n' },
  { rule: 'absolute-workdir', name: 'relative WORKDIR (unsafe)', input: 'FROM alpine:3.20\nWORKDIR app\n', output: 'FROM alpine:3.20\nWORKDIR /app\n', unsafe: true },
  { rule: 'non-interactive-install', name: 'missing -y', input: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n', output: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
  { rule: 'no-install-recommends', name: 'missing --no-install-recommends (unsafe)', input: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n', output: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\n', unsafe: true },
  { rule: 'clean-package-cache', name: 'apk --no-cache', input: 'FROM alpine:3.20\nRUN apk add curl\n', output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' },
  { rule: 'clean-package-cache', name: 'pip --no-cache-dir', input: 'FROM python:3.12\nRUN pip install flask\n', output: 'FROM python:3.12\nRUN pip install --no-cache-dir flask\n' },
  { rule: 'clean-package-cache', name: 'apt lists cleanup', input: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n', output: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
  { rule: 'clean-package-cache', name: 'dnf clean all', input: 'FROM fedora:40\nRUN dnf install -y curl\n', output: 'FROM fedora:40\nRUN dnf install -y curl && dnf clean all\n' },
  { rule: 'minimize-run-layers', name: 'consecutive RUNs merged', input: 'FROM alpine:3.20\nRUN echo a\nRUN echo b\n', output: 'FROM alpine:3.20\nRUN echo a && \\\n    echo b\n' },
  { rule: 'minimize-run-layers', name: 'continuation style kept (backtick escape, indentation)', input: '# escape=`\nFROM alpine:3.20\nRUN echo a\n  RUN echo b\n', output: '# escape=`\nFROM alpine:3.20\nRUN echo a && `\n  echo b\n' },
  { rule: 'minimize-run-layers', name: 'not after set', input: 'FROM alpine:3.20\nRUN set -e\nRUN echo b\n', output: 'FROM alpine:3.20\nRUN set -e\nRUN echo b\n' },
  { rule: 'prefer-apt-get', name: 'apt to apt-get', input: 'FROM debian:12\nRUN apt install -y curl\n', output: 'FROM debian:12\nRUN apt-get install -y curl\n' },
  { rule: 'require-pipefail', name: 'pipefail via SHELL (unsafe)', input: 'FROM debian:12\nRUN wget -O - https://example.com/x | tar xz\n', output: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://example.com/x | tar xz\n', unsafe: true },
  { rule: 'expose-proto-casing', name: 'EXPOSE protocol casing', input: 'FROM alpine:3.20\nEXPOSE 80/TCP\n', output: 'FROM alpine:3.20\nEXPOSE 80/tcp\n' },
  { rule: 'no-stage-index-reference', name: 'COPY --from index to stage name', input: 'FROM alpine:3.20 AS build\nRUN true\nFROM alpine:3.20\nCOPY --from=0 /a /a\n', output: 'FROM alpine:3.20 AS build\nRUN true\nFROM alpine:3.20\nCOPY --from=build /a /a\n' },
  { rule: 'no-redundant-target-platform', name: 'redundant --platform=$TARGETPLATFORM', input: 'FROM --platform=$TARGETPLATFORM alpine:3.20\n', output: 'FROM alpine:3.20\n' },
  { rule: 'non-root-user', name: 'USER inserted (unsafe)', input: 'FROM alpine:3.20\nRUN adduser -D app\n', output: 'FROM alpine:3.20\nRUN adduser -D app\nUSER 65532:65532\n', unsafe: true },
  { rule: 'invalid-instruction-arguments', name: 'misspelt AS', input: 'FROM alpine:3.20 sa build\n', output: 'FROM alpine:3.20 AS build\n', unsafe: true },
  { rule: 'invalid-flag', name: 'duplicate flag (safe)', input: 'FROM alpine:3.20\nCOPY --link --link a.txt /app/\n', output: 'FROM alpine:3.20\nCOPY --link a.txt /app/\n' },
  { rule: 'invalid-flag', name: 'misspelt flag (unsafe)', input: 'FROM alpine:3.20\nCOPY --chwon=app:app a.txt /app/\n', output: 'FROM alpine:3.20\nCOPY --chown=app:app a.txt /app/\n', unsafe: true },
  ...(hasShellCheck ? [{ rule: 'shellcheck', name: "ShellCheck's replacement", input: 'FROM alpine:3.20\nRUN echo $HOME\n', output: 'FROM alpine:3.20\nRUN echo "$HOME"\n', unsafe: true }] : []),
];

const kinds = (findings: Finding[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(`${f.ruleId}|${f.codes.join(',')}`, (counts.get(`${f.ruleId}|${f.codes.join(',')}`) ?? 0) + 1);
  return counts;
};

/** The output parses, has no kind of finding the input lacked, and fewer findings of the rule. */
function expectGoodFix(ruleId: string, input: string, output: string): void {
  const before = lintFor(ruleId, input);
  const after = lintFor(ruleId, output);
  expect(after.filter((f) => f.ruleId === 'parse-error')).toEqual([]);
  const was = kinds(before);
  for (const [kind, count] of kinds(after)) expect(count, `${kind} gained`).toBeLessThanOrEqual(was.get(kind) ?? 0);
  expect(after.filter((f) => f.ruleId === ruleId).length).toBeLessThan(before.filter((f) => f.ruleId === ruleId).length);
}

describe('the fixes issue 7 names', () => {
  it.each(REQUIRED)('$rule: $name', ({ rule, input, output, unsafe }) => {
    const run = fixRule(rule, input);
    expect(run.result.text).toBe(output);
    if (input !== output) {
      expectGoodFix(rule, input, output);
      // Unsafe fixes need --fix-unsafe.
      if (unsafe) expect(fixRule(rule, input, { unsafe: false }).result.text).toBe(input);
      else expect(fixRule(rule, input, { unsafe: false }).result.text).toBe(output);
    }
  });
});

const fixable = registry.rules.filter((rule) => rule.meta.fixable !== undefined);

describe('every fixable rule', () => {
  it('has a fix description', () => {
    for (const rule of fixable) expect(rule.meta.fixDescription?.trim(), rule.meta.id).toBeTruthy();
  });

  it.each(fixable.map((rule) => [rule.meta.id]))('%s: input → output re-lints without the finding and parses', (id) => {
    const rule = registry.get(id);
    if (!rule) throw new Error(id);
    const cases = [...new Set([...rule.meta.examples.invalid, ...REQUIRED.filter((c) => c.rule === id).map((c) => c.input)])];
    const shown: { input: string; output: string }[] = [];
    for (const input of cases) {
      const run = fixRule(id, input);
      if (run.result.text === input) continue;
      expectGoodFix(id, input, run.result.text);
      // Idempotent: fixing the output again changes nothing.
      expect(fixRule(id, run.result.text).result.text).toBe(run.result.text);
      shown.push({ input, output: run.result.text });
    }
    if (id === 'shellcheck' && !hasShellCheck) return;
    expect(shown.length, `no case applies a ${id} fix`).toBeGreaterThan(0);
    expect(shown).toMatchSnapshot();
  });
});

describe('display-only suggestions', () => {
  const input = 'FROM alpine:3.20\nARG NPM_TOKEN\nRUN echo "$NPM_TOKEN" > /dev/null\n';

  it('the secret ARG suggestion names the secret mount but is never applied', () => {
    const [finding] = lintFor('no-secrets-in-arg-env', input).filter((f) => f.ruleId === 'no-secrets-in-arg-env');
    expect(finding?.fix?.displayOnly).toBe(true);
    expect(finding?.fix?.edits.map((e) => e.text)).toEqual(['', ' --mount=type=secret,id=npm-token,env=NPM_TOKEN']);
    const run = fixRule('no-secrets-in-arg-env', input, { unsafe: true });
    expect(run.result.text).toBe(input);
    expect(run.result.applied).toBe(0);
  });
});
