import type { Status } from "../api/types.ts";

/** Indentation stops here: deeper replies keep the line readable on a 320 px phone. */
export const MAX_DEPTH = 5;

export interface ThreadRow {
  status: Status;
  /** 0 for direct replies to the focused post, capped at MAX_DEPTH. */
  depth: number;
  /** The post it answers is not here (not fetched from its server, or not visible to us). */
  gap: boolean;
}

/**
 * The replies under `rootId` in reading order: each reply followed by its own replies, siblings
 * oldest first. Iterative, so a reply chain a thousand deep cannot exhaust the stack.
 */
export function threadRows(rootId: string, descendants: readonly Status[]): ThreadRow[] {
  const known = new Set([rootId, ...descendants.map((s) => s.id)]);
  const children = new Map<string, Status[]>();
  const orphans: Status[] = [];
  for (const status of descendants) {
    const parent = status.in_reply_to_id;
    if (parent && known.has(parent)) children.set(parent, [...(children.get(parent) ?? []), status]);
    else orphans.push(status);
  }
  const rows: ThreadRow[] = [];
  const stack: { status: Status; depth: number; gap: boolean }[] = [];
  const pushChildren = (list: readonly Status[], depth: number, gap: boolean) => {
    for (let i = list.length - 1; i >= 0; i--) stack.push({ status: list[i]!, depth, gap });
  };
  pushChildren([...(children.get(rootId) ?? []), ...orphans].sort(byAge), 0, false);
  const orphanIds = new Set(orphans.map((s) => s.id));
  while (stack.length) {
    const { status, depth } = stack.pop()!;
    rows.push({ status, depth: Math.min(depth, MAX_DEPTH), gap: orphanIds.has(status.id) });
    pushChildren((children.get(status.id) ?? []).sort(byAge), depth + 1, false);
  }
  return rows;
}

function byAge(a: Status, b: Status): number {
  return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0;
}
