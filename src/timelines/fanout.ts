import type { Db } from "../db/database.ts";
import { createNotification } from "../notifications/notify.ts";

/**
 * Fan-out on write: a new status enters the home feed of its author and of every local
 * recipient allowed to see it, in one set-based statement, with Mastodon's home filters
 * (mutes, blocks and domain blocks of the author or of a boost's original author, hidden
 * boosts, follow languages, replies to strangers, a boost of what the feed already holds).
 * Idempotent (`on conflict do nothing`). Returns the accounts that received it.
 */
export async function fanOutStatus(db: Db, statusId: string): Promise<string[]> {
  const rows = await db<{ accountId: string }[]>`
    insert into home_feed (account_id, status_id)
    select r.account_id, s.id from statuses s
    join accounts author on author.id = s.account_id
    left join statuses o on o.id = s.reblog_of_id
    left join accounts oa on oa.id = o.account_id
    cross join lateral (
      select s.account_id
      union
      select f.account_id from follows f join accounts fa on fa.id = f.account_id and fa.domain is null
      where f.target_account_id = s.account_id
        and s.visibility in ('public', 'unlisted', 'private')
        and (s.reblog_of_id is null or f.show_reblogs)
        and (f.languages is null or cardinality(f.languages) = 0 or coalesce(o.language, s.language) is null
             or coalesce(o.language, s.language) = any(f.languages))
      union
      select ft.account_id from followed_tags ft join status_tags st on st.tag_id = ft.tag_id
      where st.status_id = s.id and s.visibility = 'public' and s.reblog_of_id is null
      union
      select m.account_id from mentions m join accounts ma on ma.id = m.account_id and ma.domain is null
      where m.status_id = s.id and s.visibility = 'direct'
    ) r
    where s.id = ${statusId} and s.deleted_at is null and author.suspended_at is null
      and (r.account_id = s.account_id or (
        ${notSilencedBy(db, "r.account_id", "s.account_id", "author.domain")}
        and (o.id is null or (o.deleted_at is null and o.visibility in ('public', 'unlisted')
             and ${notSilencedBy(db, "r.account_id", "o.account_id", "oa.domain")}))
        and (s.in_reply_to_account_id is null or s.in_reply_to_account_id in (s.account_id, r.account_id)
             or s.visibility = 'direct'
             or exists (select 1 from follows rf where rf.account_id = r.account_id and rf.target_account_id = s.in_reply_to_account_id))
        and not exists (select 1 from home_feed h join statuses e on e.id = h.status_id
                        where s.reblog_of_id is not null and h.account_id = r.account_id
                          and (e.id = s.reblog_of_id or e.reblog_of_id = s.reblog_of_id))))
    on conflict do nothing
    returning account_id`;
  return rows.map((r) => r.accountId);
}

/** Neither side blocks the other, the recipient does not mute the author, nor block the author's domain. */
function notSilencedBy(db: Db, recipientColumn: string, authorColumn: string, domainColumn: string) {
  const [recipient, author, domain] = [db(recipientColumn), db(authorColumn), db(domainColumn)];
  return db`not exists (select 1 from blocks b where (b.account_id = ${recipient} and b.target_account_id = ${author})
                                              or (b.account_id = ${author} and b.target_account_id = ${recipient}))
    and not exists (select 1 from mutes mu where mu.account_id = ${recipient} and mu.target_account_id = ${author}
                    and (mu.expires_at is null or mu.expires_at > now()))
    and not exists (select 1 from account_domain_blocks d where d.account_id = ${recipient} and d.domain = ${domain})`;
}

/**
 * `status` notifications for the recipients who asked to be notified of the author's posts
 * (follow with notify), as Mastodon: originals and self-replies only, and only when the post
 * reached their home feed. Those already notified of it are skipped, so a retry never doubles them.
 */
export async function notifySubscribers(db: Db, statusId: string, recipients: readonly string[]): Promise<void> {
  if (recipients.length === 0) return;
  const rows = await db<{ accountId: string; authorId: string }[]>`
    select f.account_id, s.account_id as author_id from statuses s
    join follows f on f.target_account_id = s.account_id and f.notify
    where s.id = ${statusId} and s.reblog_of_id is null and s.visibility <> 'direct'
      and (s.in_reply_to_account_id is null or s.in_reply_to_account_id = s.account_id)
      and f.account_id = any(${recipients}::bigint[])
      and not exists (select 1 from notifications n where n.account_id = f.account_id and n.type = 'status' and n.status_id = s.id)`;
  for (const r of rows) await createNotification(db, { accountId: r.accountId, fromAccountId: r.authorId, type: "status", statusId });
}
