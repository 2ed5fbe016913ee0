import type { Db } from "../db/database.ts";
import { enqueue } from "../jobs/queue.ts";

export type NotificationType =
  | "mention" | "status" | "reblog" | "follow" | "follow_request" | "favourite" | "poll" | "update" | "quote"
  | "quoted_update" | "admin.sign_up" | "admin.report" | "moderation_warning" | "severed_relationships" | "governance";

export interface NewNotification {
  accountId: string;
  fromAccountId: string;
  type: NotificationType;
  statusId?: string | null;
  /** Poll results reach the poll's author too, who is also their "sender". */
  allowSelf?: boolean;
}

/** Job kind that streams a committed notification to the recipient's connections. */
export const STREAM_NOTIFICATION_JOB = "notifications.stream";

/**
 * Records a notification in the caller's transaction and enqueues its delivery to streams.
 * Nobody is notified of their own actions, by someone they block or mute with notifications
 * hidden, or about a conversation they muted; those are dropped here so every caller gets the same rule.
 * Returns the notification id, or null when dropped.
 */
export async function createNotification(db: Db, n: NewNotification): Promise<string | null> {
  if (n.accountId === n.fromAccountId && !n.allowSelf) return null;
  const [row] = await db<{ id: string }[]>`
    insert into notifications (account_id, from_account_id, type, status_id, group_key)
    select ${n.accountId}, ${n.fromAccountId}, ${n.type}, ${n.statusId ?? null}, ${groupKey(n)}
    where not exists (select 1 from blocks where account_id = ${n.accountId} and target_account_id = ${n.fromAccountId})
      and not exists (select 1 from mutes where account_id = ${n.accountId} and target_account_id = ${n.fromAccountId}
                      and hide_notifications and (expires_at is null or expires_at > now()))
      and exists (select 1 from users where account_id = ${n.accountId})
      and not exists (select 1 from conversation_mutes cm join statuses s on s.conversation_id = cm.conversation_id
                      where cm.account_id = ${n.accountId} and s.id = ${n.statusId ?? null})
    returning id`;
  if (!row) return null;
  await enqueue(db, STREAM_NOTIFICATION_JOB, { notificationId: row.id });
  return row.id;
}

/** Favourites, boosts and follows of the same thing group together (grouped notifications, v2). */
function groupKey(n: NewNotification): string {
  if ((n.type === "favourite" || n.type === "reblog") && n.statusId) return `${n.type}-${n.statusId}`;
  if (n.type === "follow") return `follow-${n.accountId}`;
  return `ungrouped-${n.type}-${n.fromAccountId}-${n.statusId ?? "none"}-${Date.now()}`;
}
