/** The text of a build file, or why its bytes are not text. */
export type DecodedFile =
  | { ok: true; text: string; bom: 'utf-8' | 'utf-16le' | 'utf-16be' | undefined }
  | { ok: false; reason: string; offset: number };

/**
 * The largest file layerlint lints (characters): 6x the largest of 1,420 real Dockerfiles
 * (40 KB). Some model analyses grow faster than linearly with the number of instructions, so
 * a multi-megabyte file would take minutes; it gets one parse-error instead.
 */
export const MAX_FILE_CHARS = 256 * 1024;

/** BuildKit's limit on one line. */
export const MAX_LINE_BYTES = 65_535;

/**
 * Decodes a build file: UTF-8 (with or without BOM), or UTF-16 with a BOM. Invalid UTF-8
 * is not guessed at: it is reported with the offset of the first bad byte.
 */
export function decodeBuildFile(bytes: Uint8Array): DecodedFile {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), bom: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), bom: 'utf-16be' };
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { ok: true, text, bom: hasBom ? 'utf-8' : undefined };
  } catch {
    return { ok: false, reason: 'it is not valid UTF-8', offset: firstInvalidUtf8(body) + (hasBom ? 3 : 0) };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return 0;
}
