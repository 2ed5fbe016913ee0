import type { Db } from "../db/database.ts";
import { enqueue } from "../jobs/queue.ts";
import { groupStem, hourBucket, MAX_GROUP_SPAN_HOURS } from "./groups.ts";
import { policyDecision } from "./policy.ts";
import { fileUnderRequest } from "./requests.ts";

/** Every notification type Stoa records (Mastodon's, plus `governance`). */
export const NOTIFICATION_TYPES = [
  "mention", "status", "reblog", "follow", "follow_request", "favourite", "poll", "update", "quote",
  "quoted_update", "admin.sign_up", "admin.report", "moderation_warning", "severed_relationships", "governance",
] as const;

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface NewNotification {
  accountId: string;
  fromAccountId: string;
  type: NotificationType;
  statusId?: string | null;
  /** The report an admin.report notification is about. */
  reportId?: string | null;
  /** Poll results reach the poll's author too, who is also their "sender". */
  allowSelf?: boolean;
}

/** Job kind that streams a committed notification to the recipient's connections. */
export const STREAM_NOTIFICATION_JOB = "notifications.stream";

/**
 * Records a notification in the caller's transaction and enqueues its delivery to streams.
 * Nobody is notified of their own actions, by someone they block or mute with notifications
 * hidden, or about a conversation they muted; those are dropped here so every caller gets the same rule.
 * The recipient's notification policy then accepts it, drops it, or files it as filtered
 * under a notification request (filtered notifications are not streamed).
 * Returns the notification id, or null when dropped.
 */
export async function createNotification(db: Db, n: NewNotification): Promise<string | null> {
  if (n.accountId === n.fromAccountId && !n.allowSelf) return null;
  const decision = n.accountId === n.fromAccountId ? "accept" : await policyDecision(db, n);
  if (decision === "drop") return null;
  const filtered = decision === "filter";
  const [row] = await db<{ id: string }[]>`
    insert into notifications (account_id, from_account_id, type, status_id, group_key, filtered, report_id)
    select ${n.accountId}, ${n.fromAccountId}, ${n.type}, ${n.statusId ?? null}, ${groupKey(db, n)}, ${filtered}, ${n.reportId ?? null}
    where not exists (select 1 from blocks where account_id = ${n.accountId} and target_account_id = ${n.fromAccountId})
      and not exists (select 1 from mutes where account_id = ${n.accountId} and target_account_id = ${n.fromAccountId}
                      and hide_notifications and (expires_at is null or expires_at > now()))
      and exists (select 1 from users where account_id = ${n.accountId})
      and not exists (select 1 from conversation_mutes cm join statuses s on s.conversation_id = cm.conversation_id
                      where cm.account_id = ${n.accountId} and s.id = ${n.statusId ?? null})
    returning id`;
  if (!row) return null;
  if (filtered) await fileUnderRequest(db, n);
  else await enqueue(db, STREAM_NOTIFICATION_JOB, { notificationId: row.id });
  return row.id;
}

/**
 * The stored group key: grouped types share `<stem>-<hour bucket>` with the recipient's
 * open group of the same stem (one started less than MAX_GROUP_SPAN_HOURS ago), as Mastodon;
 * other types get a key of their own (clients see `ungrouped-<id>`).
 */
function groupKey(db: Db, n: NewNotification) {
  const stem = groupStem(n.type, n.statusId);
  if (!stem) return db`'ungrouped'`;
  const bucket = hourBucket(new Date());
  return db`coalesce(
    (select g.group_key from notifications g
     where g.account_id = ${n.accountId} and g.group_key like ${`${stem}-%`}
       and substring(g.group_key from '-([0-9]+)$')::bigint between ${bucket - MAX_GROUP_SPAN_HOURS + 1} and ${bucket}
     order by g.id desc limit 1),
    ${`${stem}-${bucket}`})`;
}
