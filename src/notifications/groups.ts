/** Types whose notifications group together (grouped notifications, v2), as Mastodon's. */
export const GROUPED_TYPES = ["favourite", "follow", "reblog"] as const;

/** A group spans at most this many hours from its first notification, as Mastodon's. */
export const MAX_GROUP_SPAN_HOURS = 12;

export function isGroupedType(type: string): boolean {
  return (GROUPED_TYPES as readonly string[]).includes(type);
}

/**
 * The stem of a grouped notification's key (`favourite-<statusId>`, `follow`), or null when the
 * type does not group. The stored key adds the hour bucket in which the group started.
 */
export function groupStem(type: string, statusId: string | null | undefined): string | null {
  if ((type === "favourite" || type === "reblog") && statusId) return `${type}-${statusId}`;
  if (type === "follow") return "follow";
  return null;
}

/** The hour bucket of a moment (hours since the epoch). */
export function hourBucket(at: Date): number {
  return Math.floor(at.getTime() / 3_600_000);
}
