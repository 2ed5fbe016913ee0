/** The app's screens, addressed by normal paths (history API, no `#`). */
export type Route =
  | { name: "root" }
  | { name: "home" }
  | { name: "notifications" }
  | { name: "callback" }
  | { name: "profile"; acct: string }
  | { name: "status"; acct: string; id: string }
  | { name: "not-found" };

/** Maps a path to its screen. */
export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
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
