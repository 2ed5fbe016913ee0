import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { requireAvailableAccount } from "../../accounts/lookup.ts";
import { featureTag, listFeaturedTags, suggestFeaturedTags, unfeatureTag } from "../../social/featured-tags.ts";
import { authed, viewerId } from "../http/auth.ts";
import { readParams, validate } from "../http/params.ts";
import { scopeIfToken } from "../http/scope-if-token.ts";
import type { Env } from "../http/env.ts";
import { serializeFeaturedTag } from "./entities/featured-tag.ts";

/** Hashtags featured on profiles. */
export function featuredTagRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const origin = ctx.config.origin;

  const ownTags = async (accountId: string) => {
    const account = await requireAvailableAccount(ctx.sql, accountId);
    return (await listFeaturedTags(ctx.sql, account.id)).map((t) => serializeFeaturedTag(origin, account.username, t));
  };

  app.get("/api/v1/featured_tags", authed(ctx, "read:accounts"), async (c) => c.json(await ownTags(viewerId(c))));

  app.get("/api/v1/accounts/:id{[0-9]+}/featured_tags", scopeIfToken(ctx, "read:accounts"), async (c) => {
    return c.json(await ownTags(c.req.param("id")));
  });

  app.post("/api/v1/featured_tags", authed(ctx, "write:accounts"), async (c) => {
    const p = validate(z.object({ name: z.string().min(1).max(500) }), await readParams(c));
    const account = await requireAvailableAccount(ctx.sql, viewerId(c));
    return c.json(serializeFeaturedTag(origin, account.username, await featureTag(ctx.sql, account.id, p.name)));
  });

  app.delete("/api/v1/featured_tags/:id", authed(ctx, "write:accounts"), async (c) => {
    await unfeatureTag(ctx.sql, viewerId(c), c.req.param("id"));
    return c.json({});
  });

  app.get("/api/v1/featured_tags/suggestions", authed(ctx, "read:accounts"), async (c) => {
    const tags = await suggestFeaturedTags(ctx.sql, viewerId(c));
    return c.json(tags.map((t) => ({
      id: t.id,
      name: t.name,
      url: `${origin}/tags/${encodeURIComponent(t.name.toLowerCase())}`,
      history: [],
      following: t.following,
    })));
  });

  return app;
}
