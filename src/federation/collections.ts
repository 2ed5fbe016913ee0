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
  federation
    .setFollowersDispatcher("/users/{identifier}/followers", async (fctx, identifier, cursor) => {
      const found = await membersPage(fctx.data, identifier, cursor, "followers");
      return found && {
        items: found.rows.map((r) => r.domain === null
          ? { id: fctx.getActorUri(r.username), inboxId: fctx.getInboxUri(r.username), endpoints: { sharedInbox: fctx.getInboxUri() } }
          : { id: new URL(r.uri!), inboxId: r.inboxUrl ? new URL(r.inboxUrl) : null, endpoints: r.sharedInboxUrl ? { sharedInbox: new URL(r.sharedInboxUrl) } : null }),
        nextCursor: found.nextCursor,
      };
    })
    .setCounter(async (fctx, identifier) => (await owner(fctx.data, identifier))?.followersCount ?? null)
    .setFirstCursor(() => "0");
  federation
    .setFollowingDispatcher("/users/{identifier}/following", async (fctx, identifier, cursor) => {
      const found = await membersPage(fctx.data, identifier, cursor, "following");
      return found && {
        items: found.rows.map((r) => (r.domain === null ? fctx.getActorUri(r.username) : new URL(r.uri!))),
        nextCursor: found.nextCursor,
      };
    })
    .setCounter(async (fctx, identifier) => (await owner(fctx.data, identifier))?.followingCount ?? null)
    .setFirstCursor(() => "0");
}

/** One page of an account's followers or followings (none when it hides them); null for an unknown account or a bad cursor. */
async function membersPage(ctx: AppContext, identifier: string, cursor: string | null, side: "followers" | "following") {
  const o = await owner(ctx, identifier);
  const offset = Number(cursor);
  if (!o || !Number.isInteger(offset) || offset < 0) return null;
  if (o.hideCollections) return { rows: [], nextCursor: null };
  const [member, self] = side === "followers" ? ["account_id", "target_account_id"] : ["target_account_id", "account_id"];
  const rows = await ctx.sql<Member[]>`
    select a.uri, a.username, a.domain, a.inbox_url, a.shared_inbox_url from follows f join accounts a on a.id = ${ctx.sql(`f.${member}`)}
    where ${ctx.sql(`f.${self}`)} = ${o.id} order by f.id limit ${PAGE} offset ${offset}`;
  return { rows, nextCursor: rows.length === PAGE ? String(offset + PAGE) : null };
}
