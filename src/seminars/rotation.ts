/**
 * The rotation of outreach seminars over the network's branches. Seminars go round in rounds: within
 * a round no branch hosts twice, and a new round starts only when every branch has hosted once. Inside
 * a round the next host comes from the municipality (айыл окмоту) that has hosted least in this round,
 * then the one that hosted longest ago, then the branch that hosted longest ago (never = first), then
 * the branch's number. Pure: the same branches and history always give the same proposal.
 *
 * @example
 *   proposeHosts([{ id: 'a', municipality: 'm1', order: 1 }, { id: 'b', municipality: 'm2', order: 2 }], ['a'], 2)
 *   // → ['b', 'a']
 */
export interface RotationBranch {
  id: string;
  /** The municipality the branch serves; branches without one count as their own. */
  municipality: string | null;
  /** Tie-breaker, normally the branch number. */
  order: number;
}

interface RoundState {
  hosted: Set<string>;
  muniCount: Map<string, number>;
  /** Position in the whole sequence when each branch / municipality last hosted. */
  lastBranch: Map<string, number>;
  lastMuni: Map<string, number>;
  time: number;
}

const muniOf = (b: RotationBranch) => b.municipality ?? `branch:${b.id}`;

function record(state: RoundState, branch: RotationBranch, total: number) {
  if (state.hosted.size >= total) {
    state.hosted.clear();
    state.muniCount.clear();
  }
  // A host the user chose although it had hosted in this round (an edited plan) does not end the round.
  if (!state.hosted.has(branch.id)) {
    state.hosted.add(branch.id);
    state.muniCount.set(muniOf(branch), (state.muniCount.get(muniOf(branch)) ?? 0) + 1);
  }
  state.lastBranch.set(branch.id, state.time);
  state.lastMuni.set(muniOf(branch), state.time);
  state.time += 1;
}

/** Replays past hosts (oldest first; unknown ids, e.g. closed branches, are skipped). */
function replay(branches: readonly RotationBranch[], history: readonly string[]): RoundState {
  const byId = new Map(branches.map((b) => [b.id, b]));
  const state: RoundState = { hosted: new Set(), muniCount: new Map(), lastBranch: new Map(), lastMuni: new Map(), time: 0 };
  for (const id of history) {
    const branch = byId.get(id);
    if (branch) record(state, branch, branches.length);
  }
  return state;
}

function pickNext(branches: readonly RotationBranch[], state: RoundState): RotationBranch {
  if (state.hosted.size >= branches.length) {
    state.hosted.clear();
    state.muniCount.clear();
  }
  const candidates = branches.filter((b) => !state.hosted.has(b.id));
  const key = (b: RotationBranch) => [
    state.muniCount.get(muniOf(b)) ?? 0,
    state.lastMuni.get(muniOf(b)) ?? -1,
    state.lastBranch.get(b.id) ?? -1,
    b.order,
  ];
  let best = candidates[0]!;
  let bestKey = key(best);
  for (const c of candidates.slice(1)) {
    const k = key(c);
    const i = k.findIndex((v, j) => v !== bestKey[j]);
    if (i >= 0 && k[i]! < bestKey[i]!) {
      best = c;
      bestKey = k;
    } else if (i < 0 && c.id < best.id) {
      best = c;
      bestKey = k;
    }
  }
  return best;
}

/**
 * Proposes hosts for the next `count` seminars, given the hosts of past seminars in the order they
 * were held. Returns branch ids; empty when there are no branches.
 */
export function proposeHosts(branches: readonly RotationBranch[], history: readonly string[], count: number): string[] {
  if (!branches.length || count <= 0) return [];
  const state = replay(branches, history);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const next = pickNext(branches, state);
    record(state, next, branches.length);
    out.push(next.id);
  }
  return out;
}

/** Which branches have hosted in the current round (after the given history). */
export function hostedInCurrentRound(branches: readonly RotationBranch[], history: readonly string[]): Set<string> {
  const state = replay(branches, history);
  return state.hosted.size >= branches.length ? new Set() : state.hosted;
}

/** Dates for `count` seminars spread evenly over a year: the 15th of evenly spaced months. */
export function spreadDates(year: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const month = Math.min(11, Math.floor(((i + 0.5) * 12) / count));
    return `${year}-${String(month + 1).padStart(2, '0')}-15`;
  });
}
