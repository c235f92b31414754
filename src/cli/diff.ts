/** A unified diff of two texts (whole-file hunks with 3 lines of context), for `--fix-dry-run`. */
export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  const table = lcsTable(a, b);
  const ops: { kind: ' ' | '-' | '+'; line: string; aIndex: number; bIndex: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i] as string, aIndex: i, bIndex: j });
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || (table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0))) {
      // Removed lines before added ones, as diff(1) and git print them.
      ops.push({ kind: '-', line: a[i] as string, aIndex: i, bIndex: j });
      i++;
    } else {
      ops.push({ kind: '+', line: b[j] as string, aIndex: i, bIndex: j });
      j++;
    }
  }
  const context = 3;
  const out = [`--- ${name}`, `+++ ${name}`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]?.kind === ' ') {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    while (end < ops.length) {
      if (ops[end]?.kind !== ' ') {
        end++;
        continue;
      }
      let run = end;
      while (run < ops.length && ops[run]?.kind === ' ') run++;
      if (run - end > context * 2 || run === ops.length) {
        end = Math.min(ops.length, end + context);
        break;
      }
      end = run;
    }
    const hunk = ops.slice(start, end);
    const first = hunk[0] as (typeof ops)[number];
    const aCount = hunk.filter((op) => op.kind !== '+').length;
    const bCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${first.aIndex + 1},${aCount} +${first.bIndex + 1},${bCount} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    k = end;
  }
  return `${out.join('\n')}\n`;
}

function lcsTable(a: string[], b: string[]): number[][] {
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    const row = table[i] as number[];
    const next = table[i + 1] as number[];
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] = a[i] === b[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  return table;
}
