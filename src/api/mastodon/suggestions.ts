import { Hono } from "hono";
import type { AppContext } from "../../context.ts";
import { dismissSuggestion, suggestAccounts, type SuggestionSource } from "../../social/suggestions.ts";
import { authed, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeAccountsById } from "./entities/account-list.ts";

// The deprecated single `source` that older clients still read, for each of our sources.
const LEGACY_SOURCE: Record<SuggestionSource, string> = { friends_of_friends: "past_interactions", most_interactions: "global" };

function limitOf(raw: string | undefined): number {
  const n = Number.parseInt(raw ?? "", 10);
  return Number.isFinite(n) ? Math.min(Math.max(n, 1), 80) : 40;
}

/** Follow suggestions (v2 with reasons, v1 as plain accounts) and dismissing them. */
export function suggestionRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.get("/api/v2/suggestions", authed(ctx, "read"), async (c) => {
    const suggestions = await suggestAccounts(ctx.sql, viewerId(c), limitOf(c.req.query("limit")));
    const accounts = await serializeAccountsById(ctx, suggestions.map((s) => s.accountId));
    const byId = new Map(accounts.map((a) => [a.id as string, a]));
    return c.json(suggestions.flatMap((s) => {
      const account = byId.get(s.accountId);
      return account ? [{ source: LEGACY_SOURCE[s.source], sources: [s.source], account }] : [];
    }));
  });

  app.get("/api/v1/suggestions", authed(ctx, "read"), async (c) => {
    const suggestions = await suggestAccounts(ctx.sql, viewerId(c), limitOf(c.req.query("limit")));
    return c.json(await serializeAccountsById(ctx, suggestions.map((s) => s.accountId)));
  });

  app.delete("/api/v1/suggestions/:id{[0-9]+}", authed(ctx, "read"), async (c) => {
    await dismissSuggestion(ctx.sql, viewerId(c), c.req.param("id"));
    return c.json({});
  });

  return app;
}
