import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, project } from '../cli/run.js';
import { runFixes } from '../../src/engine/fixer.js';
import type { Finding } from '../../src/engine/types.js';

/** Writes `bytes` as the only Dockerfile of a fresh directory, runs the CLI there, returns the bytes after. */
async function fixBytes(bytes: Buffer, argv: string[] = ['--fix']): Promise<{ after: Buffer; stderr: string; code: number; file: string }> {
  const dir = project({});
  const file = path.join(dir, 'Dockerfile');
  fs.writeFileSync(file, bytes);
  const run = await cli([...argv, 'Dockerfile'], { cwd: dir });
  return { after: fs.readFileSync(file), stderr: run.stderr, code: run.code, file };
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);
const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

describe('--fix round-trips the file byte-exactly except for the fixed edits', () => {
  it('LF', async () => {
    const { after } = await fixBytes(utf8('FROM alpine:3.20\nADD app.txt /app/\nUSER 65532\n'));
    expect(after.toString('utf8')).toBe('FROM alpine:3.20\nCOPY app.txt /app/\nUSER 65532\n');
  });

  it('CRLF: inserted line breaks become CRLF', async () => {
    const { after } = await fixBytes(utf8('FROM alpine:3.20\r\nRUN echo a\r\nRUN echo b\r\nEXPOSE 80/TCP\r\nUSER 65532\r\n'));
    expect(after.toString('utf8')).toBe('FROM alpine:3.20\r\nRUN echo a && \\\r\n    echo b\r\nEXPOSE 80/tcp\r\nUSER 65532\r\n');
  });

  it('CRLF: an inserted instruction gets CRLF', async () => {
    const { after } = await fixBytes(utf8('FROM alpine:3.20\r\nRUN adduser -D app\r\n'), ['--fix-unsafe', '--fix-type', 'security']);
    expect(after.toString('utf8')).toBe('FROM alpine:3.20\r\nRUN adduser -D app\r\nUSER 65532:65532\r\n');
  });

  it('UTF-8 BOM is kept', async () => {
    const { after } = await fixBytes(Buffer.concat([BOM8, utf8('FROM alpine:3.20\nADD app.txt /app/\nUSER 65532\n')]));
    expect(after).toEqual(Buffer.concat([BOM8, utf8('FROM alpine:3.20\nCOPY app.txt /app/\nUSER 65532\n')]));
  });

  it('UTF-16LE with BOM stays UTF-16LE (with CRLF)', async () => {
    const { after } = await fixBytes(utf16le('FROM alpine:3.20\r\nADD app.txt /app/\r\nRUN echo a\r\nRUN echo b\r\nUSER 65532\r\n'));
    expect(after).toEqual(utf16le('FROM alpine:3.20\r\nCOPY app.txt /app/\r\nRUN echo a && \\\r\n    echo b\r\nUSER 65532\r\n'));
  });

  it('backtick escape: an inserted continuation uses the file\'s escape character', async () => {
    const { after } = await fixBytes(utf8('# escape=`\nFROM alpine:3.20\nRUN echo a\nRUN echo b\nUSER 65532\n'));
    expect(after.toString('utf8')).toBe('# escape=`\nFROM alpine:3.20\nRUN echo a && `\n    echo b\nUSER 65532\n');
  });

  it('no final newline stays without one, also when a fix appends at the end', async () => {
    const edited = await fixBytes(utf8('FROM alpine:3.20\nUSER 65532\nEXPOSE 80/TCP'));
    expect(edited.after.toString('utf8')).toBe('FROM alpine:3.20\nUSER 65532\nEXPOSE 80/tcp');
    const appended = await fixBytes(utf8('FROM alpine:3.20\nRUN adduser -D app'), ['--fix-unsafe', '--fix-type', 'security']);
    expect(appended.after.toString('utf8')).toBe('FROM alpine:3.20\nRUN adduser -D app\nUSER 65532:65532');
  });

  it('keeps the file mode', async () => {
    const dir = project({ Dockerfile: 'FROM alpine:3.20\nADD app.txt /app/\nUSER 65532\n' });
    const file = path.join(dir, 'Dockerfile');
    fs.chmodSync(file, 0o640);
    await cli(['--fix', 'Dockerfile'], { cwd: dir });
    expect(fs.readFileSync(file, 'utf8')).toContain('COPY app.txt');
    expect(fs.statSync(file).mode & 0o7777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(['Dockerfile']); // no temporary file left behind
  });

  it('never touches a file whose content does not change', async () => {
    const dir = project({ Dockerfile: 'FROM alpine:3.20\nUSER 65532\n' });
    const file = path.join(dir, 'Dockerfile');
    const past = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(file, past, past);
    const inode = fs.statSync(file).ino;
    await cli(['--fix', '--fix-unsafe', 'Dockerfile'], { cwd: dir });
    expect(fs.statSync(file).mtime.getTime()).toBe(past.getTime());
    expect(fs.statSync(file).ino).toBe(inode);
  });

  it('--fix-dry-run prints a diff and writes nothing', async () => {
    const before = utf8('FROM alpine:3.20\nADD app.txt /app/\nUSER 65532\n');
    const dir = project({});
    fs.writeFileSync(path.join(dir, 'Dockerfile'), before);
    const run = await cli(['--fix-dry-run', 'Dockerfile'], { cwd: dir });
    expect(run.stdout).toContain('-ADD app.txt /app/\n+COPY app.txt /app/\n');
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'))).toEqual(before);
  });

  it('standard input: the fixed text goes to standard output, with a UTF-8 BOM kept', async () => {
    const run = await cli(['--fix', '-'], { stdin: '\ufeffFROM alpine:3.20\r\nADD app.txt /app/\r\nUSER 65532\r\n' });
    expect(run.stdout).toBe('\ufeffFROM alpine:3.20\r\nCOPY app.txt /app/\r\nUSER 65532\r\n');
    const unchanged = await cli(['--fix', '-'], { stdin: 'FROM alpine:3.20\nUSER 65532' });
    expect(unchanged.stdout).toBe('FROM alpine:3.20\nUSER 65532');
  });

  it('--fix-type limits fixes to a category', async () => {
    const { after } = await fixBytes(utf8('FROM alpine:3.20\nADD app.txt /app/\nEXPOSE 80/TCP\nUSER 65532\n'), ['--fix', '--fix-type', 'style']);
    expect(after.toString('utf8')).toBe('FROM alpine:3.20\nADD app.txt /app/\nEXPOSE 80/tcp\nUSER 65532\n');
  });

  it('a fix that would add a finding is dropped and reported on stderr, one line per fix', async () => {
    // Under the openshift preset, the inserted USER 65532:65532 would add an openshift-arbitrary-uid finding.
    const input = 'FROM alpine:3.20\nRUN adduser -D app\n';
    const { after, stderr } = await fixBytes(utf8(input), ['--fix-unsafe', '--preset', 'recommended,openshift']);
    expect(after.toString('utf8')).toBe(input);
    const lines = stderr.split('\n').filter((line) => line.includes('dropped'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^layerlint: Dockerfile:\d+: dropped the non-root-user fix \(.*\): it would add a openshift-arbitrary-uid finding/);
  });
});

describe('runFixes', () => {
  const at = (line: number, character: number) => ({ line, character });
  const finding = (ruleId: string, line: number, fix: Finding['fix']): Finding => ({ ruleId, codes: [], severity: 'warning', message: ruleId, range: { start: at(line, 0), end: at(line, 1) }, fix, related: [] });

  it('drops a fix whose result does not parse and keeps the good ones', () => {
    const lint = (text: string): Finding[] => {
      const out: Finding[] = [];
      if (text.includes('BROKEN')) out.push(finding('parse-error', 0, undefined));
      if (text.includes('bad')) out.push(finding('bad', 0, { safe: true, description: 'break it', edits: [{ range: { start: at(0, 0), end: at(0, 3) }, text: 'BROKEN' }] }));
      if (text.includes('old')) out.push(finding('good', 1, { safe: true, edits: [{ range: { start: at(1, 0), end: at(1, 3) }, text: 'new' }] }));
      return out;
    };
    const result = runFixes('bad\nold\n', { unsafe: false, categoryOf: () => 'style', lint });
    expect(result.text).toBe('bad\nnew\n');
    expect(result.rejected).toEqual([{ ruleId: 'bad', message: 'bad', description: 'break it', line: 0, reason: 'the result would not parse (parse-error)' }]);
  });

  it('never applies display-only fixes, even with unsafe on', () => {
    const lint = (text: string): Finding[] => (text.startsWith('x') ? [finding('suggest', 0, { safe: false, displayOnly: true, edits: [{ range: { start: at(0, 0), end: at(0, 1) }, text: 'y' }] })] : []);
    expect(runFixes('x\n', { unsafe: true, categoryOf: () => 'security', lint }).text).toBe('x\n');
  });

  it('is bounded: a fix that keeps coming back stops at maxPasses', () => {
    let calls = 0;
    const lint = (text: string): Finding[] => {
      calls++;
      return [finding('grow', 0, { safe: true, edits: [{ range: { start: at(0, 0), end: at(0, 0) }, text: 'a' }] })].filter(() => text.length < 1000);
    };
    const result = runFixes('x', { unsafe: false, categoryOf: () => 'style', lint, maxPasses: 5 });
    expect(result.text).toBe('aaaaax');
    expect(result.passes).toBe(5);
    expect(calls).toBe(6);
  });

  it('applies a replacement and an insertion at the same offset without one eating the other', () => {
    const lint = (text: string): Finding[] => (text === 'abc' ? [finding('both', 0, { safe: true, edits: [{ range: { start: at(0, 0), end: at(0, 0) }, text: '>' }, { range: { start: at(0, 0), end: at(0, 1) }, text: 'A' }] })] : []);
    expect(runFixes('abc', { unsafe: false, categoryOf: () => 'style', lint }).text).toBe('>Abc');
  });
});
