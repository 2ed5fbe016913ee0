import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { allAnnouncements, createAnnouncement, deleteAnnouncement, setPublished } from "../../announcements/announcements.ts";
import { readParams, validate, zBool } from "../http/params.ts";
import type { Env } from "../http/env.ts";
import { adminRequired } from "./admin.ts";

const zDate = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.date().optional());
const announcementSchema = z.object({
  text: z.string().trim().min(1).max(5000),
  starts_at: zDate,
  ends_at: zDate,
  all_day: zBool.default(false),
  publish: zBool.default(false),
});

/** Admins write announcements (drafts unless `publish`), publish or withdraw them, list and delete them. */
export function adminAnnouncementRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.post("/api/stoa/v1/admin/announcements", adminRequired(ctx), async (c) => {
    const p = validate(announcementSchema, await readParams(c));
    const id = await createAnnouncement(ctx, { text: p.text, startsAt: p.starts_at ?? null, endsAt: p.ends_at ?? null, allDay: p.all_day, publish: p.publish });
    return c.json({ id, published: p.publish });
  });

  app.get("/api/stoa/v1/admin/announcements", adminRequired(ctx), async (c) => {
    const rows = await allAnnouncements(ctx.sql);
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return c.json(rows.map((r) => ({
      id: r.id, text: r.text, published: r.published, starts_at: iso(r.startsAt), ends_at: iso(r.endsAt), all_day: r.allDay, published_at: iso(r.publishedAt),
    })));
  });

  app.delete("/api/stoa/v1/admin/announcements/:id", adminRequired(ctx), async (c) => {
    await deleteAnnouncement(ctx.sql, c.req.param("id"));
    return c.json({});
  });

  for (const [action, published] of [["publish", true], ["unpublish", false]] as const) {
    app.post(`/api/stoa/v1/admin/announcements/:id/${action}`, adminRequired(ctx), async (c) => {
      await setPublished(ctx.sql, c.req.param("id"), published);
      return c.json({ id: c.req.param("id"), published });
    });
  }

  return app;
}
