import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { revokeQuote, setQuotePolicy } from "../../statuses/quotes.ts";
import { forbidden } from "../../lib/errors.ts";
import { readParams, validate } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { serializeStatus, serializeStatuses } from "./entities/status.ts";

/** Quotes of a status (its author's view), revoking one, and who may quote it. */
export function statusQuoteRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  app.get("/api/v1/statuses/:id{[0-9]+}/quotes", authed(ctx, "read:statuses"), async (c) => {
    const me = viewerId(c);
    const id = c.req.param("id");
    const status = await serializeStatus(ctx, me, id);
    // As Mastodon: only the quoted author lists the quotes of a post.
    if ((status.account as { id: string }).id !== me) throw forbidden();
    const page = pageParams(c.req.query());
    const rows = await sql<{ id: string; statusId: string }[]>`
      select q.id, q.status_id from quotes q
      where q.quoted_status_id = ${id} and q.state = 'accepted' ${pageFilter(sql, page, "q.id")}
      ${pageOrder(sql, page, "q.id")} limit ${page.limit}`;
    const ordered = finishPage(rows, page);
    setLinkHeader(c, ctx.config.origin, ordered.map((r) => r.id));
    return c.json(await serializeStatuses(ctx, me, ordered.map((r) => r.statusId)));
  });

  app.post("/api/v1/statuses/:id{[0-9]+}/quotes/:quoting{[0-9]+}/revoke", authed(ctx, "write:statuses"), async (c) => {
    const me = viewerId(c);
    // Authors act only on quotes they can see (a followers-only quote may be hidden from them).
    await serializeStatus(ctx, me, c.req.param("quoting"));
    await revokeQuote(ctx, me, c.req.param("id"), c.req.param("quoting"));
    return c.json(await serializeStatus(ctx, me, c.req.param("quoting")));
  });

  app.put("/api/v1/statuses/:id{[0-9]+}/interaction_policy", authed(ctx, "write:statuses"), async (c) => {
    const p = validate(z.object({ quote_approval_policy: z.enum(["public", "followers", "nobody"]) }), await readParams(c));
    const me = viewerId(c);
    await setQuotePolicy(ctx, me, c.req.param("id"), p.quote_approval_policy);
    return c.json(await serializeStatus(ctx, me, c.req.param("id")));
  });

  return app;
}
