import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { addReaction, dismissAnnouncement, loadAnnouncements, removeReaction } from "../../announcements/announcements.ts";
import { readParams, validate, zBool } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeAnnouncements } from "./entities/announcement.ts";

/** Announcements from the instance's admins: list, dismiss, react. */
export function announcementRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  app.get("/api/v1/announcements", authed(ctx, "read:accounts"), async (c) => {
    const p = validate(z.object({ with_dismissed: zBool.default(false) }), await readParams(c));
    return c.json(await serializeAnnouncements(ctx, await loadAnnouncements(sql, viewerId(c), { withDismissed: p.with_dismissed })));
  });

  app.post("/api/v1/announcements/:id/dismiss", authed(ctx, "write:accounts"), async (c) => {
    await dismissAnnouncement(sql, viewerId(c), c.req.param("id"));
    return c.json({});
  });

  app.put("/api/v1/announcements/:id/reactions/:name", authed(ctx, "write:favourites"), async (c) => {
    await addReaction(sql, viewerId(c), c.req.param("id"), c.req.param("name"));
    return c.json({});
  });

  app.delete("/api/v1/announcements/:id/reactions/:name", authed(ctx, "write:favourites"), async (c) => {
    await removeReaction(sql, viewerId(c), c.req.param("id"), c.req.param("name"));
    return c.json({});
  });

  return app;
}
