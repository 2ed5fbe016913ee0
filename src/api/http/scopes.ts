/**
 * OAuth scopes as Mastodon defines them: top-level scopes grant every granular scope below
 * them, and the legacy `follow` scope grants the relationship scopes.
 */
export const TOP_SCOPES = ["read", "write", "follow", "push", "profile"] as const;

export const GRANULAR_SCOPES = [
  "read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters", "read:follows",
  "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses",
  "write:accounts", "write:blocks", "write:bookmarks", "write:conversations", "write:favourites",
  "write:filters", "write:follows", "write:lists", "write:media", "write:mutes", "write:notifications",
  "write:reports", "write:statuses",
  "admin:read", "admin:write", "admin:read:accounts", "admin:read:reports", "admin:read:domain_blocks",
  "admin:write:accounts", "admin:write:reports", "admin:write:domain_blocks",
] as const;

const FOLLOW_GRANTS = ["read:blocks", "write:blocks", "read:follows", "write:follows", "read:mutes", "write:mutes"];

const known = new Set<string>([...TOP_SCOPES, ...GRANULAR_SCOPES]);

/** Parses a space- or plus-separated scope string; unknown scopes yield `null`. */
export function parseScopes(value: string | undefined, fallback = "read"): string[] | null {
  const scopes = (value ?? fallback).split(/[\s+]+/).filter(Boolean);
  if (scopes.length === 0) return [fallback];
  return scopes.every((s) => known.has(s)) ? [...new Set(scopes)] : null;
}

/** Whether a set of granted scopes allows `required` (e.g. `read:statuses`). */
export function grants(granted: readonly string[], required: string): boolean {
  if (granted.includes(required)) return true;
  const parts = required.split(":");
  if (parts[0] === "admin") return parts.length === 3 && granted.includes(`admin:${parts[1]}`);
  if (parts[0] && granted.includes(parts[0])) return true;
  return granted.includes("follow") && FOLLOW_GRANTS.includes(required);
}

/** Whether every requested scope is within what an app registered. */
export function withinScopes(requested: readonly string[], registered: readonly string[]): boolean {
  return requested.every((s) => registered.includes(s) || grants(registered, s));
}
