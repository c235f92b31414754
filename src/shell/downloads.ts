import type { BuildFile } from '../model/build-file.js';
import { globToRegExp } from '../model/variables.js';
import type { InstructionNode, Range, Token } from '../model/types.js';
import { classifyArgs, type ClassifiedArgs } from './options.js';
import type { ShellWord, SimpleCommand } from './types.js';
import { trimEndChars } from '../model/trim.js';

/**
 * Shared helpers of the transport-security and supply-chain rules (RULES.md §5): URL
 * classification, recognising curl/wget downloads, checksum/signature verification and
 * interpreters. Every regular expression here is linear (no nested or adjacent overlapping
 * quantifiers).
 */

// ---------------------------------------------------------------------------------------------
// URLs

export interface ParsedUrl {
  /** Lower-case scheme without `://`. */
  scheme: string;
  /** Lower-case host, port included (`registry.local:5000`), brackets kept for IPv6. */
  host: string;
  /** The host without its port. */
  hostname: string;
  /** The path, query and fragment (may be empty). */
  rest: string;
}

const URL_START = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#\s]*)(.*)$/s;

/** Splits `scheme://host/rest`; undefined when the text is not a URL with an authority. */
export function parseUrl(text: string): ParsedUrl | undefined {
  const match = URL_START.exec(text);
  if (!match) return undefined;
  const authority = (match[2] as string).replace(/^[^@]*@/, '').toLowerCase();
  const hostname = authority.startsWith('[') ? authority.replace(/\]:\d*$/, ']') : authority.replace(/:\d*$/, '');
  return { scheme: (match[1] as string).toLowerCase(), host: authority, hostname, rest: match[3] as string };
}

/** `localhost`, `127.0.0.1`, `[::1]` and `*.localhost`: plain HTTP to them never leaves the host. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost');
}

/** Whether a host matches one of the globs (case-insensitive; a port in the host is ignored unless the glob has one). */
export function hostMatches(host: string, globs: readonly string[]): boolean {
  const lower = host.toLowerCase();
  const hostname = lower.replace(/:\d*$/, '');
  return globs.some((glob) => {
    const pattern = globToRegExp(glob.toLowerCase(), true);
    return pattern.test(lower) || pattern.test(hostname);
  });
}

/** A URL found inside a longer text, with its offsets in that text. */
export interface UrlMatch {
  url: string;
  start: number;
  end: number;
}

const URL_IN_TEXT = /\b(?:https?|ftp|git|ssh):\/\/[^\s'"<>`\\]+/gi;

/** Every `http(s)://`, `ftp://`, `git://` and `ssh://` URL in a text. */
export function findUrls(text: string): UrlMatch[] {
  const found: UrlMatch[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = trimEndChars(match[0], '),;]');
    found.push({ url, start: match.index, end: match.index + url.length });
  }
  return found;
}

/** A plain `http://` URL to a host that is not the loopback host or an allowed host. */
export function isPlainHttpUrl(url: string, allowHosts: readonly string[] = []): boolean {
  const parsed = parseUrl(url);
  if (!parsed || parsed.scheme !== 'http') return false;
  if (parsed.hostname === '' || parsed.host.includes('$')) return false;
  if (isLoopbackHost(parsed.hostname)) return false;
  return !hostMatches(parsed.host, allowHosts);
}

/** An ADD/COPY git source: `git@host:…`, `git://`, `ssh://`, or `https://…` ending `.git` or with `.git#`. */
export function isGitSource(source: string): boolean {
  if (/^git@[^:/\s]+:/.test(source) || /^(?:git|ssh):\/\//i.test(source)) return true;
  if (!/^https?:\/\//i.test(source)) return false;
  const withoutFragment = source.replace(/#.*$/s, '');
  return /\.git\/?$/i.test(withoutFragment);
}

export function isHttpUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

// ---------------------------------------------------------------------------------------------
// Words

/** The program name of a command by basename, or undefined when it is not a literal word. */
export function commandName(command: SimpleCommand): string | undefined {
  const name = command.name;
  if (!name || name.hasCommandSubstitution || name.value === '') return undefined;
  return command.program;
}

/** The value of a RUN word with the variables visible at the RUN substituted (unknown parts kept). */
export function resolveShellWord(file: BuildFile, node: InstructionNode, word: ShellWord): { value: string; known: boolean } {
  if (!word.hasVariables || word.hasCommandSubstitution) return { value: word.value, known: !word.hasVariables };
  const expansion = file.scope(node).expand(word.value.replace(/\\/g, '\\\\'), '\\');
  return { value: expansion.value, known: expansion.known };
}

/**
 * The exact range of `text` inside a word when the word's raw text contains it literally,
 * else the word's range.
 */
export function rangeInWord(file: BuildFile, word: ShellWord, text: string): Range {
  const index = word.raw.indexOf(text);
  if (index < 0 || text === '') return word.range;
  return file.lines.range(word.startOffset + index, word.startOffset + index + text.length);
}

/** The offset of `text` inside the word in the file, when it is written literally. */
export function offsetInWord(word: ShellWord, text: string): number | undefined {
  const index = word.raw.indexOf(text);
  return index < 0 ? undefined : word.startOffset + index;
}

// ---------------------------------------------------------------------------------------------
// Downloads

/** curl options that take a value (short letters and long names). */
export const CURL_VALUE_OPTIONS: readonly string[] = [
  '-A', '-b', '-c', '-C', '-d', '-D', '-e', '-E', '-F', '-H', '-K', '-m', '-o', '-P', '-Q', '-r', '-T', '-t', '-u', '-U',
  '-w', '-x', '-X', '-y', '-Y', '-z',
  '--output', '--output-dir', '--user-agent', '--cookie', '--cookie-jar', '--continue-at', '--data', '--data-ascii',
  '--data-binary', '--data-raw', '--data-urlencode', '--json', '--dump-header', '--referer', '--cert', '--cert-type',
  '--key', '--key-type', '--pass', '--form', '--form-string', '--header', '--proxy-header', '--config', '--max-time',
  '--connect-timeout', '--ftp-port', '--quote', '--range', '--upload-file', '--user', '--proxy-user', '--write-out',
  '--proxy', '--preproxy', '--request', '--speed-limit', '--speed-time', '--time-cond', '--retry', '--retry-delay',
  '--retry-max-time', '--cacert', '--capath', '--crlfile', '--resolve', '--connect-to', '--url', '--limit-rate',
  '--max-filesize', '--max-redirs', '--interface', '--dns-servers', '--proto', '--proto-redir', '--ciphers',
  '--netrc-file', '--unix-socket', '--oauth2-bearer', '--pinnedpubkey', '--hostpubsha256', '--hostpubmd5',
  '--telnet-option', '--local-port', '--keepalive-time', '--expect100-timeout', '--happy-eyeballs-timeout-ms',
  '--tls-max', '--variable', '--expand-url', '--etag-save', '--etag-compare', '--aws-sigv4', '--stderr', '--trace',
  '--trace-ascii', '--mail-from', '--mail-rcpt', '--sasl-authzid', '--login-options', '--socks4', '--socks4a',
  '--socks5', '--socks5-hostname', '--noproxy', '--alt-svc', '--hsts', '--doh-url',
];

/** wget options that take a value. */
export const WGET_VALUE_OPTIONS: readonly string[] = [
  '-O', '--output-document', '-o', '--output-file', '-a', '--append-output', '-P', '--directory-prefix', '-t', '--tries',
  '-T', '--timeout', '-U', '--user-agent', '-e', '--execute', '-i', '--input-file', '-B', '--base', '-w', '--wait',
  '-Q', '--quota', '-l', '--level', '-A', '--accept', '-R', '--reject', '-D', '--domains', '-I', '--include-directories',
  '-X', '--exclude-directories', '--header', '--post-data', '--post-file', '--user', '--password', '--http-user',
  '--http-password', '--ca-certificate', '--ca-directory', '--certificate', '--private-key', '--waitretry',
  '--limit-rate', '--progress', '--method', '--body-data', '--body-file', '--referer', '--load-cookies',
  '--save-cookies', '--bind-address', '--dns-timeout', '--connect-timeout', '--read-timeout', '--exclude-domains',
  '--secure-protocol', '--ciphers', '--max-redirect', '--proxy-user', '--proxy-password', '--default-page',
];

export type Downloader = 'curl' | 'wget';

export interface Download {
  tool: Downloader;
  command: SimpleCommand;
  classified: ClassifiedArgs;
  /** The operands (URLs, usually). */
  urls: ShellWord[];
  /** True when the content goes to stdout (curl without an output option, `wget -O -`). */
  toStdout: boolean;
  /** The output file names given with `-o`/`-O FILE`/`--output`, when known. */
  outputs: string[];
}

/** Recognises a curl or wget command and where its content goes. */
export function recognizeDownload(command: SimpleCommand): Download | undefined {
  const name = commandName(command);
  if (name === 'curl') {
    const classified = classifyArgs(command.args, { withValue: CURL_VALUE_OPTIONS });
    const outputs: string[] = [];
    let toFile = false;
    for (const option of classified.options) {
      if (option.name === '-o' || option.name === '--output') {
        if (option.value === '-') continue;
        toFile = true;
        if (option.value !== undefined) outputs.push(option.value);
      } else if (option.name === '-O' || option.name === '--remote-name' || option.name === '--remote-name-all') {
        toFile = true;
      }
    }
    return { tool: 'curl', command, classified, urls: classified.operands, toStdout: !toFile, outputs };
  }
  if (name === 'wget') {
    const classified = classifyArgs(command.args, { withValue: WGET_VALUE_OPTIONS });
    let toStdout = false;
    const outputs: string[] = [];
    for (const option of classified.options) {
      if (option.name !== '-O' && option.name !== '--output-document') continue;
      if (option.value === '-') toStdout = true;
      else if (option.value !== undefined) {
        toStdout = false;
        outputs.push(option.value);
      }
    }
    return { tool: 'wget', command, classified, urls: classified.operands, toStdout, outputs };
  }
  return undefined;
}

const SIGNATURE_FILE = /(?:\.(?:asc|sig|sign|minisig|sha1|sha256|sha256sum|sha512|sha512sum|md5|md5sum|pem|pub|gpg|key|keyring)|SHA256SUMS|SHA512SUMS|SHASUMS256\.txt|checksums?\.txt|(?:^|\/)(?:gpg|KEYS|key))$/i;

/** Whether a download fetches a checksum, signature or key file (exempt from verification). */
export function isChecksumOrSignatureFile(name: string): boolean {
  return SIGNATURE_FILE.test(name.replace(/[?#].*$/s, ''));
}

// ---------------------------------------------------------------------------------------------
// Verification

const CHECKSUM_TOOLS = new Set(['sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'md5sum', 'b2sum', 'shasum', 'cksum']);
const TEST_COMMANDS = new Set(['[', 'test', '[[']);

/** Whether one command verifies a checksum or a signature (RULES.md `verify-download-integrity`). */
export function isVerificationCommand(command: SimpleCommand): boolean {
  const name = commandName(command);
  if (!name) return false;
  const values = command.args.map((word) => word.value);
  if (CHECKSUM_TOOLS.has(name)) {
    return values.some((value) => value === '--check' || (/^-[A-Za-z]+$/.test(value) && value.includes('c')));
  }
  switch (name) {
    case 'gpg':
    case 'gpg2':
      return values.includes('--verify') || values.includes('--verify-files');
    case 'gpgv':
    case 'gpgv2':
      return true;
    case 'cosign':
      return values.some((value) => value.startsWith('verify'));
    case 'minisign':
      return values.some((value) => /^-[A-Za-z]*V/.test(value));
    case 'signify':
    case 'signify-openbsd':
      return values.some((value) => /^-[A-Za-z]*[VC]/.test(value));
    case 'openssl':
      return values[0] === 'dgst' && values.some((value) => value === '-verify' || value === '-prverify');
    case 'slsa-verifier':
      return values.includes('verify-artifact') || values.includes('verify-image');
    case 'rpm':
      return values.some((value) => value === '--checksig' || /^-[A-Za-z]*K/.test(value));
    case 'pgp':
      return true;
    default:
      return false;
  }
}

/**
 * Whether a RUN verifies what it downloads: a verification command anywhere in it, or a
 * checksum tool (or `openssl dgst`) whose output a test (`[`, `test`, `[[`) compares.
 */
export function runVerifies(commands: readonly SimpleCommand[]): boolean {
  if (commands.some(isVerificationCommand)) return true;
  const hashes = commands.some((command) => {
    const name = commandName(command);
    return name !== undefined && (CHECKSUM_TOOLS.has(name) || (name === 'openssl' && command.args[0]?.value === 'dgst'));
  });
  if (!hashes) return false;
  return commands.some((command) => {
    const name = commandName(command);
    if (name !== undefined && TEST_COMMANDS.has(name)) return true;
    // `grep -q "$SHA"` over the checksum output, `cmp`, `diff`: a comparison too.
    return name === 'cmp' || name === 'diff' || (name === 'grep' && command.pipeline !== undefined && command.pipeline.stage > 0);
  });
}

// ---------------------------------------------------------------------------------------------
// Interpreters

const INTERPRETER = /^(?:sh|bash|zsh|ash|dash|ksh|mksh|python|python2|python3|python3\.\d+|perl|ruby|node|nodejs|php|pwsh|powershell)$/;

/** A program that runs the script it is given (RULES.md `no-curl-pipe-shell`). */
export function isInterpreter(name: string | undefined): boolean {
  return name !== undefined && INTERPRETER.test(name);
}

/** The file offset of a command's first character. */
export function commandStart(file: BuildFile, command: SimpleCommand): number {
  return file.lines.offsetAt(command.range.start);
}

export function commandEnd(file: BuildFile, command: SimpleCommand): number {
  return file.lines.offsetAt(command.range.end);
}

// ---------------------------------------------------------------------------------------------
// COPY/ADD sources

export interface CopySource {
  token: Token;
  /** The source after variable resolution. */
  value: string;
  known: boolean;
  heredoc: boolean;
}

/** The sources of a COPY/ADD (every argument but the destination), resolved. */
export function copySources(file: BuildFile, node: InstructionNode): CopySource[] {
  const scope = file.scope(node);
  const sources: CopySource[] = [];
  // Every word but the last (the destination), read in place: no intermediate word lists.
  const json = node.json;
  const count = json ? json.strings.length : node.args.length;
  for (let i = 0; i < count - 1; i++) {
    const token = json ? (json.strings[i] as (typeof json.strings)[number]).token : (node.args[i] as Token);
    const text = json ? (json.strings[i] as (typeof json.strings)[number]).value : token.text;
    const heredoc = !json && /^<<-?/.test(text) && node.heredocs.some((h) => h.startToken.startOffset === token.startOffset);
    if (heredoc) {
      sources.push({ token, value: text, known: true, heredoc });
      continue;
    }
    const expansion = scope.expand(text, file.escapeChar);
    sources.push({ token, value: expansion.value, known: expansion.known, heredoc });
  }
  return sources;
}

const ARCHIVE = /\.(?:tar|tgz|tbz|tbz2|tb2|txz|tlz|tpz|tZ|gz|bz2|xz|lz|lzma|Z)$/;

/** A name ADD may auto-extract (RULES.md `prefer-copy-over-add`; case-sensitive). */
export function isArchiveName(name: string): boolean {
  return ARCHIVE.test(name);
}


// ---------------------------------------------------------------------------------------------
// Flag-removal edits

/**
 * An edit that deletes whole words (a flag and its separate value) with the blanks before the
 * first one; at the start of a line, the blanks after the last one instead.
 */
export function removeWordsEdit(file: BuildFile, words: readonly ShellWord[]): { range: Range; text: string } | undefined {
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last) return undefined;
  const text = file.text;
  let start = first.startOffset;
  while (start > 0 && (text.charAt(start - 1) === ' ' || text.charAt(start - 1) === '\t')) start--;
  let end = last.endOffset;
  const lineStart = start === 0 || text.charAt(start - 1) === '\n' || text.charAt(start - 1) === '\r';
  if (lineStart) {
    start = first.startOffset;
    while (end < text.length && (text.charAt(end) === ' ' || text.charAt(end) === '\t')) end++;
  }
  return { range: file.lines.range(start, end), text: '' };
}

/** An edit that deletes one letter from a short-option cluster (`-fsSLk` → `-fsSL`), when written plainly. */
export function removeClusterLetterEdit(file: BuildFile, word: ShellWord, letter: string): { range: Range; text: string } | undefined {
  if (word.raw !== word.value || !/^-[A-Za-z]{2,}$/.test(word.raw)) return undefined;
  const index = word.raw.indexOf(letter, 1);
  if (index < 0) return undefined;
  return { range: file.lines.range(word.startOffset + index, word.startOffset + index + 1), text: '' };
}
