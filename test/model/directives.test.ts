import { describe, expect, it } from 'vitest';
import { BuildFile } from '../../src/model/build-file.js';

describe('parser directives', () => {
  it('skips a first-line #! before the directive block', () => {
    const file = new BuildFile('#!/usr/bin/env docker-build\n# syntax=docker/dockerfile:1\nFROM alpine:3.20\n');
    expect(file.directives.map((d) => [d.name, d.value])).toEqual([['syntax', 'docker/dockerfile:1']]);
    expect(file.comments).toEqual([]);
  });
  it('never throws on malformed input', () => {
    for (const text of ['', 'FROM', 'ONBUILD', 'RUN <<', 'COPY <<"A\nx\n', '#!\n', 'FROM ${', 'ARG =\nFROM $=', 'FROM a\nRUN --mount=,,,=,', '\\\n\\\n', '# escape=`\nFROM a\nRUN `\n']) {
      expect(() => new BuildFile(text), JSON.stringify(text)).not.toThrow();
    }
  });
});
