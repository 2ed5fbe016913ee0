import type { Auth } from "./auth.ts";

/** Hono environment of every route: the request's authentication, when there is one. */
export interface Env {
  Variables: {
    auth: Auth | undefined;
  };
}
