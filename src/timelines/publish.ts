import type { AppContext } from "../context.ts";
import type { Db } from "../db/database.ts";
import { recordDirectStatus } from "../statuses/conversations.ts";

/** A status event as it travels on pub/sub: small, with ids; each connection renders it for its viewer. */
export type StatusEvent = "update" | "delete" | "status.update";

/** Pub/sub channel names of the streaming timelines (one place, shared by publishers and the streaming API). */
export const channels = {
  user: (accountId: string) => `user:${accountId}`,
  list: (listId: string) => `list:${listId}`,
  direct: (accountId: string) => `direct:${accountId}`,
  public: (scope: "all" | "local" | "remote", onlyMedia: boolean) =>
    `timeline:public${scope === "all" ? "" : `:${scope}`}${onlyMedia ? ":media" : ""}`,
  hashtag: (tag: string, localOnly: boolean) => `timeline:hashtag${localOnly ? ":local" : ""}:${tag.toLowerCase()}`,
};

/**
 * Publishes a status event to the home streams of `recipients` (minus those who keep the
 * author in an exclusive list), to the lists that show it, and, for public originals,
 * to the public and hashtag streams.
 */
export async function publishStatusEvent(ctx: AppContext, statusId: string, event: StatusEvent, recipients: readonly string[]): Promise<void> {
  const targets = await streamTargets(ctx.sql, statusId, recipients);
  // All at once: one message per channel, so no order to keep, and Redis pipelines them.
  await Promise.all(targets.map((channel) => ctx.pubsub.publish(channel, { event, id: statusId })));
}

async function streamTargets(db: Db, statusId: string, recipients: readonly string[]): Promise<string[]> {
  const [status] = await db<{ local: boolean; isPublic: boolean; hasMedia: boolean; tags: string[] }[]>`
    select s.local, s.visibility = 'public' and s.reblog_of_id is null as is_public,
      exists (select 1 from media_attachments m where m.status_id = s.id) as has_media,
      array(select t.name from status_tags st join tags t on t.id = st.tag_id where st.status_id = s.id) as tags
    from statuses s where s.id = ${statusId}`;
  if (!status) return [];
  const home = await db<{ accountId: string }[]>`
    select r as account_id from unnest(${recipients}::bigint[]) r
    where not exists (select 1 from lists l join list_accounts la on la.list_id = l.id
                      where l.account_id = r and l.exclusive and la.account_id = (select account_id from statuses where id = ${statusId}))`;
  const lists = await listsShowing(db, statusId, recipients);
  const targets = [...home.map((r) => channels.user(r.accountId)), ...lists.map(channels.list)];
  if (!status.isPublic) return targets;
  const scope = status.local ? "local" : "remote";
  for (const onlyMedia of status.hasMedia ? [false, true] : [false]) {
    targets.push(channels.public("all", onlyMedia), channels.public(scope, onlyMedia));
  }
  for (const tag of status.tags) {
    targets.push(channels.hashtag(tag, false));
    if (status.local) targets.push(channels.hashtag(tag, true));
  }
  return targets;
}

/** Lists of the recipients that hold the author and whose replies policy lets the status in. */
async function listsShowing(db: Db, statusId: string, recipients: readonly string[]): Promise<string[]> {
  if (recipients.length === 0) return [];
  const rows = await db<{ id: string }[]>`
    select l.id from statuses s
    join list_accounts la on la.account_id = s.account_id
    join lists l on l.id = la.list_id and l.account_id = any(${recipients}::bigint[])
    where s.id = ${statusId} and ${listRepliesPolicy(db, "l", "s")}`;
  return rows.map((r) => r.id);
}

/**
 * SQL condition: status `s` passes list `l`'s replies policy — replies show to anyone the
 * list's owner follows (`followed`), to list members (`list`), or not at all (`none`);
 * self-replies always show except under `none`.
 */
export function listRepliesPolicy(db: Db, listAlias: string, statusAlias: string) {
  const [l, s] = [db(listAlias), db(statusAlias)];
  return db`(${s}.in_reply_to_id is null
    or (${l}.replies_policy <> 'none' and (${s}.in_reply_to_account_id is null or ${s}.in_reply_to_account_id = ${s}.account_id))
    or (${l}.replies_policy = 'followed' and exists (select 1 from follows f where f.account_id = ${l}.account_id and f.target_account_id = ${s}.in_reply_to_account_id))
    or (${l}.replies_policy = 'list' and exists (select 1 from list_accounts x where x.list_id = ${l}.id and x.account_id = ${s}.in_reply_to_account_id)))`;
}

/**
 * Direct statuses reach their local participants' `direct` streams: `conversation` when
 * posted (the conversation is brought up to date first), `delete` when removed.
 */
export async function publishDirectEvent(ctx: AppContext, statusId: string, event: "conversation" | "delete"): Promise<void> {
  const rows = await ctx.sql<{ id: string }[]>`
    select a.id from statuses s join accounts a on a.domain is null
      and (a.id = s.account_id or a.id in (select account_id from mentions where status_id = s.id))
    where s.id = ${statusId} and s.visibility = 'direct'`;
  if (rows.length > 0 && event === "conversation") await recordDirectStatus(ctx, statusId);
  for (const r of rows) await ctx.pubsub.publish(channels.direct(r.id), { event, id: statusId });
}
