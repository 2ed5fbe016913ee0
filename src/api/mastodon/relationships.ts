import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { requireAvailableAccount } from "../../accounts/lookup.ts";
import { collectionPage } from "../../social/collections.ts";
import { mayListConnections } from "../../social/collection-access.ts";
import { familiarFollowers } from "../../social/familiar-followers.ts";
import { findRelationships } from "../../social/relationships.ts";
import { isId } from "../../lib/ids.ts";
import { authed, optionalViewerId, viewerId } from "../http/auth.ts";
import { pageParams } from "../http/pagination.ts";
import { readParams, validate, zBool, zList } from "../http/params.ts";
import { scopeIfToken } from "../http/scope-if-token.ts";
import type { Env } from "../http/env.ts";
import { accountPageResponse } from "./account-pages.ts";
import { serializeAccountsById } from "./entities/account-list.ts";
import { serializeRelationship } from "./entities/relationship.ts";

/** Account ids from `id[]`; malformed ones are skipped as unknown ones are. */
const idsSchema = z.object({
  id: zList(z.string()).optional().transform((ids) => (ids ?? []).filter(isId).slice(0, 80)),
  with_suspended: zBool.optional(),
});

/** Relationships, familiar followers, and followers/following lists. */
export function relationshipRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.get("/api/v1/accounts/relationships", authed(ctx, "read:follows"), async (c) => {
    const p = validate(idsSchema, await readParams(c));
    const rels = await findRelationships(ctx.sql, viewerId(c), p.id, { withSuspended: p.with_suspended ?? false });
    return c.json(rels.map(serializeRelationship));
  });

  app.get("/api/v1/accounts/familiar_followers", authed(ctx, "read:follows"), async (c) => {
    const p = validate(idsSchema, await readParams(c));
    const entries = await familiarFollowers(ctx.sql, viewerId(c), p.id);
    return c.json(await Promise.all(entries.map(async (e) => ({ id: e.id, accounts: await serializeAccountsById(ctx, e.accountIds) }))));
  });

  for (const kind of ["followers", "following"] as const) {
    app.get(`/api/v1/accounts/:id{[0-9]+}/${kind}`, scopeIfToken(ctx, "read:accounts"), async (c) => {
      const owner = await requireAvailableAccount(ctx.sql, c.req.param("id"));
      const page = pageParams(c.req.query(), 40, 80);
      if (!(await mayListConnections(ctx.sql, owner, optionalViewerId(c)))) return c.json([]);
      return accountPageResponse(ctx, c, await collectionPage(ctx.sql, owner.id, kind, page));
    });
  }

  return app;
}
