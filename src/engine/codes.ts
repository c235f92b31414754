/** Peer code families (RULES.md §0.2). */
export type CodeFamily = 'hadolint' | 'shellcheck' | 'trivy' | 'checkov' | 'buildkit';

const HADOLINT = /^DL\d{4}$/i;
const SHELLCHECK = /^SC\d{4}$/i;
const TRIVY = /^(?:AVD-)?DS-?\d{3,4}$/i;
const CHECKOV = /^CKV2?_DOCKER_\d+$/i;

export function codeFamily(code: string): CodeFamily {
  if (HADOLINT.test(code)) return 'hadolint';
  if (SHELLCHECK.test(code)) return 'shellcheck';
  if (TRIVY.test(code)) return 'trivy';
  if (CHECKOV.test(code)) return 'checkov';
  return 'buildkit';
}

export function isBuildKitCode(code: string): boolean {
  return codeFamily(code) === 'buildkit';
}

/**
 * The form a selector is compared in: lower case, Trivy aliases (`DS001`, `AVD-DS-0001`)
 * as `ds-0001`.
 */
export function normalizeCode(code: string): string {
  const trimmed = code.trim();
  const trivy = /^(?:AVD-)?DS-?(\d{3,4})$/i.exec(trimmed);
  if (trivy) return `ds-${(trivy[1] as string).padStart(4, '0')}`;
  return trimmed.toLowerCase();
}
