import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { vote } from "../../statuses/polls.ts";
import { notFound } from "../../lib/errors.ts";
import { readParams, validate, zList } from "../http/params.ts";
import { authed, optionalViewerId, tokenOptional, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeStatus } from "./entities/status.ts";

/** Reading polls and voting in them. */
export function pollRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  async function pollOf(viewer: string | null, pollId: string) {
    const [row] = await ctx.sql<{ statusId: string }[]>`select status_id from polls where id = ${pollId}`;
    if (!row) throw notFound();
    const status = await serializeStatus(ctx, viewer, row.statusId);
    return status.poll;
  }

  app.get("/api/v1/polls/:id{[0-9]+}", tokenOptional(ctx), async (c) => c.json(await pollOf(optionalViewerId(c), c.req.param("id"))));

  app.post("/api/v1/polls/:id{[0-9]+}/votes", authed(ctx, "write:statuses"), async (c) => {
    const p = validate(z.object({ choices: zList(z.coerce.number().int()) }), await readParams(c));
    await vote(ctx, viewerId(c), c.req.param("id"), p.choices);
    return c.json(await pollOf(viewerId(c), c.req.param("id")));
  });

  return app;
}
