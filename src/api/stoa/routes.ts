import { Hono } from "hono";
import type { AppContext } from "../../context.ts";
import type { Env } from "../http/env.ts";
import { adminInstanceRoutes } from "./admin-instance.ts";
import { adminEmojiRoutes } from "./admin-emojis.ts";
import { adminAnnouncementRoutes } from "./admin-announcements.ts";

/** Stoa's own API (`/api/stoa/v1`), one module per resource. */
export function stoaRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  for (const routes of [adminInstanceRoutes, adminEmojiRoutes, adminAnnouncementRoutes]) app.route("/", routes(ctx));
  return app;
}
