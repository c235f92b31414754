import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, project } from './run.js';
import { StreamingReport } from '../../src/cli/stream.js';
import { concise } from '../../src/reporters/concise.js';
import { json } from '../../src/reporters/json.js';
import type { FileResult } from '../../src/engine/types.js';
import type { Reporter } from '../../src/reporters/types.js';
import { finding } from '../reporters/fixtures.js';

const FILES = {
  'a/Dockerfile': 'FROM ubuntu:latest\nRUN apt-get update\n',
  'b/Dockerfile': 'FROM alpine:3.20\nUSER 1000\n',
  'c/Dockerfile': 'FROM debian:12\nRUN cd /tmp && curl http://example.com/x | sh\nUSER app\n',
};

/** The same run with the report written to a file (not streamed) and to standard output (streamed). */
async function both(format: string, extra: string[] = []) {
  const dir = project(FILES);
  const buffered = await cli(['--format', `${format}=out.txt`, ...extra, '.'], { cwd: dir });
  const streamed = await cli(['--format', format, ...extra, '.'], { cwd: dir });
  return { buffered: { ...buffered, stdout: fs.readFileSync(path.join(dir, 'out.txt'), 'utf8') }, streamed };
}

describe('streamed reports (json, concise to standard output)', () => {
  for (const format of ['json', 'concise']) {
    it(`${format}: prints exactly what the whole-run reporter prints`, async () => {
      const { buffered, streamed } = await both(format);
      expect(streamed.stdout).toBe(buffered.stdout);
      expect(streamed.stdout).not.toBe('');
      expect(streamed.code).toBe(buffered.code);
    });
    it(`${format}: --quiet and --max-warnings give the same output and exit code`, async () => {
      for (const extra of [['--quiet'], ['--max-warnings', '0', '--failure-threshold', 'none'], ['--exit-zero']]) {
        const { buffered, streamed } = await both(format, extra);
        expect(streamed.stdout).toBe(buffered.stdout);
        expect(streamed.code).toBe(buffered.code);
      }
    });
  }

  it('json: an empty array when no file is linted, and a clean run exits 0', async () => {
    const dir = project({ 'Dockerfile': 'FROM alpine:3.20\nUSER 1000\n', '.layerlint.yaml': 'ignore: [Dockerfile]\n' });
    const run = await cli(['--format', 'json', 'Dockerfile'], { cwd: dir });
    expect(run.stdout).toBe('[]\n');
    expect(run.code).toBe(0);
  });

  it('an unreadable file still exits 2', async () => {
    const dir = project(FILES);
    const run = await cli(['--format', 'json', 'a/Dockerfile', 'missing/Dockerfile'], { cwd: dir });
    expect(run.code).toBe(2);
  });
});

describe('StreamingReport', () => {
  // Enough findings for several chunks of output.
  const results: FileResult[] = Array.from({ length: 300 }, (_, i) => ({
    filePath: `dir${i}/Dockerfile`,
    source: undefined,
    findings: Array.from({ length: 5 }, (_, line) => finding('no-latest-tag', [line, 0, line, 4], { message: `finding ${line} of file ${i}` })),
  }));

  for (const [format, reporter] of [['json', json], ['concise', concise]] as [string, Reporter][]) {
    it(`${format}: writes a long report in a few chunks that join to the whole-run report`, () => {
      const writes: string[] = [];
      const options = { color: false, cwd: '/', rules: [] };
      const report = new StreamingReport(format, reporter, options, false, (text) => writes.push(text));
      for (const result of results) report.add(result, 'warning');
      report.end();
      expect(writes.join('')).toBe(reporter(results, options));
      expect(writes.length).toBeGreaterThan(1);
      expect(writes.length).toBeLessThan(results.length / 10);
    });
  }
});
