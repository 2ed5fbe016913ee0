import type { ComponentType } from "preact";
import type { Route } from "../router.ts";
import type { ScreenProps } from "./screen.ts";

type Loader = () => Promise<{ default: ComponentType<ScreenProps> }>;

/** Each screen is its own chunk, downloaded when first visited. */
export const SCREENS: Record<Exclude<Route["name"], "root" | "not-found">, Loader> & { landing: Loader } = {
  landing: () => import("./landing.tsx"),
  home: () => import("./home.tsx"),
  notifications: () => import("./notifications.tsx"),
  profile: () => import("./profile.tsx"),
  status: () => import("./status.tsx"),
  callback: () => import("./callback.tsx"),
  timeline: () => import("./timeline.tsx"),
  search: () => import("./search.tsx"),
  settings: () => import("./settings.tsx"),
  people: () => import("./people.tsx"),
  lists: () => import("./lists.tsx"),
  filters: () => import("./filters.tsx"),
};

/** Screens that only make sense with an account. */
export const NEEDS_LOGIN = new Set<string>(["home", "notifications", "timeline", "search", "settings", "people", "lists", "filters"]);
