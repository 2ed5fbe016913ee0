import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { followAccount, removeFromFollowers, unfollowAccount } from "../../social/follows.ts";
import { authorizeFollowRequest, rejectFollowRequest } from "../../social/follow-requests.ts";
import { collectionPage } from "../../social/collections.ts";
import { findRelationship } from "../../social/relationships.ts";
import { authed, viewerId } from "../http/auth.ts";
import { pageParams } from "../http/pagination.ts";
import { readParams, validate, zBool, zList } from "../http/params.ts";
import type { Env } from "../http/env.ts";
import { accountPageResponse } from "./account-pages.ts";
import { serializeRelationship } from "./entities/relationship.ts";

const followSchema = z.object({
  reblogs: zBool.optional(),
  notify: zBool.optional(),
  languages: zList(z.string().regex(/^[a-zA-Z]{2,3}$/, "must be ISO 639 codes")).pipe(z.array(z.string()).max(100)).optional(),
});

/** Following, unfollowing and follow requests. */
export function followRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const relationship = async (viewer: string, id: string) => serializeRelationship(await findRelationship(ctx.sql, viewer, id));

  app.post("/api/v1/accounts/:id{[0-9]+}/follow", authed(ctx, "write:follows"), async (c) => {
    const p = validate(followSchema, await readParams(c));
    const languages = p.languages === undefined ? undefined : p.languages.length ? p.languages.map((l) => l.toLowerCase()) : null;
    await followAccount(ctx, viewerId(c), c.req.param("id"), { reblogs: p.reblogs, notify: p.notify, languages });
    return c.json(await relationship(viewerId(c), c.req.param("id")));
  });

  app.post("/api/v1/accounts/:id{[0-9]+}/unfollow", authed(ctx, "write:follows"), async (c) => {
    await unfollowAccount(ctx, viewerId(c), c.req.param("id"));
    return c.json(await relationship(viewerId(c), c.req.param("id")));
  });

  app.post("/api/v1/accounts/:id{[0-9]+}/remove_from_followers", authed(ctx, "write:follows"), async (c) => {
    await removeFromFollowers(ctx, viewerId(c), c.req.param("id"));
    return c.json(await relationship(viewerId(c), c.req.param("id")));
  });

  app.get("/api/v1/follow_requests", authed(ctx, "read:follows"), async (c) => {
    const items = await collectionPage(ctx.sql, viewerId(c), "follow_requests", pageParams(c.req.query(), 40, 80));
    return accountPageResponse(ctx, c, items);
  });

  app.get("/api/v1/follow_requests/outgoing", authed(ctx, "read:follows"), async (c) => {
    const items = await collectionPage(ctx.sql, viewerId(c), "outgoing_follow_requests", pageParams(c.req.query(), 40, 80));
    return accountPageResponse(ctx, c, items);
  });

  app.post("/api/v1/follow_requests/:id{[0-9]+}/authorize", authed(ctx, "write:follows"), async (c) => {
    await authorizeFollowRequest(ctx, viewerId(c), c.req.param("id"));
    return c.json(await relationship(viewerId(c), c.req.param("id")));
  });

  app.post("/api/v1/follow_requests/:id{[0-9]+}/reject", authed(ctx, "write:follows"), async (c) => {
    await rejectFollowRequest(ctx, viewerId(c), c.req.param("id"));
    return c.json(await relationship(viewerId(c), c.req.param("id")));
  });

  return app;
}
