import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { readParams, validate, zList } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";

interface MarkerRow {
  timeline: string;
  lastReadId: string;
  version: number;
  updatedAt: Date;
}

const TIMELINES = ["home", "notifications"] as const;

/** Reading positions in the home timeline and notifications, shared between a user's apps. */
export function markerRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  app.get("/api/v1/markers", authed(ctx, "read:statuses"), async (c) => {
    const p = validate(z.object({ timeline: zList(z.enum(TIMELINES)).optional() }), await readParams(c));
    const rows = await sql<MarkerRow[]>`
      select timeline, last_read_id, version, updated_at from markers
      where account_id = ${viewerId(c)} and timeline = any(${p.timeline ?? []})`;
    return c.json(Object.fromEntries(rows.map((r) => [r.timeline, markerEntity(r)])));
  });

  app.post("/api/v1/markers", authed(ctx, "write:statuses"), async (c) => {
    const marker = z.object({ last_read_id: z.string().refine(isId, "is not a valid id") }).optional();
    const p = validate(z.object({ home: marker, notifications: marker }), await readParams(c));
    const me = viewerId(c);
    const result: Record<string, unknown> = {};
    await sql.begin(async (tx) => {
      for (const timeline of TIMELINES) {
        const lastRead = p[timeline]?.last_read_id;
        if (!lastRead) continue;
        const [row] = await tx<MarkerRow[]>`
          insert into markers (account_id, timeline, last_read_id) values (${me}, ${timeline}, ${lastRead})
          on conflict (account_id, timeline) do update set last_read_id = excluded.last_read_id, version = markers.version + 1, updated_at = now()
          returning timeline, last_read_id, version, updated_at`;
        result[timeline] = markerEntity(row!);
      }
    });
    return c.json(result);
  });

  return app;
}

function markerEntity(r: MarkerRow) {
  return { last_read_id: r.lastReadId, version: r.version, updated_at: new Date(r.updatedAt).toISOString() };
}
