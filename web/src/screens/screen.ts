import type { Route } from "../router.ts";

/** What every screen receives from the shell. */
export interface ScreenProps {
  route: Route;
  /** Bumped by the n shortcut: the screen with a compose field focuses it. */
  focusRequest: number;
}
