/**
 * Liquid delegation: whose vote carries whose weight in one decision.
 *
 * Rules (DESIGN §5, as LiquidFeedback counts them):
 * - A decision has a scope path from broadest to narrowest (e.g. `["global", "unit:1",
 *   "area:3"]`). For each member only the delegation in the most specific scope of that path
 *   applies: an area delegation overrides a unit one, which overrides a global one.
 * - Delegation is transitive: a vote follows trustees until it reaches someone who voted.
 * - Voting directly overrides one's own delegation (the chain stops at a direct voter).
 * - A chain that loops, or ends at someone who neither voted nor delegated, gives no vote:
 *   that weight counts as not voting.
 * - Optional `maxWeight`: a voter counts at most that much weight (own vote included); the
 *   excess counts as not voting. Weight is conserved: counted + lost = members.
 * Revocation needs nothing here: a revoked delegation is simply absent from the input.
 *
 * Built for a million members: ids are mapped to indices once, trustees are found in O(1),
 * chains are resolved with memoisation, and delegated weight is summed in one pass ordered by
 * depth. Per-member chains are produced on demand by `chainOf`.
 */

/** A member id. */
export type MemberId = string;
/** A scope id, e.g. "global", "unit:1", "area:3", "topic:moderation". */
export type ScopeId = string;

/** One member's delegation of their vote to a trustee in a scope. */
export interface Delegation {
  truster: MemberId;
  trustee: MemberId;
  scope: ScopeId;
}

export interface DelegationInput {
  /** Members entitled to take part; each has a weight of 1. */
  members: readonly MemberId[];
  delegations: readonly Delegation[];
  /** The decision's scopes, broadest first; delegations in other scopes are ignored. */
  scopePath: readonly ScopeId[];
  /** Members who voted (or, for a population count, who take part) themselves. */
  directVoters: Iterable<MemberId>;
  /** Largest weight one voter may carry, own vote included. */
  maxWeight?: number;
}

/** Where one member's vote goes. */
export interface MemberVote {
  status: "direct" | "delegated" | "loop" | "dead-end" | "abstained";
  /** Trustees followed, in order, ending at the voter who casts the vote (empty when direct). */
  chain: MemberId[];
  /** The member whose ballot carries this vote, or null when it is lost. */
  castBy: MemberId | null;
  /** Scope of the delegation the member's own vote follows first, if any. */
  scope: ScopeId | null;
  /** Weight passing through this member and reaching a voter (own vote included), before any cap. */
  weight: number;
}

export interface DelegationResult {
  /** Weight each direct voter casts (after the cap). */
  weights: Map<MemberId, number>;
  /** Total weight cast by voters. */
  counted: number;
  /** Weight lost to loops, dead ends, abstention and the cap. */
  lost: number;
  /** Weight removed by the cap (part of `lost`). */
  capped: number;
  /** "Where does my vote go" for one member; undefined for non-members. */
  chainOf(member: MemberId): MemberVote | undefined;
}

const UNRESOLVED = -1;
const LOST = -2;
const IN_PROGRESS = -3;

/** Resolves delegations for one decision. Pure: the input is not modified. */
export function resolveDelegations(input: DelegationInput): DelegationResult {
  const indexOf = new Map<MemberId, number>();
  for (const member of input.members) if (!indexOf.has(member)) indexOf.set(member, indexOf.size);
  const n = indexOf.size;
  const voted = new Uint8Array(n);
  for (const voter of input.directVoters) {
    const v = indexOf.get(voter);
    if (v !== undefined) voted[v] = 1;
  }
  const { trusteeOf, scopeOf } = effectiveDelegations(input, indexOf);
  const { castBy, depth } = resolveChains(trusteeOf, voted);
  const through = weightThrough(trusteeOf, castBy, depth);

  const ids = [...indexOf.keys()];
  const weights = new Map<MemberId, number>();
  let counted = 0;
  let capped = 0;
  const cap = input.maxWeight ?? Infinity;
  for (let i = 0; i < n; i++) {
    if (!voted[i]) continue;
    const weight = Math.min(through[i]!, cap);
    capped += through[i]! - weight;
    counted += weight;
    weights.set(ids[i]!, weight);
  }
  return {
    weights,
    counted,
    lost: n - counted,
    capped,
    chainOf: (member) => describeMember(member, { indexOf, ids, trusteeOf, scopeOf, castBy, voted, through, scopePath: input.scopePath }),
  };
}

/** For each member, the trustee of the most specific applicable delegation (or -1). */
function effectiveDelegations(input: DelegationInput, indexOf: Map<MemberId, number>) {
  const specificity = new Map(input.scopePath.map((scope, level) => [scope, level]));
  const n = indexOf.size;
  const trusteeOf = new Int32Array(n).fill(-1);
  const scopeOf = new Int32Array(n).fill(-1);
  for (const { truster, trustee, scope } of input.delegations) {
    const level = specificity.get(scope);
    const from = indexOf.get(truster);
    const to = indexOf.get(trustee);
    if (level === undefined || from === undefined || to === undefined || from === to) continue;
    if (level > scopeOf[from]!) {
      scopeOf[from] = level;
      trusteeOf[from] = to;
    }
  }
  return { trusteeOf, scopeOf };
}

/** castBy[i]: index of the voter casting i's vote, or LOST; depth[i]: hops to that voter. */
function resolveChains(trusteeOf: Int32Array, voted: Uint8Array) {
  const n = trusteeOf.length;
  const castBy = new Int32Array(n).fill(UNRESOLVED);
  const depth = new Int32Array(n);
  const path: number[] = [];
  for (let start = 0; start < n; start++) {
    let i = start;
    while (castBy[i] === UNRESOLVED) {
      if (voted[i]) {
        castBy[i] = i;
        break;
      }
      const next = trusteeOf[i]!;
      castBy[i] = IN_PROGRESS;
      path.push(i);
      if (next < 0) break;
      i = next;
    }
    // i is now a voter, a resolved member, a dead end (on the path) or a loop point.
    const end = castBy[i] === IN_PROGRESS ? LOST : castBy[i]!;
    let hops = end >= 0 ? depth[i]! : 0;
    for (let k = path.length - 1; k >= 0; k--) {
      const member = path[k]!;
      castBy[member] = end;
      depth[member] = end >= 0 ? ++hops : 0;
    }
    path.length = 0;
  }
  return { castBy, depth };
}

/** Weight reaching a voter through each member (own included), summed deepest first. */
function weightThrough(trusteeOf: Int32Array, castBy: Int32Array, depth: Int32Array): Float64Array {
  const n = trusteeOf.length;
  const through = new Float64Array(n);
  let maxDepth = 0;
  for (let i = 0; i < n; i++) if (castBy[i]! >= 0 && depth[i]! > maxDepth) maxDepth = depth[i]!;
  // Counting sort by depth so that every member is finished before its trustee.
  const perDepth = new Int32Array(maxDepth + 2);
  for (let i = 0; i < n; i++) if (castBy[i]! >= 0) perDepth[depth[i]! + 1]!++;
  for (let dpt = 1; dpt < perDepth.length; dpt++) perDepth[dpt]! += perDepth[dpt - 1]!;
  const order = new Int32Array(perDepth[perDepth.length - 1]!);
  for (let i = 0; i < n; i++) if (castBy[i]! >= 0) order[perDepth[depth[i]!]!++] = i;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!;
    through[i]! += 1;
    if (depth[i]! > 0) through[trusteeOf[i]!]! += through[i]!;
  }
  return through;
}

interface ResolvedState {
  indexOf: Map<MemberId, number>;
  ids: MemberId[];
  trusteeOf: Int32Array;
  scopeOf: Int32Array;
  castBy: Int32Array;
  voted: Uint8Array;
  through: Float64Array;
  scopePath: readonly ScopeId[];
}

function describeMember(member: MemberId, s: ResolvedState): MemberVote | undefined {
  const i = s.indexOf.get(member);
  if (i === undefined) return undefined;
  const scope = s.voted[i] || s.scopeOf[i]! < 0 ? null : s.scopePath[s.scopeOf[i]!]!;
  if (s.voted[i]) return { status: "direct", chain: [], castBy: member, scope, weight: s.through[i]! };
  if (s.trusteeOf[i]! < 0) return { status: "abstained", chain: [], castBy: null, scope, weight: 0 };
  const chain: MemberId[] = [];
  const seen = new Set<number>([i]);
  let j = s.trusteeOf[i]!;
  while (j >= 0 && !seen.has(j)) {
    chain.push(s.ids[j]!);
    seen.add(j);
    if (s.voted[j]) break;
    j = s.trusteeOf[j]!;
  }
  if (s.castBy[i]! >= 0) return { status: "delegated", chain, castBy: s.ids[s.castBy[i]!]!, scope, weight: s.through[i]! };
  return { status: j >= 0 ? "loop" : "dead-end", chain, castBy: null, scope, weight: 0 };
}
