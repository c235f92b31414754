/**
 * Detection data for the secret rules (RULES.md §4): which variable names are credentials
 * (`no-secrets-in-arg-env`), which values look like real secrets (`no-hardcoded-secrets`), and
 * how a secret is shown in a message (masked). Every regular expression here is linear: no
 * nested quantifiers over overlapping classes, bounded repetition where a class could overlap
 * the text after it.
 */
import { trimEndChars } from './trim.js';

/** Known secret names (hadolint / BuildKit / Trivy lists, RULES.md `no-secrets-in-arg-env`). */
export const KNOWN_SECRET_NAMES: readonly string[] = [
  'ACCESS_TOKEN', 'APPLICATION_KEY', 'APP_SECRET', 'AUTH_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', 'AZURE_CLIENT_SECRET', 'BITTREX_API_KEY', 'BITTREX_API_SECRET', 'CF_PASSWORD', 'CIRCLE_TOKEN',
  'CI_DEPLOY_PASSWORD', 'DIGITALOCEAN_ACCESS_TOKEN', 'DOCKERHUB_PASSWORD', 'DOCKER_PASSWORD', 'FACEBOOK_ACCESS_TOKEN',
  'FACEBOOK_APP_SECRET', 'FIREBASE_API_TOKEN', 'FIREBASE_TOKEN', 'FOSSA_API_KEY', 'GH_ENTERPRISE_TOKEN', 'GH_TOKEN',
  'GITHUB_ENTERPRISE_TOKEN', 'GITHUB_TOKEN', 'GOOGLE_API_KEY', 'HEROKU_API_KEY', 'HF_TOKEN', 'LANGCHAIN_API_KEY',
  'LANGSMITH_API_KEY', 'NPM_AUTH_TOKEN', 'NPM_TOKEN', 'OKTA_CLIENT_TOKEN', 'OKTA_OAUTH2_CLIENTSECRET', 'OPENAI_API_KEY',
  'OS_PASSWORD', 'POSTGRES_PASSWORD', 'SLACK_TOKEN', 'STRIPE_API_KEY', 'VAULT_CLIENT_KEY', 'VAULT_TOKEN',
];

/** hadolint's username identifiers, secret only with `usernames: true`. */
export const KNOWN_USERNAME_NAMES: readonly string[] = [
  'CF_USERNAME', 'CI_DEPLOY_USER', 'DOCKER_EMAIL', 'DOCKER_USERNAME', 'HEROKU_API_USER', 'OS_USERNAME',
];

export const ALLOW_TOKENS: readonly string[] = [
  'public', 'pub', 'file', 'path', 'dir', 'url', 'uri', 'endpoint', 'host', 'port', 'name', 'version', 'type', 'mode',
  'method', 'enabled', 'length', 'size', 'ttl', 'timeout', 'expiry', 'expires', 'header', 'field', 'gpg', 'fingerprint',
  // layerlint additions, from the corpus review: public signing keys and checksums are not secrets.
  'pgp', 'sha1', 'sha256', 'sha384', 'sha512', 'md5', 'checksum', 'hash', 'digest',
];

const SECRET_TOKENS = new Set([
  'password', 'passwd', 'passphrase', 'pword', 'psw', 'secret', 'token', 'apikey', 'credential', 'credentials', 'auth',
  'key', 'privatekey',
]);
const USERNAME_TOKENS = new Set(['user', 'username', 'usr', 'login']);

/**
 * The lower-cased segments of a variable name: split on `_`, `-`, `.` and camelCase
 * boundaries (`dbPassword` → db, password; `APIKey` → api, key).
 */
export function nameSegments(name: string): string[] {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2');
  return spaced
    .split(/[\s_.-]/)
    .filter((segment) => segment !== '')
    .map((segment) => segment.toLowerCase());
}

export interface SecretNameOptions {
  extraNames?: readonly string[];
  allowNames?: readonly string[];
  allowTokens?: readonly string[];
  usernames?: boolean;
}

const FRAMEWORK_PREFIX = /^(?:VITE_|REACT_APP_)/;

// The sets for calls without extra names or tokens, built once (this runs for every ARG/ENV name).
let defaultKnown: Set<string> | undefined;
let defaultKnownWithUsernames: Set<string> | undefined;
let defaultAllow: Set<string> | undefined;

function knownNames(options: SecretNameOptions): Set<string> {
  if (options.extraNames === undefined || options.extraNames.length === 0) {
    if (options.usernames) return (defaultKnownWithUsernames ??= new Set([...KNOWN_SECRET_NAMES, ...KNOWN_USERNAME_NAMES]));
    return (defaultKnown ??= new Set(KNOWN_SECRET_NAMES));
  }
  const known = new Set([...KNOWN_SECRET_NAMES, ...options.extraNames.map((n) => n.toUpperCase())]);
  if (options.usernames) for (const n of KNOWN_USERNAME_NAMES) known.add(n);
  return known;
}

// Answers for calls without options (the rules ask for the same names in every file).
const defaultAnswers = new Map<string, boolean>();

/** Whether a variable name is a credential by the `no-secrets-in-arg-env` test. */
export function isSecretName(name: string, options?: SecretNameOptions): boolean {
  if (options !== undefined && !isDefaultNameOptions(options)) return computeIsSecretName(name, options);
  let answer = defaultAnswers.get(name);
  if (answer === undefined) {
    answer = computeIsSecretName(name, {});
    if (defaultAnswers.size >= 10_000) defaultAnswers.clear();
    defaultAnswers.set(name, answer);
  }
  return answer;
}

/** Options that change no answer (a rule's defaults: empty lists, no user names) share the memo. */
function isDefaultNameOptions(options: SecretNameOptions): boolean {
  return !options.extraNames?.length && !options.allowNames?.length && !options.allowTokens?.length && options.usernames !== true;
}

function computeIsSecretName(name: string, options: SecretNameOptions): boolean {
  if (options.allowNames?.includes(name)) return false;
  const upper = name.toUpperCase();
  const bare = upper.replace(FRAMEWORK_PREFIX, '');
  const known = knownNames(options);
  if (known.has(upper) || known.has(bare)) return true;
  const segments = nameSegments(name);
  const allow = options.allowTokens === undefined || options.allowTokens.length === 0 ? (defaultAllow ??= new Set(ALLOW_TOKENS)) : new Set([...ALLOW_TOKENS, ...options.allowTokens.map((t) => t.toLowerCase())]);
  if (segments.some((segment) => allow.has(segment))) return false;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    // A release key (`GHC_RELEASE_KEY`) is the public key releases are signed with.
    if (segment === 'key' && segments[i - 1] === 'release') continue;
    if (SECRET_TOKENS.has(segment)) return true;
    if ((segment === 'pass' || segment === 'pwd') && segments.length > 1) return true;
    if (segment === 'private' && segments[i + 1] === 'key') return true;
    if (options.usernames && USERNAME_TOKENS.has(segment)) return true;
  }
  return false;
}

/** A secret value as shown in messages: its first 4 characters and an ellipsis. */
export function maskSecret(value: string): string {
  return `${[...value].slice(0, 4).join('')}…`;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

const PLACEHOLDER_WORDS = new Set([
  'changeme', 'password', 'secret', 'example', 'dummy', 'test', 'none', 'null', 'true', 'false',
]);

/**
 * Whether a literal is a placeholder rather than a credential: the RULES.md list
 * (`changeme`, `password`, …), values made only of `x`, `*` or `.`, and `<…>`.
 */
export function isPlaceholderValue(value: string): boolean {
  const lower = value.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower)) return true;
  if (/^[x*.]+$/i.test(value)) return true;
  if (value.startsWith('<') && value.endsWith('>')) return true;
  return false;
}

/**
 * A public-key fingerprint or key id as written in Dockerfiles that verify downloads:
 * 16 or 40 upper-case hex digits, optionally `0x`-prefixed or in space-separated groups.
 */
export function isKeyFingerprint(value: string): boolean {
  const compact = value.replace(/^0x/i, '').replace(/ /g, '');
  return /^[0-9A-F]+$/.test(compact) && (compact.length === 16 || compact.length === 40) && /[A-F]/.test(compact);
}

/** A value that cannot be a credential: empty, a boolean or number, an absolute path, a key fingerprint. */
export function isNonSecretValue(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  if (/^(?:true|false|yes|no|on|off|enabled?|disabled?)$/i.test(trimmed) || /^\d{1,6}$/.test(trimmed)) return true;
  if (trimmed.startsWith('/')) return true;
  return isKeyFingerprint(trimmed);
}

/** AWS's documentation example keys, and any token whose body ends in `EXAMPLE`. */
export function isDocumentationExample(value: string): boolean {
  return /EXAMPLE(?:KEY)?$/.test(value);
}

export interface SecretPattern {
  kind: string;
  /** Must be global (`g`). When it has a group named `value`, that group is the secret. */
  regex: RegExp;
  /** What every match of `regex` starts with (its source, after any leading `\b`, starts with this source). */
  prefix: RegExp;
}

/** The value patterns of `no-hardcoded-secrets`. */
export const SECRET_VALUE_PATTERNS: readonly SecretPattern[] = [
  { kind: 'private key', regex: /-----BEGIN [A-Z ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g, prefix: /-----BEGIN / },
  { kind: 'AWS access key id', regex: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g, prefix: /(?:AKIA|ASIA|ABIA|ACCA)/ },
  { kind: 'GitHub token', regex: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g, prefix: /gh[pousr]_/ },
  { kind: 'GitHub token', regex: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g, prefix: /github_pat_/ },
  { kind: 'GitLab token', regex: /\bglpat-[A-Za-z0-9_-]{20,255}(?![A-Za-z0-9_-])/g, prefix: /glpat-/ },
  { kind: 'Slack token', regex: /\bxox[abposr]-[A-Za-z0-9-]{10,255}(?![A-Za-z0-9-])/g, prefix: /xox[abposr]-/ },
  { kind: 'Slack webhook', regex: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{8,255}/g, prefix: /https:\/\/hooks\.slack\.com\/services\// },
  { kind: 'npm token', regex: /\bnpm_[A-Za-z0-9]{36}\b/g, prefix: /npm_/ },
  { kind: 'PyPI token', regex: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/g, prefix: /pypi-AgEIcHlwaS5vcmc/ },
  { kind: 'Stripe live key', regex: /\b(?:sk|rk)_live_[A-Za-z0-9]{24,255}\b/g, prefix: /(?:sk|rk)_live_/ },
  { kind: 'Google API key', regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, prefix: /AIza/ },
  { kind: 'JSON web token', regex: /\beyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,4096}/g, prefix: /eyJ/ },
];

/**
 * Any pattern's prefix. Almost no file has one, and this one pass over the text is cheaper
 * than the twelve passes of the patterns themselves (their leading `\b` defeats V8's fast search).
 * Written out rather than joined from the prefixes so that prefixes sharing a first letter
 * share one branch: fewer alternatives to try at each position of a file (a test checks it
 * matches where some prefix matches).
 */
export const ANY_SECRET_PREFIX = /-----BEGIN |A(?:KIA|SIA|BIA|CCA|Iza)|g(?:h[pousr]_|ithub_pat_|lpat-)|xox[abposr]-|https:\/\/hooks\.slack\.com\/services\/|npm_|pypi-AgEIcHlwaS5vcmc|[sr]k_live_|eyJ/;

/**
 * `scheme://user:password@host`: the `value` group is the password. The user and password
 * classes exclude `@`, `/` and whitespace, so each attempt is bounded.
 */
export const URL_CREDENTIALS = /\b[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s:/@'"`]{1,256}:(?<value>[^\s/@'"`]{1,256})@[^\s/@'"`]/g;

/** What follows `://` in `URL_CREDENTIALS`, matched at a given offset. */
const AFTER_SCHEME = /[^\s:/@'"`]{1,256}:(?<value>[^\s/@'"`]{1,256})@[^\s/@'"`]/y;
const SCHEME_MAX = 31;

function isSchemeChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isWordChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * The matches of `URL_CREDENTIALS` in a text, found from each `://` instead of trying the
 * pattern at every word boundary of a whole file: the leftmost scheme start in reach of the
 * `://` (a letter after a non-word character, at most 31 scheme characters), then the user,
 * password and host part. Same matches, same order (a test compares them).
 */
export function urlCredentialMatches(text: string): { start: number; end: number; value: string }[] {
  const matches: { start: number; end: number; value: string }[] = [];
  if (!text.includes('@')) return matches;
  let from = 0;
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 1)) {
    if (at < from) continue;
    let runStart = at;
    while (runStart > from && at - runStart < SCHEME_MAX && isSchemeChar(text.charCodeAt(runStart - 1))) runStart--;
    let start = -1;
    for (let p = runStart; p < at; p++) {
      if (isLetter(text.charCodeAt(p)) && (p === 0 || !isWordChar(text.charCodeAt(p - 1)))) {
        start = p;
        break;
      }
    }
    if (start === -1) continue;
    AFTER_SCHEME.lastIndex = at + 3;
    const rest = AFTER_SCHEME.exec(text);
    if (!rest) continue;
    from = AFTER_SCHEME.lastIndex;
    matches.push({ start, end: from, value: rest.groups?.['value'] ?? '' });
  }
  return matches;
}

/** Extra placeholders seen in URLs (`user:pass@`, `${TOKEN}` is a variable). */
const URL_PLACEHOLDERS = new Set(['pass', 'passwd', 'pwd', 'token', 'secret', 'password', 'pw', 'mypassword', 'yourpassword']);

export interface SecretMatch {
  kind: string;
  value: string;
  /** Offsets into the scanned text. */
  start: number;
  end: number;
}

export interface ValueScanOptions {
  extraPatterns?: readonly { name: string; regex: string }[];
  allowValues?: readonly RegExp[];
}

function allowed(value: string, options: ValueScanOptions): boolean {
  if (isDocumentationExample(value)) return true;
  return (options.allowValues ?? []).some((regex) => regex.test(value));
}

/** Token-shaped secrets (keys, platform tokens, credentials in URLs) in a text. */
export function findSecretValues(text: string, options: ValueScanOptions = {}): SecretMatch[] {
  const matches: SecretMatch[] = [];
  const patterns: { kind: string; regex: RegExp }[] = ANY_SECRET_PREFIX.test(text) ? [...SECRET_VALUE_PATTERNS] : [];
  for (const extra of options.extraPatterns ?? []) patterns.push({ kind: extra.name, regex: new RegExp(extra.regex, 'g') });
  for (const { kind, regex } of patterns) {
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      if (match[0] === '') {
        regex.lastIndex++;
        continue;
      }
      const group = match.groups?.['value'];
      const start = group === undefined ? match.index : match.index + match[0].indexOf(group);
      const value = group ?? match[0];
      if (!allowed(value, options)) matches.push({ kind, value, start, end: start + value.length });
    }
  }
  for (const match of urlCredentialMatches(text)) {
    const value = match.value;
    // The password part ends right before '@': find it from the end of the match.
    const start = match.end - 2 - value.length;
    if (!isLiteralCredential(value) || URL_PLACEHOLDERS.has(value.toLowerCase()) || allowed(value, options)) continue;
    matches.push({ kind: 'password in a URL', value, start, end: start + value.length });
  }
  return matches;
}

/** A literal credential: not a variable, command substitution, or placeholder. */
function isLiteralCredential(value: string): boolean {
  if (value.includes('$') || value.includes('%') || value.includes('{{')) return false;
  return !isPlaceholderValue(value);
}

/**
 * Whether a literal assigned to a secret-named variable looks like a real credential: at
 * least 8 characters, not a variable or command substitution, not a path, not a placeholder.
 */
export function isLiteralSecretValue(value: string, options: ValueScanOptions = {}): boolean {
  if (value.length < 8) return false;
  if (/[$`]/.test(value) || value.includes('%{') || value.includes('{{')) return false;
  if (isNonSecretValue(value)) return false;
  // Repetitive values (`00000000-0000-…`) are placeholders, not credentials.
  if (shannonEntropy(value) < 2) return false;
  if (value.startsWith('/') || value.startsWith('~/') || value.startsWith('./')) return false;
  if (isPlaceholderValue(value)) return false;
  return !allowed(value, options);
}

const SECRET_BASENAMES = new Set([
  'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', '.npmrc', '.pypirc', '.netrc', '_netrc', '.git-credentials', '.htpasswd',
  '.vault-token', '.dockercfg', 'kubeconfig', 'credentials.json', '.env',
]);
const SECRET_DIRECTORIES = new Set(['.ssh', '.gnupg', '.aws']);
const SECRET_PATH_ENDS = ['.aws/credentials', '.docker/config.json', '.kube/config'];
/** The same paths under some directory (built once, not per path tested). */
const SECRET_PATH_SUFFIXES = SECRET_PATH_ENDS.map((end) => `/${end}`);
const ENV_SAFE_SUFFIXES = new Set(['example', 'sample', 'template', 'dist', 'defaults', 'default', 'tpl', 'tmpl', 'in', 'local.example']);

/**
 * Whether a COPY/ADD source names a credential file (RULES.md `no-secret-file-copy`):
 * private keys, registry and cloud credential files, `.env` files, key stores.
 */
export function isSecretFilePath(source: string): boolean {
  const cleaned = trimEndChars(source, '/').replace(/^\.\//, '');
  const lower = cleaned.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  if (SECRET_BASENAMES.has(base)) return true;
  if (SECRET_DIRECTORIES.has(base)) return true;
  if (SECRET_PATH_ENDS.includes(lower) || SECRET_PATH_SUFFIXES.some((suffix) => lower.endsWith(suffix))) return true;
  if (base.startsWith('.env.')) return !ENV_SAFE_SUFFIXES.has(base.slice(5));
  const dot = base.lastIndexOf('.');
  const ext = dot >= 0 ? base.slice(dot + 1) : '';
  const stem = dot >= 0 ? base.slice(0, dot) : base;
  if (ext === 'key') return !/pub|gpg|public/.test(stem);
  if (ext === 'pem') return /key|private/.test(stem) && !/pub/.test(stem);
  if (['p12', 'pfx', 'jks', 'keystore'].includes(ext)) return true;
  if (ext === 'json' && (/^client_secret/.test(stem) || stem.includes('service-account') || stem.includes('service_account'))) return true;
  if (stem === 'secrets' && ['yml', 'yaml', 'json', 'env'].includes(ext)) return true;
  return false;
}
