import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { searchAccounts } from "../../accounts/search.ts";
import { findAccount } from "../../accounts/queries.ts";
import { resolveRemoteAccount } from "../../federation/remote-accounts.ts";
import { searchStatuses, searchTags } from "../../search/statuses.ts";
import { isId } from "../../lib/ids.ts";
import { readParams, validate, zBool } from "../http/params.ts";
import { optionalViewerId, tokenOptional } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeAccountRow } from "./entities/account-list.ts";
import { serializeStatuses } from "./entities/status.ts";

const schema = z.object({
  q: z.string().trim().min(1).max(500),
  type: z.enum(["accounts", "hashtags", "statuses"]).optional(),
  resolve: zBool.default(false),
  following: zBool.default(false),
  account_id: z.string().refine(isId, "is not a valid id").optional(),
  max_id: z.string().refine(isId, "is not a valid id").optional(),
  min_id: z.string().refine(isId, "is not a valid id").optional(),
  limit: z.coerce.number().int().min(1).max(40).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

/** `GET /api/v2/search`: accounts, hashtags and full-text statuses. */
export function searchRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.get("/api/v2/search", tokenOptional(ctx), async (c) => {
    const p = validate(schema, await readParams(c));
    const viewer = optionalViewerId(c);
    // As Mastodon: without a token, no status search and no paging beyond the first page.
    const offset = viewer ? p.offset : 0;
    const wants = (type: string) => !p.type || p.type === type;
    // As Mastodon: only a signed-in search may fetch an unknown remote handle.
    const resolvedId = wants("accounts") && p.resolve && viewer && offset === 0 ? await resolveRemoteAccount(ctx, p.q) : undefined;
    const found = wants("accounts")
      ? await searchAccounts(ctx.sql, viewer, ctx.config.domain, { q: p.q, limit: p.limit, offset, following: p.following && viewer !== null })
      : [];
    const resolved = resolvedId && !found.some((a) => a.id === resolvedId) ? await findAccount(ctx.sql, resolvedId) : null;
    const accounts = resolved && !resolved.suspendedAt ? [resolved, ...found].slice(0, p.limit) : found;
    const tags = wants("hashtags") ? await searchTags(ctx.sql, p.q, p.limit, offset, viewer) : [];
    const statusIds = wants("statuses") && viewer
      ? await searchStatuses(ctx.sql, viewer, { q: p.q, limit: p.limit, offset, accountId: p.account_id ?? null, maxId: p.max_id ?? null, minId: p.min_id ?? null })
      : [];
    return c.json({
      accounts: await Promise.all(accounts.map((a) => serializeAccountRow(ctx, a))),
      statuses: await serializeStatuses(ctx, viewer, statusIds),
      hashtags: tags.map((t) => ({ id: t.id, name: t.name, url: `${ctx.config.origin}/tags/${encodeURIComponent(t.name)}`, history: [], following: t.following })),
    });
  });

  return app;
}
