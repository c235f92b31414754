/**
 * Trailing-character trimming without a regular expression: `text.replace(/\/+$/, '')` scans
 * from every start position and takes quadratic time on a long run of the character that
 * does not reach the end (e.g. 50,000 slashes then another character); this is linear.
 */
export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}
