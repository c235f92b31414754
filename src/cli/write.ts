import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a file atomically: a temporary file in the same directory, then a rename, so a
 * reader or a crash never sees a half-written file. The original's mode (and, where permitted,
 * owner and group) is kept, and an
 * unchanged content is not written at all.
 */
export function writeFileAtomic(target: string, content: string | Buffer): void {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let mode: number | undefined;
  let owner: { uid: number; gid: number } | undefined;
  try {
    const existing = fs.readFileSync(target);
    if (existing.equals(data)) return;
    const stat = fs.statSync(target);
    mode = stat.mode & 0o7777;
    owner = { uid: stat.uid, gid: stat.gid };
  } catch {
    mode = undefined;
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.layerlint-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temporary, data, mode === undefined ? undefined : { mode });
    if (owner !== undefined) {
      // Keep the owner and group where we may (root, or our own file with one of our groups).
      try {
        fs.chownSync(temporary, owner.uid, owner.gid);
      } catch {
        // Not permitted: the file ends up owned by whoever ran the fix.
      }
    }
    if (mode !== undefined) fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
