import type { AppContext } from "../../../context.ts";
import { findAccounts } from "../../../accounts/queries.ts";
import { isGroupedType } from "../../../notifications/groups.ts";
import { serializeAccount } from "./account.ts";
import { serializeStatuses } from "./status.ts";
import { attachEmojis } from "./emoji.ts";
import { reportsOfNotifications } from "./report.ts";

/** A notification row as the serializers read it. */
export interface NotificationRow {
  id: string;
  type: string;
  fromAccountId: string;
  statusId: string | null;
  groupKey: string;
  createdAt: Date;
}

/** Group key as clients see it: shared by grouped types, `ungrouped-<id>` for the rest (as Mastodon). */
export function publicGroupKey(r: Pick<NotificationRow, "id" | "type" | "groupKey">, grouped: ReadonlySet<string> | null = null): string {
  const groupable = isGroupedType(r.type) && (grouped === null || grouped.has(r.type));
  return groupable ? r.groupKey : `ungrouped-${r.id}`;
}

/** Serializes notifications as Mastodon's Notification entity, dropping those whose status is no longer visible. */
export async function serializeNotifications(ctx: AppContext, viewer: string, rows: readonly NotificationRow[]): Promise<Record<string, unknown>[]> {
  const accounts = await findAccounts(ctx.sql, rows.map((r) => r.fromAccountId));
  const statusIds = rows.map((r) => r.statusId).filter((id): id is string => id !== null);
  const statuses = new Map((await serializeStatuses(ctx, viewer, statusIds, "notifications")).map((s) => [s.id as string, s]));
  const reports = await reportsOfNotifications(ctx, rows.filter((r) => r.type === "admin.report").map((r) => r.id));
  return attachEmojis(ctx, rows.flatMap((r) => {
    const account = accounts.get(r.fromAccountId);
    const status = r.statusId ? statuses.get(r.statusId) : undefined;
    const report = reports.get(r.id);
    if (!account || (r.statusId && !status)) return [];
    return [{
      id: r.id, type: r.type, group_key: publicGroupKey(r), created_at: new Date(r.createdAt).toISOString(),
      account: serializeAccount(ctx, account), ...(status ? { status } : {}), ...(report ? { report } : {}),
    }];
  }));
}

/** One of the viewer's notifications as the entity, or null when missing or no longer visible. */
export async function loadNotificationEntity(ctx: AppContext, viewer: string, id: string): Promise<Record<string, unknown> | null> {
  const rows = await ctx.sql<NotificationRow[]>`
    select id, type, from_account_id, status_id, group_key, created_at from notifications where id = ${id} and account_id = ${viewer}`;
  const [entity] = await serializeNotifications(ctx, viewer, rows);
  return entity ?? null;
}
