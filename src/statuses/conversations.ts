import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";

/**
 * Direct conversations: each local participant of a direct status (its author and the accounts
 * it mentions) gets the conversation in their list, unread for everyone but the author.
 */
export async function recordDirectStatus(ctx: AppContext, statusId: string): Promise<void> {
  const [status] = await ctx.sql<{ accountId: string; conversationId: string | null; participants: string[] }[]>`
    select s.account_id, s.conversation_id,
      array(select distinct x from unnest(array_append(array(select account_id from mentions where status_id = s.id), s.account_id)) x order by x)::text[] as participants
    from statuses s where s.id = ${statusId} and s.visibility = 'direct' and s.deleted_at is null`;
  if (!status?.conversationId) return;
  const locals = await ctx.sql<{ id: string }[]>`
    select id from accounts where id = any(${status.participants}::bigint[]) and domain is null`;
  for (const { id } of locals) {
    const others = status.participants.filter((p) => p !== id);
    await ctx.sql`
      insert into account_conversations (account_id, conversation_id, participant_ids, last_status_id, unread)
      values (${id}, ${status.conversationId}, ${others}::bigint[], ${statusId}, ${id !== status.accountId})
      on conflict (account_id, conversation_id) do update set
        participant_ids = (select array(select distinct x from unnest(account_conversations.participant_ids || excluded.participant_ids) x order by x)),
        last_status_id = greatest(account_conversations.last_status_id, excluded.last_status_id),
        unread = account_conversations.unread or excluded.unread, updated_at = now()`;
  }
}

/** The conversations domain's reaction to new statuses. */
export function conversationJobs(ctx: AppContext): DomainJobs {
  return {
    name: "conversations",
    on: { "status.created": async ({ statusId }: { statusId: string }) => recordDirectStatus(ctx, statusId) },
  };
}
