import type { Context } from "hono";
import type { AppContext } from "../../context.ts";
import type { CollectionItem } from "../../social/collections.ts";
import { setLinkHeader } from "../http/pagination.ts";
import { serializeAccountsById } from "./entities/account-list.ts";

/** Answers with a page of accounts from a collection, with the Link header that pages through it. */
export async function accountPageResponse(ctx: AppContext, c: Context, items: readonly CollectionItem[], options: { muteExpiry?: boolean } = {}): Promise<Response> {
  setLinkHeader(c, ctx.config.origin, items.map((i) => i.pageId));
  const accounts = await serializeAccountsById(ctx, items.map((i) => i.accountId));
  if (!options.muteExpiry) return c.json(accounts);
  // The mutes list tells each account's mute expiry (null when indefinite).
  const expiry = new Map(items.map((i) => [i.accountId, i.expiresAt]));
  return c.json(accounts.map((a) => {
    const expiresAt = expiry.get(a.id as string);
    return { ...a, mute_expires_at: expiresAt ? new Date(expiresAt).toISOString() : null };
  }));
}
