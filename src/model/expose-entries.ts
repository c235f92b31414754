import type { BuildFile } from './build-file.js';
import type { InstructionNode, Token } from './types.js';

/**
 * EXPOSE entries with the host part BuildKit rejects (RULES.md §8 `no-expose-host-port`,
 * `no-duplicate-expose`): `ip:hostPort:containerPort`, `[ipv6]:hostPort:containerPort`,
 * `hostPort:containerPort`, `ip::containerPort`, each with an optional `/proto`.
 */
export interface ExposeEntry {
  token: Token;
  /** False when a variable in the entry could not be resolved; the other fields are then unset. */
  known: boolean;
  /** The resolved text. */
  text: string;
  /** The host part (IP and/or host port) when present. */
  host: string | undefined;
  /** The container port or range, as written after resolution (`80`, `8000-8010`). */
  containerPort: string;
  /** The protocol as written, or undefined when none is given (tcp). */
  protocol: string | undefined;
  first: number;
  last: number;
}

const PORT = String.raw`(\d{1,5})(?:-(\d{1,5}))?`;
const ENTRY = new RegExp(String.raw`^(?:(\[[0-9A-Fa-f:.]*\]|[^:\[\]/]*):(?:(\d{0,5}(?:-\d{1,5})?):)?)?${PORT}(?:/([A-Za-z]+))?$`);

export function parseExposeEntry(text: string): Omit<ExposeEntry, 'token' | 'known'> | undefined {
  const match = ENTRY.exec(text);
  if (!match) return undefined;
  const [, ip, hostPort, first, last, protocol] = match;
  const containerPort = last === undefined ? (first as string) : `${first}-${last}`;
  const host = ip === undefined ? undefined : hostPort === undefined ? ip : `${ip}:${hostPort}`;
  return { text, host, containerPort, protocol, first: Number(first), last: last === undefined ? Number(first) : Number(last) };
}

/** The entries of an EXPOSE, one per argument word. */
export function exposeEntries(file: BuildFile, node: InstructionNode): ExposeEntry[] {
  const scope = file.scope(node);
  const entries: ExposeEntry[] = [];
  for (const token of node.args) {
    const expansion = scope.expand(token.text, file.escapeChar);
    const text = expansion.value.replace(/^(["'])(.*)\1$/, '$2');
    const parsed = expansion.known ? parseExposeEntry(text) : undefined;
    if (!parsed) {
      entries.push({ token, known: false, text, host: undefined, containerPort: '', protocol: undefined, first: 0, last: 0 });
      continue;
    }
    entries.push({ token, known: true, ...parsed });
  }
  return entries;
}
