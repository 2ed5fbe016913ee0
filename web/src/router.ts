/** The app's screens, addressed by normal paths (history API, no `#`). */
export type Route =
  | { name: "root" }
  | { name: "home" }
  | { name: "notifications" }
  | { name: "callback" }
  | { name: "profile"; acct: string }
  | { name: "status"; acct: string; id: string }
  | { name: "timeline"; kind: TimelineKind; param?: string }
  | { name: "search"; query: string }
  | { name: "settings" }
  | { name: "people"; kind: PeopleKind }
  | { name: "lists" }
  | { name: "filters" }
  | { name: "not-found" };

/** Lists of accounts to manage: who asks to follow, who is muted, who is blocked. */
export type PeopleKind = "requests" | "mutes" | "blocks";

const PEOPLE: Record<string, PeopleKind> = { "/follow_requests": "requests", "/mutes": "mutes", "/blocks": "blocks" };

/** The timelines other than home, each at its own path. */
export type TimelineKind = "local" | "federated" | "tag" | "list" | "bookmarks" | "favourites";

const FIXED_TIMELINES: Record<string, TimelineKind> = {
  "/public/local": "local", "/public": "federated", "/bookmarks": "bookmarks", "/favourites": "favourites",
};

/** Maps a path (and its query, for search) to its screen. */
export function parseRoute(pathname: string, search = ""): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  const fixed = FIXED_TIMELINES[path];
  if (fixed) return { name: "timeline", kind: fixed };
  const tag = /^\/tags\/([^/]+)$/.exec(path);
  if (tag) return { name: "timeline", kind: "tag", param: decodeURIComponent(tag[1]!) };
  const list = /^\/lists\/(\d+)$/.exec(path);
  if (list) return { name: "timeline", kind: "list", param: list[1]! };
  if (path === "/settings") return { name: "settings" };
  if (path === "/lists") return { name: "lists" };
  if (path === "/filters") return { name: "filters" };
  const people = PEOPLE[path];
  if (people) return { name: "people", kind: people };
  if (path === "/search" || path === "/explore") return { name: "search", query: new URLSearchParams(search).get("q") ?? "" };
  if (path === "/") return { name: "root" };
  if (path === "/home") return { name: "home" };
  if (path === "/notifications") return { name: "notifications" };
  if (path === "/oauth-callback") return { name: "callback" };
  const profile = /^\/@([^/]+)$/.exec(path);
  if (profile) return { name: "profile", acct: decodeURIComponent(profile[1]!) };
  const status = /^\/@([^/]+)\/(\d+)$/.exec(path);
  if (status) return { name: "status", acct: decodeURIComponent(status[1]!), id: status[2]! };
  return { name: "not-found" };
}

/** The in-app path of a profile. */
export const profilePath = (acct: string) => `/@${acct}`;

/** The in-app path of a status. */
export const statusPath = (acct: string, id: string) => `/@${acct}/${id}`;

/** Only same-app paths may be followed after login (never `//other.example`). */
export function isAppPath(path: string): boolean {
  return /^\/(?!\/)/.test(path);
}
