/**
 * Word-level differences between two texts (Myers' O((N+M)·D) algorithm over word and space tokens),
 * for showing what changed between two revisions of a story. Pure; the view escapes the pieces.
 */
export type DiffOp = 'eq' | 'del' | 'ins';
export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** Beyond this many edits the texts are simply shown as replaced: the trace would cost too much memory. */
const MAX_EDITS = 4000;

export function tokenize(s: string): string[] {
  return s.match(/\s+|[^\s]+/gu) ?? [];
}

function myers(a: string[], b: string[]): Array<[DiffOp, string]> | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(off - d, off + d + 1));
        return backtrack(a, b, trace);
      }
    }
    trace.push(v.slice(off - d, off + d + 1));
  }
  return null;
}

function backtrack(a: string[], b: string[], trace: Int32Array[]): Array<[DiffOp, string]> {
  const out: Array<[DiffOp, string]> = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1]!;
    const at = (k: number) => prev[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push(['eq', a[x - 1]!]);
      x--;
      y--;
    }
    if (down) {
      out.push(['ins', b[y - 1]!]);
      y--;
    } else {
      out.push(['del', a[x - 1]!]);
      x--;
    }
  }
  while (x > 0 && y > 0) {
    out.push(['eq', a[x - 1]!]);
    x--;
    y--;
  }
  return out.reverse();
}

function merge(ops: Array<[DiffOp, string]>): DiffPart[] {
  const out: DiffPart[] = [];
  for (const [op, text] of ops) {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  }
  // A space between two changes reads better inside the change than as an unchanged island.
  for (let i = 1; i < out.length - 1; i++) {
    const p = out[i]!;
    if (p.op === 'eq' && /^\s+$/.test(p.text) && out[i - 1]!.op !== 'eq' && out[i + 1]!.op !== 'eq') {
      out.splice(i, 1, { op: 'del', text: p.text }, { op: 'ins', text: p.text });
    }
  }
  const tidy: DiffPart[] = [];
  // Group runs of deletions and insertions: all the deleted words, then all the inserted ones.
  let i = 0;
  while (i < out.length) {
    if (out[i]!.op === 'eq') {
      tidy.push(out[i]!);
      i++;
      continue;
    }
    let del = '';
    let ins = '';
    while (i < out.length && out[i]!.op !== 'eq') {
      if (out[i]!.op === 'del') del += out[i]!.text;
      else ins += out[i]!.text;
      i++;
    }
    if (del) tidy.push({ op: 'del', text: del });
    if (ins) tidy.push({ op: 'ins', text: ins });
  }
  return tidy;
}

/** The differences between two texts, word by word. Joining the 'eq'+'del' parts gives `before`, 'eq'+'ins' gives `after`. */
export function diffWords(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ op: 'eq', text: before }] : [];
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Array<[DiffOp, string]> = a.slice(0, start).map((t) => ['eq', t] as [DiffOp, string]);
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const mid = myers(midA, midB) ?? [...midA.map((t) => ['del', t] as [DiffOp, string]), ...midB.map((t) => ['ins', t] as [DiffOp, string])];
  ops.push(...mid, ...a.slice(endA).map((t) => ['eq', t] as [DiffOp, string]));
  return merge(ops);
}

export function hasChanges(parts: DiffPart[]): boolean {
  return parts.some((p) => p.op !== 'eq');
}
