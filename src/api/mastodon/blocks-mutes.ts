import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { blockAccount, unblockAccount } from "../../social/blocks.ts";
import { muteAccount, unmuteAccount } from "../../social/mutes.ts";
import { blockDomain, unblockDomain } from "../../social/domain-blocks.ts";
import { domainBlockPage } from "../../social/domain-block-list.ts";
import { collectionPage } from "../../social/collections.ts";
import { findRelationship } from "../../social/relationships.ts";
import { authed, viewerId } from "../http/auth.ts";
import { pageParams, setLinkHeader } from "../http/pagination.ts";
import { readParams, validate, zBool, zInt } from "../http/params.ts";
import type { Env } from "../http/env.ts";
import { accountPageResponse } from "./account-pages.ts";
import { serializeRelationship } from "./entities/relationship.ts";

const muteSchema = z.object({
  notifications: zBool.optional(),
  // At most a year: longer is what "indefinitely" (0) is for.
  duration: zInt.min(0).max(366 * 24 * 3600).optional(),
});

const domainSchema = z.object({ domain: z.string().min(1).max(253) });

/** Blocks, mutes and per-user domain blocks. */
export function blockMuteRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const relationship = async (viewer: string, id: string) => serializeRelationship(await findRelationship(ctx.sql, viewer, id));

  app.post("/api/v1/accounts/:id{[0-9]+}/block", authed(ctx, "write:blocks"), async (c) => {
    await blockAccount(ctx, viewerId(c), c.req.param("id"));
    return c.json(await relationship(viewerId(c), c.req.param("id")));
  });

  app.post("/api/v1/accounts/:id{[0-9]+}/unblock", authed(ctx, "write:blocks"), async (c) => {
    await unblockAccount(ctx, viewerId(c), c.req.param("id"));
    return c.json(await relationship(viewerId(c), c.req.param("id")));
  });

  app.get("/api/v1/blocks", authed(ctx, "read:blocks"), async (c) => {
    const items = await collectionPage(ctx.sql, viewerId(c), "blocks", pageParams(c.req.query(), 40, 80));
    return accountPageResponse(ctx, c, items);
  });

  app.post("/api/v1/accounts/:id{[0-9]+}/mute", authed(ctx, "write:mutes"), async (c) => {
    const p = validate(muteSchema, await readParams(c));
    await muteAccount(ctx, viewerId(c), c.req.param("id"), { notifications: p.notifications, duration: p.duration });
    return c.json(await relationship(viewerId(c), c.req.param("id")));
  });

  app.post("/api/v1/accounts/:id{[0-9]+}/unmute", authed(ctx, "write:mutes"), async (c) => {
    await unmuteAccount(ctx, viewerId(c), c.req.param("id"));
    return c.json(await relationship(viewerId(c), c.req.param("id")));
  });

  app.get("/api/v1/mutes", authed(ctx, "read:mutes"), async (c) => {
    const items = await collectionPage(ctx.sql, viewerId(c), "mutes", pageParams(c.req.query(), 40, 80));
    return accountPageResponse(ctx, c, items, { muteExpiry: true });
  });

  app.get("/api/v1/domain_blocks", authed(ctx, "read:blocks"), async (c) => {
    const rows = await domainBlockPage(ctx.sql, viewerId(c), pageParams(c.req.query(), 100, 200));
    setLinkHeader(c, ctx.config.origin, rows.map((r) => r.pageId));
    return c.json(rows.map((r) => r.domain));
  });

  app.post("/api/v1/domain_blocks", authed(ctx, "write:blocks"), async (c) => {
    const p = validate(domainSchema, await readParams(c));
    await blockDomain(ctx, viewerId(c), p.domain);
    return c.json({});
  });

  app.delete("/api/v1/domain_blocks", authed(ctx, "write:blocks"), async (c) => {
    const p = validate(domainSchema, await readParams(c));
    await unblockDomain(ctx, viewerId(c), p.domain);
    return c.json({});
  });

  return app;
}
