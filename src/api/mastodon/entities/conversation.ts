import type { AppContext } from "../../../context.ts";
import { serializeAccountsById } from "./account-list.ts";
import { serializeStatuses } from "./status.ts";

/**
 * The viewer's Conversation entity for the conversation a status belongs to (what the
 * `direct` stream sends), or null when the viewer takes no part in it or cannot see the status.
 */
export async function serializeConversationOfStatus(ctx: AppContext, viewerId: string, statusId: string): Promise<Record<string, unknown> | null> {
  const [row] = await ctx.sql<{ id: string; participantIds: string[]; lastStatusId: string | null; unread: boolean }[]>`
    select ac.id, ac.participant_ids::text[] as participant_ids, ac.last_status_id, ac.unread
    from account_conversations ac join statuses s on s.conversation_id = ac.conversation_id
    where ac.account_id = ${viewerId} and s.id = ${statusId}`;
  if (!row?.lastStatusId) return null;
  const [lastStatus] = await serializeStatuses(ctx, viewerId, [row.lastStatusId]);
  if (!lastStatus) return null;
  return { id: row.id, unread: row.unread, accounts: await serializeAccountsById(ctx, row.participantIds), last_status: lastStatus };
}
