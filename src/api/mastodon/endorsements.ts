import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { requireAvailableAccount } from "../../accounts/lookup.ts";
import { endorseAccount, setAccountNote, unendorseAccount } from "../../social/endorsements.ts";
import { collectionPage } from "../../social/collections.ts";
import { findRelationship } from "../../social/relationships.ts";
import { authed, viewerId } from "../http/auth.ts";
import { pageParams } from "../http/pagination.ts";
import { readParams, validate } from "../http/params.ts";
import { scopeIfToken } from "../http/scope-if-token.ts";
import type { Env } from "../http/env.ts";
import { accountPageResponse } from "./account-pages.ts";
import { serializeRelationship } from "./entities/relationship.ts";

// Checked again in the domain; the generous cap here only bounds what we read.
const noteSchema = z.object({ comment: z.string().max(20_000).optional() });

/** Endorsed ("featured") accounts and personal notes about accounts. */
export function endorsementRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const relationship = async (viewer: string, id: string) => serializeRelationship(await findRelationship(ctx.sql, viewer, id));

  app.post("/api/v1/accounts/:id{[0-9]+}/pin", authed(ctx, "write:accounts"), async (c) => {
    await endorseAccount(ctx, viewerId(c), c.req.param("id"));
    return c.json(await relationship(viewerId(c), c.req.param("id")));
  });

  // Mastodon 4.4 names them endorse/unendorse; pin/unpin remain for older clients.
  app.post("/api/v1/accounts/:id{[0-9]+}/endorse", authed(ctx, "write:accounts"), async (c) => {
    await endorseAccount(ctx, viewerId(c), c.req.param("id"));
    return c.json(await relationship(viewerId(c), c.req.param("id")));
  });

  for (const action of ["unpin", "unendorse"]) {
    app.post(`/api/v1/accounts/:id{[0-9]+}/${action}`, authed(ctx, "write:accounts"), async (c) => {
      await unendorseAccount(ctx, viewerId(c), c.req.param("id"));
      return c.json(await relationship(viewerId(c), c.req.param("id")));
    });
  }

  app.get("/api/v1/endorsements", authed(ctx, "read:accounts"), async (c) => {
    const items = await collectionPage(ctx.sql, viewerId(c), "endorsements", pageParams(c.req.query(), 40, 80));
    return accountPageResponse(ctx, c, items);
  });

  app.get("/api/v1/accounts/:id{[0-9]+}/endorsements", scopeIfToken(ctx, "read:accounts"), async (c) => {
    const owner = await requireAvailableAccount(ctx.sql, c.req.param("id"));
    const items = await collectionPage(ctx.sql, owner.id, "endorsements", pageParams(c.req.query(), 40, 80));
    return accountPageResponse(ctx, c, items);
  });

  app.post("/api/v1/accounts/:id{[0-9]+}/note", authed(ctx, "write:accounts"), async (c) => {
    const p = validate(noteSchema, await readParams(c));
    await setAccountNote(ctx, viewerId(c), c.req.param("id"), p.comment ?? "");
    return c.json(await relationship(viewerId(c), c.req.param("id")));
  });

  return app;
}
