/**
 * Which policies a new case gets: per kind, the most specific policy in force that matches the
 * case's category, priority and unit kind (an exact category beats "any", then an exact
 * priority). Pure.
 */
export interface PolicyLike {
  id: string;
  kind: string;
  category: string | null;
  priority: string | null;
  unitKinds: string[] | null;
}

export function selectPolicies<P extends PolicyLike>(policies: readonly P[], c: { category: string; priority: string; unitKind: string | null }): P[] {
  const best = new Map<string, { p: P; score: number }>();
  for (const p of policies) {
    if (p.category !== null && p.category !== c.category) continue;
    if (p.priority !== null && p.priority !== c.priority) continue;
    if (p.unitKinds !== null && (c.unitKind === null || !p.unitKinds.includes(c.unitKind))) continue;
    const score = (p.category !== null ? 4 : 0) + (p.priority !== null ? 2 : 0) + (p.unitKinds !== null ? 1 : 0);
    const cur = best.get(p.kind);
    if (!cur || score > cur.score) best.set(p.kind, { p, score });
  }
  return [...best.values()].map((x) => x.p).sort((a, b) => a.kind.localeCompare(b.kind));
}
