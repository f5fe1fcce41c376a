import type { PlanNode } from '../evaluate/explanation-plan.js';

/**
 * A condition tree as the ways it can come out as wanted: a list of terms, each a set of leaf conditions with the
 * result each must have (all of a term together suffice). `[[]]` is "already so, nothing needed"; `[]` is "no way".
 * A literal is a leaf's index × 2, plus 1 when the leaf must hold. Terms are sorted, with no term containing
 * another (the larger one is never a smaller set of changes), and at most MAX_TERMS of the smallest are kept.
 */
export type Term = readonly number[];
export type Terms = readonly Term[];

const MAX_TERMS = 48;

export const ALWAYS: Terms = [[]];
export const NEVER: Terms = [];

export function literal(leaf: number, want: boolean): number {
  return leaf * 2 + (want ? 1 : 0);
}

export function leafOf(literal: number): { leaf: number; want: boolean } {
  return { leaf: literal >> 1, want: (literal & 1) === 1 };
}

function containsAll(term: Term, part: Term): boolean {
  let at = 0;
  for (const item of part) {
    while (at < term.length && (term[at] as number) < item) at += 1;
    if (term[at] !== item) return false;
  }
  return true;
}

/** The terms no other term is part of, smallest first, at most MAX_TERMS. */
function minimal(terms: Term[]): Term[] {
  const sorted = [...terms].sort((a, b) => a.length - b.length);
  const kept: Term[] = [];
  for (const term of sorted) {
    if (kept.length >= MAX_TERMS) break;
    if (!kept.some((small) => containsAll(term, small))) kept.push(term);
  }
  return kept;
}

/** Two sorted terms as one, or null when they ask one leaf for both results. */
function merge(a: Term, b: Term): Term | null {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && (a[i] as number) <= (b[j] as number)) ? (a[i++] as number) : (b[j++] as number);
    const last = merged.at(-1);
    if (last === next) continue;
    if (last !== undefined && last >> 1 === next >> 1) return null;
    merged.push(next);
  }
  return merged;
}

export function both(a: Terms, b: Terms): Terms {
  if (a.length === 1 && a[0]?.length === 0) return b;
  if (b.length === 1 && b[0]?.length === 0) return a;
  const terms: Term[] = [];
  for (const left of a) {
    for (const right of b) {
      const merged = merge(left, right);
      if (merged !== null) terms.push(merged);
    }
  }
  return minimal(terms);
}

export function either(a: Terms, b: Terms): Terms {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return minimal([...a, ...b]);
}

/**
 * The terms of a node coming out as wanted, for any node of one plan: negations pushed down to the leaves, each
 * named condition read through its body, each node's terms worked out once. `leaf` says what a leaf contributes;
 * `known`, when it has an answer, stands for a whole subtree.
 */
export function termsOfNodes(
  nodes: readonly PlanNode[],
  leaf: (index: number, want: boolean) => Terms,
  known: (index: number, want: boolean) => Terms | undefined = () => undefined,
): (index: number, want: boolean) => Terms {
  const memo = new Map<number, Terms>();
  const visit = (at: number, wanted: boolean): Terms => {
    const key = literal(at, wanted);
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    const terms = known(at, wanted) ?? expand(at, wanted);
    memo.set(key, terms);
    return terms;
  };
  const expand = (at: number, wanted: boolean): Terms => {
    const node = nodes[at] as PlanNode;
    switch (node.kind) {
      case 'leaf':
        return leaf(at, wanted);
      case 'not':
        return visit(node.child, !wanted);
      case 'named':
        return visit(node.body, wanted);
      case 'all':
      case 'any': {
        // all(…) holds when every child does; it fails when any child fails (and any(…) the other way round).
        const together = (node.kind === 'all') === wanted;
        let terms: Terms = together ? ALWAYS : NEVER;
        for (const child of node.children) {
          terms = together ? both(terms, visit(child, wanted)) : either(terms, visit(child, wanted));
          if (together && terms.length === 0) break;
        }
        return terms;
      }
    }
  };
  return visit;
}
