import type { BuildFile } from './build-file.js';
import type { InstructionNode, Token } from './types.js';

/** One EXPOSE entry after variable resolution: `80`, `8000-8010/tcp`. */
export interface ExposedPort {
  token: Token;
  /** The resolved text. */
  text: string;
  /** First and last port of the entry (equal for a single port). */
  first: number;
  last: number;
  protocol: string;
}

const ENTRY = /^(?:[^:]*:)?(\d{1,5})(?:-(\d{1,5}))?(?:\/([A-Za-z]+))?$/;

/** The resolved ports of an EXPOSE; entries with unknown variables or bad syntax are skipped. */
export function exposedPorts(file: BuildFile, node: InstructionNode): ExposedPort[] {
  const scope = file.scope(node);
  const ports: ExposedPort[] = [];
  for (const token of node.args) {
    const expansion = scope.expand(token.text, file.escapeChar);
    if (!expansion.known) continue;
    for (const text of expansion.value.replace(/^(["'])(.*)\1$/, '$2').split(/\s+/)) {
      const match = ENTRY.exec(text);
      if (!match) continue;
      const first = Number(match[1]);
      const last = match[2] === undefined ? first : Number(match[2]);
      ports.push({ token, text, first, last, protocol: (match[3] ?? 'tcp').toLowerCase() });
    }
  }
  return ports;
}
