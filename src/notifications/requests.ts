import type { Db } from "../db/database.ts";
import { enqueue } from "../jobs/queue.ts";
import type { NewNotification } from "./notify.ts";
import { STREAM_NOTIFICATION_JOB } from "./notify.ts";

/** Counts a filtered notification under the request of its sender (created on the first one). */
export async function fileUnderRequest(db: Db, n: NewNotification): Promise<void> {
  await db`
    insert into notification_requests (account_id, from_account_id, last_status_id, notifications_count)
    values (${n.accountId}, ${n.fromAccountId}, ${n.statusId ?? null}, 1)
    on conflict (account_id, from_account_id) do update set
      notifications_count = notification_requests.notifications_count + 1,
      last_status_id = coalesce(excluded.last_status_id, notification_requests.last_status_id), updated_at = now()`;
}

/**
 * Accepts requests: their senders' notifications reach the recipient from now on, and those
 * already filtered join the notifications list (and streams). Returns the accepted request ids.
 */
export async function acceptRequests(db: Db, accountId: string, requestIds: readonly string[]): Promise<string[]> {
  const requests = await db<{ id: string; fromAccountId: string }[]>`
    delete from notification_requests where account_id = ${accountId} and id = any(${requestIds}::bigint[])
    returning id, from_account_id`;
  if (requests.length === 0) return [];
  const senders = requests.map((r) => r.fromAccountId);
  await db`
    insert into notification_permissions (account_id, from_account_id)
    select ${accountId}, unnest(${senders}::bigint[]) on conflict do nothing`;
  const merged = await db<{ id: string }[]>`
    update notifications set filtered = false
    where account_id = ${accountId} and filtered and from_account_id = any(${senders}::bigint[]) returning id`;
  for (const { id } of merged) await enqueue(db, STREAM_NOTIFICATION_JOB, { notificationId: id });
  return requests.map((r) => r.id);
}

/** Dismisses requests and the filtered notifications they held. Returns the dismissed request ids. */
export async function dismissRequests(db: Db, accountId: string, requestIds: readonly string[]): Promise<string[]> {
  const requests = await db<{ id: string; fromAccountId: string }[]>`
    delete from notification_requests where account_id = ${accountId} and id = any(${requestIds}::bigint[])
    returning id, from_account_id`;
  if (requests.length === 0) return [];
  await db`
    delete from notifications where account_id = ${accountId} and filtered
      and from_account_id = any(${requests.map((r) => r.fromAccountId)}::bigint[])`;
  return requests.map((r) => r.id);
}

/** How many requests and filtered notifications wait for the recipient (the policy's summary). */
export async function pendingSummary(db: Db, accountId: string): Promise<{ pendingRequests: number; pendingNotifications: number }> {
  const [row] = await db<{ pendingRequests: number; pendingNotifications: number }[]>`
    select count(*)::int as pending_requests, coalesce(sum(notifications_count), 0)::int as pending_notifications
    from notification_requests where account_id = ${accountId}`;
  return row!;
}
