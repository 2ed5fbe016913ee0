/** Poll data as the status query embeds it (keys camelCased by postgres.camel). */
export interface PollData {
  id: string;
  expiresAt: string | null;
  expired: boolean;
  multiple: boolean;
  votesCount: number;
  votersCount: number;
  options: string[];
  votes: number[];
  hideTotals: boolean;
  ownVotes: number[];
  author: string;
}

/** Mastodon's Poll entity; hidden totals stay hidden until the poll ends, except from its author. */
export function serializePoll(p: PollData, viewerId: string | null): Record<string, unknown> {
  const showTotals = !p.hideTotals || p.expired || viewerId === p.author;
  return {
    id: p.id,
    expires_at: p.expiresAt ? new Date(p.expiresAt).toISOString() : null,
    expired: p.expired,
    multiple: p.multiple,
    votes_count: p.votesCount,
    voters_count: p.multiple ? p.votersCount : null,
    options: p.options.map((title, i) => ({ title, votes_count: showTotals ? (p.votes[i] ?? 0) : null })),
    emojis: [],
    ...(viewerId ? { voted: p.ownVotes.length > 0 || viewerId === p.author, own_votes: p.ownVotes } : {}),
  };
}
