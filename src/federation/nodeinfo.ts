import type { Federation } from "@fedify/fedify";
import type { AppContext } from "../context.ts";

interface UsageRow {
  total: number;
  activeMonth: number;
  activeHalfyear: number;
  localPosts: number;
}

/** Serves NodeInfo 2.1 (Fedify links 2.0 clients to it too) with figures read from the database. */
export function registerNodeInfo(federation: Federation<AppContext>): void {
  federation.setNodeInfoDispatcher("/nodeinfo/2.1", async (fctx) => {
    const ctx = fctx.data;
    const [usage] = await ctx.sql<UsageRow[]>`
      select
        (select count(*)::int from accounts a join users u on u.account_id = a.id
          where a.domain is null and a.suspended_at is null and not u.disabled and u.approved) as total,
        (select count(*)::int from users where last_sign_in_at > now() - interval '30 days') as active_month,
        (select count(*)::int from users where last_sign_in_at > now() - interval '180 days') as active_halfyear,
        (select count(*)::int from statuses where local and deleted_at is null) as local_posts`;
    return {
      software: { name: "stoa", version: "0.1.0", repository: new URL("https://github.com/stoa-social/stoa") },
      protocols: ["activitypub"],
      openRegistrations: ctx.config.registrations !== "closed",
      usage: {
        users: { total: usage!.total, activeMonth: usage!.activeMonth, activeHalfyear: usage!.activeHalfyear },
        localPosts: usage!.localPosts,
        localComments: 0,
      },
      metadata: { nodeName: ctx.config.domain },
    };
  });
}
