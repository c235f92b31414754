import type { BuildFile } from './build-file.js';
import type { InstructionNode, PropertyNode, Stage } from './types.js';

/**
 * LABEL keys and values after variable resolution (RULES.md §10), and the label-value types
 * of the `labels.schema` setting.
 */
export interface ResolvedLabel {
  instruction: InstructionNode;
  property: PropertyNode;
  /** The key with quotes removed and variables resolved; undefined when unknown. */
  key: string | undefined;
  /** The value with quotes removed and variables resolved; undefined when unknown. */
  value: string | undefined;
}

export function resolvedLabels(file: BuildFile, node: InstructionNode): ResolvedLabel[] {
  const scope = file.scope(node);
  return node.properties.map((property) => {
    const keyExpansion = scope.expand(property.nameToken.text, file.escapeChar);
    const rawValue = property.valueToken?.text ?? '';
    const valueExpansion = scope.expand(rawValue, file.escapeChar);
    return {
      instruction: node,
      property,
      key: keyExpansion.known ? keyExpansion.value : undefined,
      value: valueExpansion.known ? valueExpansion.value : undefined,
    };
  });
}

/** The label keys a stage's chain sets (LABEL instructions, triggers excluded); unknown keys skipped. */
export function chainLabelKeys(file: BuildFile, stage: Stage): Set<string> {
  const keys = new Set<string>();
  for (const each of file.chain(stage)) {
    for (const node of each.instructions) {
      if (node.keyword !== 'LABEL') continue;
      for (const label of resolvedLabels(file, node)) if (label.key !== undefined) keys.add(label.key);
    }
  }
  return keys;
}

const SPDX_IDS = new Set(
  (
    '0BSD AFL-3.0 AGPL-1.0 AGPL-3.0 AGPL-3.0-only AGPL-3.0-or-later Apache-1.0 Apache-1.1 Apache-2.0 APSL-2.0 Artistic-1.0 ' +
    'Artistic-2.0 BlueOak-1.0.0 BSD-1-Clause BSD-2-Clause BSD-2-Clause-Patent BSD-3-Clause BSD-3-Clause-Clear BSD-4-Clause ' +
    'BSL-1.0 BUSL-1.1 CC-BY-3.0 CC-BY-4.0 CC-BY-SA-3.0 CC-BY-SA-4.0 CC-BY-NC-4.0 CC-BY-NC-SA-4.0 CC-BY-ND-4.0 CC0-1.0 ' +
    'CDDL-1.0 CDDL-1.1 CECILL-2.1 CPL-1.0 ECL-2.0 EPL-1.0 EPL-2.0 EUPL-1.1 EUPL-1.2 GFDL-1.3 GFDL-1.3-only ' +
    'GFDL-1.3-or-later GPL-1.0 GPL-1.0-only GPL-1.0-or-later GPL-2.0 GPL-2.0-only GPL-2.0-or-later GPL-3.0 GPL-3.0-only ' +
    'GPL-3.0-or-later HPND IJG ImageMagick IPL-1.0 ISC JSON LGPL-2.0 LGPL-2.0-only LGPL-2.0-or-later LGPL-2.1 LGPL-2.1-only ' +
    'LGPL-2.1-or-later LGPL-3.0 LGPL-3.0-only LGPL-3.0-or-later Libpng LPL-1.02 LPPL-1.3c MIT MIT-0 MPL-1.1 MPL-2.0 ' +
    'MPL-2.0-no-copyleft-exception MS-PL MS-RL MulanPSL-2.0 NCSA OFL-1.1 OpenSSL OSL-3.0 PHP-3.0 PHP-3.01 PostgreSQL ' +
    'Python-2.0 PSF-2.0 Ruby SSPL-1.0 Unicode-DFS-2016 Unicode-3.0 Unlicense UPL-1.0 Vim W3C WTFPL X11 Zlib ZPL-2.1 ' +
    'curl OLDAP-2.8 Sleepycat TCL Beerware Elastic-2.0 NPOSL-3.0 QPL-1.0 RPL-1.5 SISSL Spencer-94 Xnet'
  ).split(' ').map((id) => id.toLowerCase()),
);
const SPDX_EXCEPTIONS = new Set(['classpath-exception-2.0', 'llvm-exception', 'gcc-exception-3.1', 'autoconf-exception-3.0', 'openssl-exception', 'font-exception-2.0', 'bison-exception-2.2']);

/** A valid SPDX license expression: ids (with `+`), `LicenseRef-…`, `WITH`, `AND`, `OR` and parentheses. */
export function isSpdxExpression(text: string): boolean {
  const tokens = text.match(/\(|\)|[^\s()]+/g);
  if (!tokens) return false;
  let i = 0;
  const license = (): boolean => {
    const token = tokens[i];
    if (token === undefined) return false;
    if (token === '(') {
      i++;
      if (!expression()) return false;
      if (tokens[i] !== ')') return false;
      i++;
      return true;
    }
    const ok = /^(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(token) || SPDX_IDS.has(token.replace(/\+$/, '').toLowerCase());
    if (!ok) return false;
    i++;
    if (tokens[i] === 'WITH') {
      i++;
      const exception = tokens[i];
      if (exception === undefined || !SPDX_EXCEPTIONS.has(exception.toLowerCase())) return false;
      i++;
    }
    return true;
  };
  const expression = (): boolean => {
    if (!license()) return false;
    while (tokens[i] === 'AND' || tokens[i] === 'OR') {
      i++;
      if (!license()) return false;
    }
    return true;
  };
  return expression() && i === tokens.length;
}

export interface LabelTypeCheck {
  ok: boolean;
  /** `a non-empty value`, `an absolute URL`, … */
  expected: string;
  code: string | undefined;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** Checks a resolved value against a schema type (`url`, `rfc3339`, `spdx`, `hash`, `semver`, `email`, `text`, `regex:…`). */
export function checkLabelType(type: string, value: string): LabelTypeCheck {
  if (value === '') return { ok: false, expected: 'a non-empty value', code: 'DL3051' };
  const lower = type.toLowerCase();
  if (type.startsWith('regex:')) {
    const pattern = type.slice('regex:'.length);
    let ok = false;
    try {
      ok = new RegExp(`^(?:${pattern})$`).test(value);
    } catch {
      ok = true;
    }
    return { ok, expected: `a value matching ${pattern}`, code: undefined };
  }
  switch (lower) {
    case 'url': {
      let ok = false;
      try {
        const url = new URL(value);
        ok = /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) && /^[a-z][a-z0-9+.-]*:/i.test(value);
      } catch {
        ok = false;
      }
      return { ok, expected: 'an absolute URL', code: 'DL3052' };
    }
    case 'rfc3339':
      return { ok: RFC3339.test(value), expected: 'an RFC 3339 date-time', code: 'DL3053' };
    case 'spdx':
      return { ok: isSpdxExpression(value), expected: 'an SPDX license expression', code: 'DL3054' };
    case 'hash':
      return { ok: /^[0-9a-f]{7,40}$/.test(value) || /^[0-9a-f]{64}$/.test(value), expected: 'a git commit hash', code: 'DL3055' };
    case 'semver':
      return { ok: SEMVER.test(value), expected: 'a semantic version', code: 'DL3056' };
    case 'email':
      return { ok: EMAIL.test(value), expected: 'an e-mail address', code: 'DL3058' };
    default:
      return { ok: true, expected: 'a non-empty value', code: undefined };
  }
}
