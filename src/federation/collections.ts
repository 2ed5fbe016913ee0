import type { Federation } from "@fedify/fedify";
import type { AppContext } from "../context.ts";

const PAGE = 40;

interface Owner {
  id: string;
  hideCollections: boolean;
  followersCount: number;
  followingCount: number;
}

async function owner(ctx: AppContext, username: string): Promise<Owner | undefined> {
  const [row] = await ctx.sql<Owner[]>`
    select id, hide_collections, followers_count, following_count from accounts
    where domain is null and username = ${username} and suspended_at is null`;
  return row;
}

interface Member {
  uri: string | null;
  username: string;
  domain: string | null;
  inboxUrl: string | null;
  sharedInboxUrl: string | null;
}

/**
 * Followers and following collections: counts always, members in pages of 40 unless the
 * account hides its network (Mastodon's `hide_collections`), as Mastodon serves them.
 */
export function registerCollections(federation: Federation<AppContext>): void {
  const page = (cursor: string | null) => {
    const offset = Number(cursor);
    return Number.isInteger(offset) && offset >= 0 ? offset : null;
  };
  federation
    .setFollowersDispatcher("/users/{identifier}/followers", async (fctx, identifier, cursor) => {
      const o = await owner(fctx.data, identifier);
      const offset = page(cursor);
      if (!o || offset === null) return null;
      if (o.hideCollections) return { items: [] };
      const rows = await fctx.data.sql<Member[]>`
        select a.uri, a.username, a.domain, a.inbox_url, a.shared_inbox_url from follows f join accounts a on a.id = f.account_id
        where f.target_account_id = ${o.id} order by f.id limit ${PAGE} offset ${offset}`;
      return {
        items: rows.map((r) => r.domain === null
          ? { id: fctx.getActorUri(r.username), inboxId: fctx.getInboxUri(r.username), endpoints: { sharedInbox: fctx.getInboxUri() } }
          : { id: new URL(r.uri!), inboxId: r.inboxUrl ? new URL(r.inboxUrl) : null, endpoints: r.sharedInboxUrl ? { sharedInbox: new URL(r.sharedInboxUrl) } : null }),
        nextCursor: rows.length === PAGE ? String(offset + PAGE) : null,
      };
    })
    .setCounter(async (fctx, identifier) => (await owner(fctx.data, identifier))?.followersCount ?? null)
    .setFirstCursor(() => "0");
  federation
    .setFollowingDispatcher("/users/{identifier}/following", async (fctx, identifier, cursor) => {
      const o = await owner(fctx.data, identifier);
      const offset = page(cursor);
      if (!o || offset === null) return null;
      if (o.hideCollections) return { items: [] };
      const rows = await fctx.data.sql<Member[]>`
        select a.uri, a.username, a.domain, a.inbox_url, a.shared_inbox_url from follows f join accounts a on a.id = f.target_account_id
        where f.account_id = ${o.id} order by f.id limit ${PAGE} offset ${offset}`;
      return {
        items: rows.map((r) => (r.domain === null ? fctx.getActorUri(r.username) : new URL(r.uri!))),
        nextCursor: rows.length === PAGE ? String(offset + PAGE) : null,
      };
    })
    .setCounter(async (fctx, identifier) => (await owner(fctx.data, identifier))?.followingCount ?? null)
    .setFirstCursor(() => "0");
}
